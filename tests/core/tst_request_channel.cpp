// SPDX-License-Identifier: MIT
// RequestChannel against a line server on 127.0.0.1: many Loops sharing one channel each get
// their own reply, a Loop killed mid-reply leaves the stream in step, a server closing between
// requests costs a reconnect, a request timeout drops the connection, on_connect goes first,
// Hold keeps a Loop's requests together, waiting Loops show under the channel's name.
#include "dieseltest.h"

#include <diesel/core/request_channel.h>
#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace {

// Reads and drops one reply line: resumable, since until_eol() consumes nothing until the whole
// line is there.
void discard_line(diesel::Connection &conn)
{
    conn.until_eol();
}

std::string read_line(diesel::Connection &conn)
{
    return conn.until_eol();
}

// One request line, its reply line.
std::string ask(diesel::RequestChannel &channel, const std::string &line)
{
    const std::array<std::string_view, 2> parts{line, "\n"};
    return channel.request(parts, read_line);
}

// The line server: "re <line>" for each line; "slow" is answered after 0.3 s, "partial" in two
// parts 0.3 s apart, "never" never; "bye" is answered and then the connection closed.
void serve_lines(std::vector<std::string> *seen)
{
    for (;;) {
        std::string line = diesel::until_eol();
        line.pop_back();
        if (seen)
            seen->push_back(line);
        if (line == "never") {
            diesel::sleep(30);
        } else if (line == "slow") {
            diesel::sleep(0.3);
            diesel::send("re slow\n");
        } else if (line == "partial") {
            diesel::send("re par");
            diesel::sleep(0.3);
            diesel::send("tial\n");
        } else if (line == "bye") {
            diesel::send("re bye\n");
            return;
        } else {
            diesel::send("re " + line + "\n");
        }
    }
}

} // namespace

class TestRequestChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void hundredLoopsEachGetTheirOwnReply()
    {
        diesel::Service service = start(nullptr);
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            int done = 0;
            int wrong = 0;
            std::uint64_t most_in_flight = 0;
            for (int i = 0; i < 100; ++i)
                diesel::fork([&, i] {
                    for (int round = 0; round < 5; ++round) {
                        const std::string me =
                            "loop " + std::to_string(i) + " round " + std::to_string(round);
                        const std::array<std::string_view, 2> parts{me, "\n"};
                        const std::string reply =
                            channel.request(parts, [&](diesel::Connection &conn) {
                                most_in_flight = std::max(most_in_flight, channel.in_flight());
                                return conn.until_eol();
                            });
                        if (reply != "re " + me + "\n")
                            ++wrong;
                        if (round % 2 == 0)
                            diesel::sleep(0); // let the others interleave
                    }
                    ++done;
                });
            QVERIFY(dtest::settle([&] { return done == 100; }, 20000));
            QCOMPARE(wrong, 0);
            // Loops sent without waiting for earlier replies: requests pipelined.
            QVERIFY(most_in_flight > 1);
            QCOMPARE(channel.connects(), std::uint64_t(1));
            QCOMPARE(channel.in_flight(), std::uint64_t(0));
            channel.close();
        });
    }

    void loopKilledMidReplyLeavesTheNextInStep()
    {
        diesel::Service service = start(nullptr);
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            bool part_arrived = false;
            std::string killed_got;
            diesel::LoopHandle victim = diesel::fork([&] {
                const std::array<std::string_view, 1> parts{"partial\n"};
                killed_got = channel.request(parts, [&](diesel::Connection &conn) {
                    conn.peek(); // the first part is in
                    part_arrived = true;
                    return conn.until_eol();
                });
            });
            // A second Loop sent after it: its reply is queued behind the partial one.
            std::string behind;
            diesel::fork([&] { behind = ask(channel, "behind"); });
            QVERIFY(dtest::settle([&] { return part_arrived; }));
            victim.cancel("killed mid-reply");
            QVERIFY(dtest::settle([&] { return !victim.running(); }));
            QVERIFY(killed_got.empty());
            QVERIFY(dtest::settle([&] { return !behind.empty(); }));
            QCOMPARE(behind, std::string("re behind\n"));
            QCOMPARE(ask(channel, "after"), std::string("re after\n"));
            // In step on the same connection: nothing was dropped.
            QCOMPARE(channel.connects(), std::uint64_t(1));
            channel.close();
        });
    }

    void loopKilledWhileDiscardingLeavesItToTheNext()
    {
        diesel::Service service = start(nullptr);
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            bool part_arrived = false;
            diesel::LoopHandle first = diesel::fork([&] {
                const std::array<std::string_view, 1> parts{"partial\n"};
                channel.request(parts, [&](diesel::Connection &conn) {
                    conn.peek();
                    part_arrived = true;
                    return conn.until_eol();
                });
            });
            QVERIFY(dtest::settle([&] { return part_arrived; }));
            first.cancel("killed mid-reply");
            // The next Loop starts discarding the rest of "re partial" (due 0.3 s after its
            // first part) and is killed in turn.
            diesel::LoopHandle second = diesel::fork([&] { ask(channel, "second"); });
            diesel::sleep(0.05);
            second.cancel("killed while discarding");
            QVERIFY(dtest::settle([&] { return !first.running() && !second.running(); }));
            QCOMPARE(ask(channel, "third"), std::string("re third\n"));
            QCOMPARE(channel.connects(), std::uint64_t(1));
            channel.close();
        });
    }

    void loopKilledBeforeItsReplyIsDiscardedForTheNext()
    {
        diesel::Service service = start(nullptr);
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            bool sent = false;
            diesel::LoopHandle victim = diesel::fork([&] {
                const std::array<std::string_view, 1> parts{"slow\n"};
                diesel::RequestChannel::Ticket ticket = channel.send(parts);
                sent = true;
                ticket.read(read_line);
                ticket.finish();
            });
            QVERIFY(dtest::settle([&] { return sent; }));
            victim.cancel("killed before its reply");
            QVERIFY(dtest::settle([&] { return !victim.running(); }));
            QCOMPARE(channel.in_flight(), std::uint64_t(1));
            // This Loop's request went after the abandoned one: it reads past "re slow".
            QCOMPARE(ask(channel, "mine"), std::string("re mine\n"));
            QCOMPARE(channel.in_flight(), std::uint64_t(0));
            QCOMPARE(channel.connects(), std::uint64_t(1));
            channel.close();
        });
    }

    void serverClosingBetweenRequestsCostsAReconnect()
    {
        int sessions = 0;
        int ended = 0;
        diesel::Service service(
            [&](const diesel::Address &) {
                ++sessions;
                serve_lines(nullptr);
                ++ended;
            },
            0, "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            for (int i = 1; i <= 3; ++i) {
                QCOMPARE(ask(channel, "bye"), std::string("re bye\n"));
                QCOMPARE(channel.connects(), std::uint64_t(i));
                // The server closed; its close reaches the client before the next request,
                // which reconnects instead of failing.
                QVERIFY(dtest::settle([&] { return ended == i; }));
                diesel::sleep(0.05);
            }
            QCOMPARE(ask(channel, "again"), std::string("re again\n"));
            QCOMPARE(channel.connects(), std::uint64_t(4));
            QCOMPARE(sessions, 4);
            channel.close();
        });
    }

    void requestTimeoutDropsTheConnection()
    {
        diesel::Service service = start(nullptr);
        dtest::run_in_loop([&] {
            diesel::RequestChannelOptions options = options_for(service);
            options.request_timeout = diesel::Seconds(0.2);
            options.name = "lines test";
            diesel::RequestChannel channel(options, discard_line);
            QCOMPARE(ask(channel, "hello"), std::string("re hello\n"));
            // A second Loop pipelined behind the stuck request loses its connection with it.
            std::string behind_error;
            bool behind_done = false;
            diesel::fork([&] {
                diesel::sleep(0.05);
                try {
                    ask(channel, "behind");
                } catch (const diesel::ConnectionClosed &e) {
                    behind_error = e.what();
                } catch (const diesel::RequestTimeout &e) {
                    behind_error = e.what();
                }
                behind_done = true;
            });
            try {
                ask(channel, "never");
                QFAIL("no timeout");
            } catch (const diesel::RequestTimeout &e) {
                const std::string what = e.what();
                QVERIFY2(what.find("lines test") != std::string::npos, e.what());
                QVERIFY2(what.find("0.2 s") != std::string::npos, e.what());
            }
            QVERIFY(!channel.is_connected());
            QVERIFY(dtest::settle([&] { return behind_done; }));
            QVERIFY2(behind_error.find("lines test") != std::string::npos, behind_error.c_str());
            QCOMPARE(ask(channel, "again"), std::string("re again\n"));
            QCOMPARE(channel.connects(), std::uint64_t(2));
            channel.close();
        });
    }

    void onConnectGoesFirstOnEveryConnection()
    {
        std::vector<std::string> seen;
        diesel::Service service = start(&seen);
        dtest::run_in_loop([&] {
            diesel::RequestChannelOptions options = options_for(service);
            options.on_connect = [](diesel::RequestChannel &channel) {
                if (ask(channel, "hello") != "re hello\n")
                    throw diesel::Error("bad greeting");
            };
            int disconnects = 0;
            options.on_disconnect = [&] { ++disconnects; };
            diesel::RequestChannel channel(options, discard_line);
            QCOMPARE(ask(channel, "one"), std::string("re one\n"));
            channel.close();
            QCOMPARE(disconnects, 1);
            QCOMPARE(ask(channel, "two"), std::string("re two\n"));
            QCOMPARE(seen, (std::vector<std::string>{"hello", "one", "hello", "two"}));
            channel.close();
        });
    }

    void holdKeepsALoopsRequestsTogether()
    {
        std::vector<std::string> seen;
        diesel::Service service = start(&seen);
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            channel.connect();
            bool other_done = false;
            diesel::LoopHandle other;
            {
                diesel::RequestChannel::Hold hold = channel.hold();
                QCOMPARE(ask(channel, "a1"), std::string("re a1\n"));
                other = diesel::fork([&] {
                    QCOMPARE(ask(channel, "b"), std::string("re b\n"));
                    other_done = true;
                });
                diesel::sleep(0.05);
                // The other Loop waits for the send turn, shown under the channel's name.
                const std::optional<diesel::LoopInfo> info = dtest::info_of(other.id());
                QVERIFY(info);
                QCOMPARE(info->wait_kind, diesel::WaitKind::Lock);
                QVERIFY2(info->waits_on.find(channel.name()) != std::string::npos,
                         info->waits_on.c_str());
                QCOMPARE(ask(channel, "a2"), std::string("re a2\n"));
            }
            QVERIFY(dtest::settle([&] { return other_done; }));
            QCOMPARE(seen, (std::vector<std::string>{"a1", "a2", "b"}));
            channel.close();
        });
    }

    // send(turn, ...) under the caller's Hold: the Loop waiting for the turn still goes after
    // the holder's requests, and a turn of another channel is refused before anything is sent.
    void sendUnderAHeldTurn()
    {
        std::vector<std::string> seen;
        diesel::Service service = start(&seen);
        dtest::run_in_loop([&] {
            diesel::RequestChannel channel = channel_to(service);
            diesel::RequestChannel other_channel = channel_to(service);
            bool other_done = false;
            diesel::LoopHandle other;
            {
                const diesel::RequestChannel::Hold turn = channel.hold();
                other = diesel::fork([&] {
                    QCOMPARE(ask(channel, "b"), std::string("re b\n"));
                    other_done = true;
                });
                diesel::sleep(0.05);
                for (const char *line : {"a1\n", "a2\n"}) {
                    diesel::RequestChannel::Ticket ticket = channel.send(turn, line);
                    ticket.read(read_line);
                    ticket.finish();
                }
                QVERIFY_THROWS_EXCEPTION(diesel::Error, other_channel.send(turn, "x\n"));
            }
            QVERIFY(dtest::settle([&] { return other_done; }));
            QCOMPARE(seen, (std::vector<std::string>{"a1", "a2", "b"}));
            QCOMPARE(other_channel.connects(), std::uint64_t(0));
            channel.close();
        });
    }

private:
    diesel::Service start(std::vector<std::string> *seen)
    {
        diesel::Service service([seen](const diesel::Address &) { serve_lines(seen); }, 0,
                                "127.0.0.1");
        service.start();
        return service;
    }

    static diesel::RequestChannelOptions options_for(const diesel::Service &service)
    {
        diesel::RequestChannelOptions options;
        options.host = "127.0.0.1";
        options.port = service.port();
        options.client.timeout = diesel::Seconds(5);
        return options;
    }

    static diesel::RequestChannel channel_to(const diesel::Service &service)
    {
        return diesel::RequestChannel(options_for(service), discard_line);
    }
};

QTEST_GUILESS_MAIN(TestRequestChannel)
#include "tst_request_channel.moc"
