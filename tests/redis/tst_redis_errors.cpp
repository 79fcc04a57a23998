// SPDX-License-Identifier: MIT
// Failures: a server killed mid-command, malformed replies from a fake peer, a peer that hangs
// up mid-reply, cancellation mid-reply, refused connections. Each gives a clear error in the
// Loop concerned only; nothing crashes and other Loops go on.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <string>

using namespace std::chrono_literals;
using namespace std::string_literals;
using diesel::redis::RedisClient;
using diesel::redis::RedisOptions;
using diesel::redis::RedisProtocolError;

namespace {
// A fake Redis: reads one command, answers `reply` (raw bytes), then waits for the client.
diesel::Service fake_peer(std::string reply, bool hang_up = false)
{
    return diesel::Service(
        [reply = std::move(reply), hang_up](const diesel::Address &) {
            diesel::until("\r\n"); // the array header of the command: enough to answer
            diesel::send(reply);
            if (hang_up)
                return;
            diesel::receive(); // until the client goes
        },
        0, "127.0.0.1");
}
} // namespace

class TestRedisErrors : public dtest::RedisSuite
{
    Q_OBJECT

private:
    // Runs `body` against a fake peer answering `reply`; returns what the command threw.
    std::string error_from_fake_peer(const std::string &reply, bool hang_up = false)
    {
        std::string error;
        dtest::run_in_loop([&] {
            diesel::Service peer = fake_peer(reply, hang_up);
            peer.start();
            RedisOptions options;
            options.reconnect = false;
            RedisClient c("127.0.0.1", peer.port(), options);
            try {
                c.get("k");
                error = "no error";
            } catch (const RedisProtocolError &e) {
                error = std::string("protocol: ") + e.what();
            } catch (const diesel::ConnectionClosed &e) {
                error = std::string("closed: ") + e.what();
            }
            QVERIFY(!c.is_connected()); // an unusable connection is closed
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, c.ping());
            peer.stop();
        });
        return error;
    }

private Q_SLOTS:
    void init()
    {
        if (!m_server->running()) // a failed test may have left it killed
            m_server->restart();
        RedisSuite::init();
    }

    void malformedReplyGivesAProtocolError()
    {
        const std::string error = error_from_fake_peer("?what is this\r\n");
        QVERIFY2(error.starts_with("protocol: "), error.c_str());
        QVERIFY2(error.find("Protocol error") != std::string::npos, error.c_str());
        QVERIFY2(error.find("GET") != std::string::npos, error.c_str());
    }

    void tooDeeplyNestedReplyGivesAProtocolError()
    {
        std::string nested;
        for (int i = 0; i < 9; ++i)
            nested += "*1\r\n";
        nested += ":1\r\n";
        const std::string error = error_from_fake_peer(nested);
        QVERIFY2(error.starts_with("protocol: "), error.c_str());
        QVERIFY2(error.find("nested") != std::string::npos, error.c_str());
    }

    void sevenLevelsAreFine()
    {
        dtest::run_in_loop([&] {
            std::string nested;
            for (int i = 0; i < 7; ++i)
                nested += "*1\r\n";
            nested += ":7\r\n";
            diesel::Service peer = fake_peer(nested);
            peer.start();
            RedisClient c("127.0.0.1", peer.port());
            const auto reply = c.call({"ANYTHING"});
            QCOMPARE(reply[0][0][0][0][0][0][0].integer(), 7LL);
            c.close();
            peer.stop();
        });
    }

    void everyRespTypeFromAFakePeer()
    {
        dtest::run_in_loop([&] {
            diesel::Service peer =
                fake_peer("*6\r\n+OK\r\n-ERR inside\r\n:-5\r\n$-1\r\n*0\r\n$3\r\na\0b\r\n"s);
            peer.start();
            RedisClient c("127.0.0.1", peer.port());
            const diesel::redis::Reply r = c.call({"ANYTHING"});
            QCOMPARE(r.size(), std::size_t(6));
            QCOMPARE(r[0], diesel::redis::Reply::status("OK"));
            QVERIFY(r[1].is_error()); // errors inside arrays are values, not exceptions
            QCOMPARE(r[1].str(), std::string("ERR inside"));
            QCOMPARE(r[2].integer(), -5LL);
            QVERIFY(r[3].is_nil());
            QVERIFY(r[4].is_array());
            QCOMPARE(r[4].size(), std::size_t(0));
            QCOMPARE(r[5].str(), std::string("a\0b", 3));
            c.close();
            peer.stop();
        });
    }

    void aReplyTricklingInByteByByte()
    {
        dtest::run_in_loop([&] {
            diesel::Service peer(
                [](const diesel::Address &) {
                    diesel::until("\r\n");
                    for (const char byte : std::string("*2\r\n$5\r\nhello\r\n:42\r\n")) {
                        diesel::send(std::string_view(&byte, 1));
                        diesel::sleep(0.002);
                    }
                    diesel::receive();
                },
                0, "127.0.0.1");
            peer.start();
            RedisClient c("127.0.0.1", peer.port());
            const diesel::redis::Reply r = c.call({"ANYTHING"});
            QCOMPARE(r[0].str(), std::string("hello"));
            QCOMPARE(r[1].integer(), 42LL);
            c.close();
            peer.stop();
        });
    }

    void peerHangingUpMidReplyGivesConnectionClosed()
    {
        const std::string error = error_from_fake_peer("$10\r\nhalf", true);
        QVERIFY2(error.starts_with("closed: "), error.c_str());
        QVERIFY2(error.find("while waiting for the reply to GET") != std::string::npos,
                 error.c_str());
    }

    void unexpectedReplyTypeGivesAProtocolError()
    {
        // A typed method expecting an integer and getting a bulk string.
        dtest::run_in_loop([&] {
            diesel::Service peer = fake_peer("$3\r\nabc\r\n");
            peer.start();
            RedisClient c("127.0.0.1", peer.port());
            try {
                c.incr("k");
                QFAIL("should throw");
            } catch (const RedisProtocolError &e) {
                QVERIFY2(std::string(e.what()).find("wanted an integer") != std::string::npos,
                         e.what());
            }
            c.close();
            peer.stop();
        });
    }

    void serverKilledMidCommand()
    {
        dtest::run_in_loop(
            [&] {
                RedisClient blocked = client();
                RedisClient other_client = client();
                std::string error;
                bool done = false;
                int ticks = 0;
                diesel::fork([&] {
                    try {
                        blocked.blpop({"never"}, diesel::Seconds(0));
                        error = "no error";
                    } catch (const diesel::ConnectionClosed &e) {
                        error = e.what();
                    }
                    done = true;
                });
                bool stop = false;
                diesel::fork([&] {
                    while (!stop) {
                        ++ticks;
                        diesel::sleep(0.005);
                    }
                });
                diesel::sleep(0.1);
                QVERIFY(!done);
                m_server->kill();
                for (int i = 0; i < 500 && !done; ++i)
                    diesel::sleep(0.01);
                QVERIFY(done);
                QVERIFY2(error.find("connection lost while waiting for the reply to BLPOP") !=
                             std::string::npos,
                         error.c_str());
                // The other Loop was not disturbed: it goes on ticking.
                const int ticks_after_error = ticks;
                diesel::sleep(0.05);
                QVERIFY(ticks > ticks_after_error);
                stop = true;
                // Commands fail cleanly while the server is down...
                QVERIFY_THROWS_EXCEPTION(diesel::Error, other_client.ping());
                QVERIFY_THROWS_EXCEPTION(diesel::ClientConnectionError, blocked.ping());
                // ...and work again once it is back: the clients reconnect by themselves.
                m_server->restart();
                QCOMPARE(blocked.ping(), std::string("PONG"));
                QCOMPARE(other_client.set("k", "v"), true);
            },
            std::chrono::seconds(60));
    }

    void cancelledMidReplyLeavesTheClientUsable()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            const diesel::LoopId id = diesel::fork([&] { c.blpop({"never"}, diesel::Seconds(0)); });
            diesel::sleep(0.05);
            QVERIFY(diesel::Hub::current().cancel(id, "test"));
            diesel::sleep(0.01);
            // The BLPOP's reply would have confused the next command: the client reconnected.
            c.rpush("never", "x");
            QCOMPARE(c.llen("never"), 1LL);
        });
    }

    void connectionRefused()
    {
        dtest::run_in_loop([&] {
            QVERIFY_THROWS_EXCEPTION(diesel::ClientConnectionError,
                                     RedisClient("127.0.0.1", dtest::free_port()));
        });
    }

    void outsideALoopThrowsNotInLoop()
    {
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, RedisClient("127.0.0.1", m_server->port()));
    }
};

QTEST_GUILESS_MAIN(TestRedisErrors)
#include "tst_redis_errors.moc"
