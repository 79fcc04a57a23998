// SPDX-License-Identifier: MIT
// Hostile peers against the Redis client and the SubHub: huge declared sizes, endless bulks and
// lines, a stall mid-reply, truncated replies, random bytes. Each ends in the documented error
// (RedisProtocolError, RedisTimeout, ConnectionClosed) within its timeout, the client recovers
// on a new connection, and the process's peak memory grows by less than 64 MiB.
#include "dieseltest.h"
#include "fake_server.h"
#include "peak_rss.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <functional>
#include <random>
#include <string>

using namespace std::string_literals;
using diesel::redis::RedisClient;
using diesel::redis::RedisOptions;
using diesel::redis::RedisProtocolError;
using diesel::redis::RedisTimeout;

namespace {
constexpr long long kMaxGrowth = 64LL << 20;

// A fake server: for each line it reads, act(connection number, line number) does the answering.
// A command's first line (its array header) is enough to answer; the lines of its arguments are
// counted too. Connections and lines are numbered from 1 in the order they came.
class HostilePeer : public dtest::FakeServer
{
public:
    using Act = std::function<void(int connection, int line)>;
    explicit HostilePeer(Act act)
        : FakeServer([act = std::move(act)](int connection) {
            for (int line = 1;; ++line) {
                diesel::until("\r\n");
                act(connection, line);
            }
        })
    {}
};

using dtest::stall;

RedisOptions short_timeouts()
{
    RedisOptions options;
    options.command_timeout = diesel::Seconds(0.5);
    return options;
}

// What a command threw: "protocol: ...", "timeout: ...", "closed: ..." or "no error".
template<class F>
std::string outcome(F &&command)
{
    try {
        command();
        return "no error";
    } catch (const RedisProtocolError &e) {
        return "protocol: "s + e.what();
    } catch (const RedisTimeout &e) {
        return "timeout: "s + e.what();
    } catch (const diesel::ConnectionClosed &e) {
        return "closed: "s + e.what();
    }
}

bool contains(const std::string &text, const char *part)
{
    return text.find(part) != std::string::npos;
}
} // namespace

class TestRedisHostile : public QObject
{
    Q_OBJECT

private:
    // Runs GET against a peer answering `reply` then stalling, with `options`; checks that the
    // client can go on afterwards (the second connection gets "+OK") and that memory stayed
    // bounded; stores what GET threw in m_outcome.
    void against(const std::string &reply, RedisOptions options = short_timeouts())
    {
        std::string &result = m_outcome;
        result = "not run";
        dtest::PeakRss rss;
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([&](int connection, int) {
                if (connection > 1) {
                    diesel::send("+OK\r\n");
                    return;
                }
                diesel::send(reply);
                stall();
            });
            RedisClient c("127.0.0.1", peer.port(), options);
            result = outcome([&] { c.get("k"); });
            QVERIFY(!c.is_connected()); // dropped: it cannot be resynchronised
            QCOMPARE(c.call({"PING"}), diesel::redis::Reply::status("OK")); // a new connection
            QCOMPARE(peer.connections(), 2);
            c.close();
        }));
        QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
    }
    std::string m_outcome;

    // A Loop cancelled while GET's reply is half in (`first` came, `rest` comes at 0.3 s): the
    // next reader discards the rest of it and the connection goes on.
    void killed_mid_reply(const std::string &first, const std::string &rest)
    {
        int connections = 0;
        diesel::Service peer(
            [&](const diesel::Address &) {
                ++connections;
                for (;;) {
                    const int words = std::stoi(diesel::until("\r\n").substr(1));
                    std::string name;
                    for (int i = 0; i < words; ++i) {
                        diesel::until("\r\n"); // $length
                        const std::string word = diesel::until("\r\n");
                        if (i == 0)
                            name = word.substr(0, word.size() - 2);
                    }
                    if (name == "GET") {
                        diesel::send(first);
                        diesel::sleep(0.3);
                        diesel::send(rest);
                    } else if (name == "LRANGE") {
                        diesel::send("*1\r\n+x\r\n");
                    } else {
                        diesel::send("+PONG\r\n");
                    }
                }
            },
            0, "127.0.0.1");
        peer.start();
        QVERIFY(dtest::run_in_loop([&] {
            RedisClient c("127.0.0.1", peer.port(), short_timeouts());
            bool got = false;
            diesel::LoopHandle victim = diesel::fork([&] {
                c.get("k");
                got = true;
            });
            diesel::sleep(0.15); // `first` is in, `rest` comes at 0.3 s
            victim.cancel("killed mid-reply");
            QVERIFY(dtest::settle([&] { return !victim.running(); }));
            QVERIFY(!got);
            QCOMPARE(c.ping(), std::string("PONG"));
            QCOMPARE(c.ping(), std::string("PONG"));
            QCOMPARE(c.call({"LRANGE", "k", "0", "-1"}),
                     diesel::redis::Reply::array({diesel::redis::Reply::status("x")}));
            QVERIFY(c.is_connected());
            QCOMPARE(connections, 1);
            c.close();
        }));
        peer.stop();
    }

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    // Defects 1 and 2: "*2147483647" threw std::bad_alloc out of the client.
    void hugeDeclaredArrayIsAProtocolError()
    {
        against("*2147483647\r\n");
        const std::string &error = m_outcome;
        QVERIFY2(error.starts_with("protocol: "), error.c_str());
        QVERIFY2(contains(error, "max_array_count"), error.c_str());
    }

    // Defect 1: "*10000000" allocated 714 MB up front; now nothing is allocated before the
    // elements come, and the silence ends in the command timeout.
    void declaredArrayReservesNothing()
    {
        against("*10000000\r\n");
        const std::string &error = m_outcome;
        QVERIFY2(error.starts_with("timeout: "), error.c_str());
        QVERIFY2(contains(error, "command_timeout"), error.c_str());
    }

    void hugeDeclaredBulkIsAProtocolError()
    {
        against("$2147483647\r\n");
        const std::string &error = m_outcome;
        QVERIFY2(error.starts_with("protocol: "), error.c_str());
        QVERIFY2(contains(error, "max_bulk_length"), error.c_str());
    }

    void bulkPastTheReplySizeIsAProtocolError()
    {
        RedisOptions options = short_timeouts();
        options.max_reply_size = 1 << 20;
        against("$2000000\r\n", options);
        const std::string &error = m_outcome;
        QVERIFY2(contains(error, "max_reply_size"), error.c_str());
    }

    // The limits hold at their edge where a reply is parsed in the connection's buffer: a bulk
    // of max_bulk_length bytes, or one whose Reply and text take max_reply_size, is taken; one
    // byte more is refused.
    void limitsHoldAtTheirEdge()
    {
        for (const bool by_reply_size : {false, true}) {
            RedisOptions options = short_timeouts();
            if (by_reply_size)
                options.max_reply_size = sizeof(diesel::redis::Reply) + 10;
            else
                options.max_bulk_length = 10;
            std::string value;
            std::string error;
            QVERIFY(dtest::run_in_loop([&] {
                // act() sees each line, and "GET k" is five: the second GET begins at line 6.
                HostilePeer peer([](int, int line) {
                    if (line == 1)
                        diesel::send("$10\r\n0123456789\r\n");
                    if (line == 6) {
                        diesel::send("$11\r\n0123456789a\r\n");
                        stall();
                    }
                });
                RedisClient c("127.0.0.1", peer.port(), options);
                value = c.get("k").value_or("nil");
                error = outcome([&] { c.get("k"); });
                c.close();
            }));
            QCOMPARE(value, std::string("0123456789"));
            QVERIFY2(contains(error, by_reply_size ? "max_reply_size" : "max_bulk_length"),
                     error.c_str());
        }
    }

    // Defect 3: "+OK\n" without "\r" hung the calling Loop forever.
    void stallMidReplyIsATimeout()
    {
        against("+OK\n");
        const std::string &error = m_outcome;
        QVERIFY2(error.starts_with("timeout: "), error.c_str());
        QVERIFY2(contains(error, "GET"), error.c_str());
    }

    void truncatedBulkIsATimeout()
    {
        against("*2\r\n$5\r\nhel");
        const std::string &error = m_outcome;
        QVERIFY2(error.starts_with("timeout: "), error.c_str());
    }

    // An endless stream of elements (or of a line) is cut at the reply size, not at memory's end.
    void endlessArrayIsCutAtTheReplySize()
    {
        RedisOptions options = short_timeouts();
        options.max_reply_size = 8 << 20;
        options.command_timeout = diesel::Seconds(60); // the size limit must come first
        std::string error;
        dtest::PeakRss rss;
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([](int, int) {
                diesel::send("*16000000\r\n");
                std::string chunk;
                for (int i = 0; i < 16384; ++i)
                    chunk += ":1\r\n";
                for (;;) {
                    diesel::send(chunk);
                    diesel::sleep(0); // let the client read
                }
            });
            RedisClient c("127.0.0.1", peer.port(), options);
            error = outcome([&] { c.call({"LRANGE", "k", "0", "-1"}); });
        }));
        QVERIFY2(error.starts_with("protocol: "), error.c_str());
        QVERIFY2(contains(error, "max_reply_size"), error.c_str());
        QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
    }

    void endlessStatusLineIsCutAtTheBulkLength()
    {
        RedisOptions options = short_timeouts();
        options.max_bulk_length = 4 << 20;
        options.command_timeout = diesel::Seconds(60);
        std::string error;
        dtest::PeakRss rss;
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([](int, int) {
                diesel::send("+");
                const std::string chunk(65536, 'a');
                for (;;) {
                    diesel::send(chunk);
                    diesel::sleep(0);
                }
            });
            RedisClient c("127.0.0.1", peer.port(), options);
            error = outcome([&] { c.get("k"); });
        }));
        QVERIFY2(error.starts_with("protocol: "), error.c_str());
        QVERIFY2(contains(error, "max_bulk_length"), error.c_str());
        QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
    }

    // A slow endless bulk: bytes keep coming, but the reply never completes in time.
    void slowEndlessBulkIsATimeout()
    {
        std::string error;
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([](int, int) {
                diesel::send("$100000000\r\n");
                for (;;) {
                    diesel::send(std::string(100, 'x'));
                    diesel::sleep(0.01);
                }
            });
            RedisClient c("127.0.0.1", peer.port(), short_timeouts());
            error = outcome([&] { c.get("k"); });
        }));
        QVERIFY2(error.starts_with("timeout: "), error.c_str());
    }

    // A blocking command's own timeout is added to the command timeout; 0 waits forever.
    void blockingCommandsWaitTheirOwnTimeoutToo()
    {
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([](int, int) {
                diesel::sleep(1.0); // the server blocks for the command's timeout, then nil
                diesel::send("*-1\r\n");
            });
            RedisClient c("127.0.0.1", peer.port(), short_timeouts());
            QVERIFY(!c.blpop({"list"}, diesel::Seconds(2)).has_value()); // 0.5 s + 2 s allowed
            QVERIFY(!c.blpop({"list"}, diesel::Seconds(0)).has_value()); // forever
            QCOMPARE(peer.connections(), 1);
            QVERIFY_THROWS_EXCEPTION(RedisTimeout, c.get("k")); // not blocking: 0.5 s
            c.close();
        }));
    }

    // Replies whole in the buffer are parsed where they lie, the others by hiredis: a batch of
    // every kind arriving in one piece, and replies split anywhere (after the type byte, inside
    // a header, inside a body), come back as sent and in order.
    void repliesOfEveryKindAndSplitAnywhereKeepTheirOrder()
    {
        using diesel::redis::Reply;
        const std::string batch = "+OK\r\n-ERR bad\r\n:-42\r\n$-1\r\n$0\r\n\r\n$4\r\na\r\nb\r\n"
                                  "*2\r\n$1\r\nx\r\n:1\r\n+after array\r\n";
        const std::vector<Reply> batch_replies{Reply::status("OK"),
                                               Reply::error("ERR bad"),
                                               Reply::integer(-42),
                                               Reply::nil(),
                                               Reply::bulk(""),
                                               Reply::bulk("a\r\nb"),
                                               Reply::array({Reply::bulk("x"), Reply::integer(1)}),
                                               Reply::status("after array")};
        // What the peer sends, piece by piece, for each single command after the batch.
        const std::vector<std::vector<std::string>> split{
            {"+", ":5\r\n"},                 // a status whose text looks like an integer
            {"$", "5\r\nhello\r\n"},         // a bulk cut after its type byte
            {"$5\r", "\nhel", "lo\r", "\n"}, // cut inside the header, the body and its end
            {":12", "3\r\n+next\r\n"},       // the rest comes with the next command's reply
            {}};                             // (so nothing more for that one)
        const std::vector<Reply> split_replies{Reply::status(":5"), Reply::bulk("hello"),
                                               Reply::bulk("hello"), Reply::integer(123),
                                               Reply::status("next")};
        diesel::Service peer(
            [&](const diesel::Address &) {
                for (std::size_t command = 0;; ++command) {
                    const int words = std::stoi(diesel::until("\r\n").substr(1));
                    for (int i = 0; i < 2 * words; ++i)
                        diesel::until("\r\n"); // "$length", then the word
                    if (command + 1 == batch_replies.size())
                        diesel::send(batch); // all at once, after the batch's last command
                    if (command < batch_replies.size())
                        continue;
                    for (const std::string &piece : split.at(command - batch_replies.size())) {
                        diesel::send(piece);
                        diesel::sleep(0.02); // arrives as a read of its own
                    }
                }
            },
            0, "127.0.0.1");
        peer.start();
        QVERIFY(dtest::run_in_loop([&] {
            RedisClient c("127.0.0.1", peer.port(), short_timeouts());
            auto pipeline = c.pipeline();
            for (std::size_t i = 0; i < batch_replies.size(); ++i)
                pipeline.call({"PING"});
            QCOMPARE(pipeline.execute(false), batch_replies);
            for (const Reply &expected : split_replies) {
                Reply reply;
                try {
                    reply = c.call({"PING"});
                } catch (const diesel::redis::RedisError &e) {
                    reply = Reply::error(e.what());
                }
                QCOMPARE(reply, expected);
            }
            QVERIFY(c.is_connected());
            c.close();
        }));
        peer.stop();
    }

    // A Loop killed while its reply is half in: the next command reads its own reply on the
    // same connection; the client discards the rest of the killed Loop's reply.
    void loopKilledMidReplyKeepsTheConnection() { killed_mid_reply("$5\r\nhel", "lo\r\n"); }

    // Cut between an array's elements: what comes next is that array's last element, not a
    // reply of its own, though it looks like one.
    void loopKilledMidArrayKeepsTheConnection() { killed_mid_reply("*2\r\n+a\r\n", "+b\r\n"); }

    void peerHangingUpMidReplyIsConnectionClosed()
    {
        std::string error;
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([](int, int) {
                diesel::send("*3\r\n:1\r\n$10\r\nhalf");
                throw diesel::ConnectionClosed("the fake server hangs up");
            });
            RedisClient c("127.0.0.1", peer.port(), short_timeouts());
            error = outcome([&] { c.get("k"); });
        }));
        QVERIFY2(error.starts_with("closed: "), error.c_str());
    }

    // Random bytes: whatever they are, the client throws one of its documented errors (or, by
    // chance, reads a reply) in time, and nothing else escapes.
    void randomBytes()
    {
        dtest::PeakRss rss;
        for (unsigned seed = 1; seed <= 40; ++seed) {
            std::mt19937 random(seed);
            std::string bytes(1 + random() % 4096, '\0');
            for (char &b : bytes)
                b = static_cast<char>(random());
            if (seed % 2 == 0)
                bytes[0] = "+-:$*"[seed % 5]; // a plausible start
            bool ended = false;
            QVERIFY(dtest::run_in_loop([&] {
                HostilePeer peer([&](int, int) {
                    diesel::send(bytes);
                    stall();
                });
                RedisClient c("127.0.0.1", peer.port(), short_timeouts());
                try {
                    c.get("k");
                } catch (const diesel::Error &) {
                }
                ended = true;
                c.close();
            }));
            QVERIFY(ended);
        }
        QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
    }

    // Defect 6: a malformed [member, score] pair threw std::out_of_range with clang.
    void malformedScoredPairIsAProtocolError()
    {
        for (const std::string &reply : {"*1\r\n*1\r\n$1\r\na\r\n"s, "*1\r\n*0\r\n"s,
                                         "*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n:3\r\n"s,
                                         "*1\r\n*2\r\n$1\r\na\r\n$3\r\nabc\r\n"s}) {
            std::string error;
            QVERIFY(dtest::run_in_loop([&] {
                HostilePeer peer([&](int, int) { diesel::send(reply); });
                RedisClient c("127.0.0.1", peer.port(), short_timeouts());
                try {
                    c.zrandmember_withscores("z", 1);
                    error = "no error";
                } catch (const RedisProtocolError &e) {
                    error = "protocol: "s + e.what();
                }
                c.close();
            }));
            QVERIFY2(error.starts_with("protocol: "), error.c_str());
        }
    }

    // The SubHub against a server that stalls mid-message or declares a huge array: sub() ends
    // in its timeout, and the hub's reader gives the connection up and reconnects.
    void subHubSurvivesStallsAndHugeDeclarations()
    {
        for (const std::string &reply : {"*3\r\n$9\r\nsubscribe\r\n"s, "*2147483647\r\n"s}) {
            dtest::PeakRss rss;
            QVERIFY(dtest::run_in_loop([&] {
                HostilePeer peer([&](int, int) {
                    diesel::send(reply);
                    stall();
                });
                diesel::redis::SubHubOptions options;
                options.subscribe_timeout = diesel::Seconds(0.5);
                options.max_reconnect_delay = diesel::Seconds(0.1);
                diesel::redis::RedisSubHub hub("127.0.0.1", peer.port(), options);
                QVERIFY_THROWS_EXCEPTION(diesel::TimeoutError, hub.sub({"chan"}));
                QVERIFY(dtest::settle([&] { return peer.connections() >= 2; }));
            }));
            QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestRedisHostile)
#include "tst_redis_hostile.moc"
