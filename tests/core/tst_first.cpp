// SPDX-License-Identifier: MIT
// first(): each branch can win, buffered data wins at once, losers consume nothing.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <chrono>

using namespace std::chrono_literals;

namespace {
// A Service whose peer scripts what it sends: "SAY text" sends text; "WAIT s" sleeps.
void scripted(const diesel::Address &)
{
    for (;;) {
        std::string line = diesel::until_eol();
        line.erase(line.find_last_not_of("\r\n") + 1);
        if (line.rfind("SAY ", 0) == 0)
            diesel::send(line.substr(4));
        else if (line.rfind("NL ", 0) == 0)
            diesel::send(line.substr(3) + "\n");
        else if (line.rfind("LATER ", 0) == 0) {
            diesel::sleep(0.1);
            diesel::send(line.substr(6) + "\n");
        }
    }
}

struct Peer
{
    diesel::Service service{scripted, 0, "127.0.0.1"};
    Peer() { service.start(); }
};
} // namespace

class TestFirst : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void sleepWinsWhenNothingHappens()
    {
        Peer peer;
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", peer.service.port());
            client.call([] {
                const auto start = diesel::Clock::now();
                auto r = diesel::first(diesel::cond::sleep(0.1), diesel::cond::until_eol());
                QCOMPARE(r.index(), std::size_t(0));
                QVERIFY(diesel::Clock::now() - start >= 100ms);
            });
        });
    }

    void untilEolWinsWhenALineArrives()
    {
        Peer peer;
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", peer.service.port());
            client.call([] {
                diesel::send("LATER hello\n");
                auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::until_eol());
                QCOMPARE(r.index(), std::size_t(1));
                QCOMPARE(std::get<1>(r), std::string("hello\n"));
            });
        });
    }

    void bufferedDataWinsAtOnce()
    {
        Peer peer;
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", peer.service.port());
            client.call([] {
                diesel::send("NL one\nNL two\n");
                QCOMPARE(diesel::until_eol(), std::string("one\n"));
                diesel::sleep(0.05); // "two" is now buffered or in the socket
                // A zero sleep listed first still loses to nothing: it is satisfied at once.
                // Listed second, the buffered line wins.
                auto r = diesel::first(diesel::cond::until_eol(), diesel::cond::sleep(0.0));
                QCOMPARE(r.index(), std::size_t(0));
                QCOMPARE(std::get<0>(r), std::string("two\n"));
            });
        });
    }

    void untilAndReceiveBranches()
    {
        Peer peer;
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", peer.service.port());
            client.call([] {
                diesel::send("SAY abc;defg\n");
                auto r1 = diesel::first(diesel::cond::sleep(5.0), diesel::cond::until(";"));
                QCOMPARE(std::get<1>(r1), std::string("abc;"));
                auto r2 = diesel::first(diesel::cond::receive(3), diesel::cond::sleep(5.0));
                QCOMPARE(std::get<0>(r2), std::string("def"));
                auto r3 = diesel::first(diesel::cond::sleep(5.0), diesel::cond::receive_any());
                QCOMPARE(std::get<1>(r3), std::string("g"));
            });
        });
    }

    void aFireWinsOverAPendingLineWithoutEatingIt()
    {
        Peer peer;
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", peer.service.port());
            diesel::fork([] {
                diesel::sleep(0.05);
                diesel::fire("wake", "the event's value");
            });
            client.call([] {
                diesel::send("LATER the line\n"); // arrives after the fire
                auto r = diesel::first(diesel::cond::until_eol(), diesel::cond::wait("wake"));
                QCOMPARE(r.index(), std::size_t(1));
                QCOMPARE(std::get<1>(r), std::string("the event's value"));
                // The line was not consumed by the losing branch.
                QCOMPARE(diesel::until_eol(), std::string("the line\n"));
            });
        });
    }

    void aQueuedItemWinsOverAPendingLineWithoutEatingIt()
    {
        Peer peer;
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", peer.service.port());
            diesel::Queue<std::string> events("events");
            diesel::fork([&] {
                diesel::sleep(0.05);
                events.put("queued event");
            });
            client.call([&] {
                diesel::send("LATER next line\n"); // arrives after the item
                auto r = diesel::first(diesel::cond::until_eol(), events);
                QCOMPARE(r.index(), std::size_t(1));
                QCOMPARE(std::get<1>(r), std::string("queued event"));
                QCOMPARE(diesel::until_eol(), std::string("next line\n"));
                // And an item already queued wins at once over a line already buffered, when
                // listed first.
                events.put("second");
                diesel::send("NL buffered\n");
                diesel::sleep(0.05);
                auto r2 = diesel::first(events, diesel::cond::until_eol());
                QCOMPARE(std::get<0>(r2), std::string("second"));
                QCOMPARE(diesel::until_eol(), std::string("buffered\n"));
            });
        });
    }

    void datagramBranch()
    {
        diesel::UDPService echo(
            [] {
                for (;;)
                    diesel::send(diesel::receive(diesel::datagram));
            },
            0, "127.0.0.1");
        echo.start();
        dtest::run_in_loop([&] {
            diesel::UDPClient client("127.0.0.1", echo.port());
            client.call([] {
                diesel::send("dgram");
                auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::datagram());
                QCOMPARE(r.index(), std::size_t(1));
                QCOMPARE(std::get<1>(r), std::string("dgram"));
            });
        });
    }

    void theEarliestListedReadyConditionWins()
    {
        dtest::run_in_loop([] {
            auto r = diesel::first(diesel::cond::sleep(0.0), diesel::cond::sleep(0.0));
            QCOMPARE(r.index(), std::size_t(0));
        });
    }

    void losingTimersAndFireWaitersAreCancelled()
    {
        dtest::run_in_loop([] {
            for (int i = 0; i < 100; ++i) {
                diesel::fork([] { diesel::fire("go"); });
                auto r = diesel::first(diesel::cond::wait("go"), diesel::cond::sleep(10.0));
                QCOMPARE(r.index(), std::size_t(0));
            }
            // No sleeping branch lingers: the Hub has no pending timer keeping Loops waiting,
            // and a fire now reaches nobody.
            for (const auto &info : diesel::Hub::current().snapshot())
                QVERIFY(info.state != diesel::LoopState::Waiting);
        });
    }

    void closedConnectionRaisesFromFirst()
    {
        diesel::Service closer([](const diesel::Address &) {}, 0, "127.0.0.1");
        closer.start();
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", closer.port());
            client.call([] {
                QVERIFY_THROWS_EXCEPTION(
                    diesel::ConnectionClosed,
                    diesel::first(diesel::cond::sleep(5.0), diesel::cond::until_eol()));
            });
        });
    }
};

QTEST_GUILESS_MAIN(TestFirst)
#include "tst_first.moc"
