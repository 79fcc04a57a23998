// SPDX-License-Identifier: MIT
// Fault injection (FaultPlan) over real sockets: latency and a bandwidth cap measured as lower
// bounds only, short reads and split writes, a drop after N bytes, drops by probability 0 and 1,
// a reset seen as ECONNRESET, faults switched live (also while a chunk is held), TLS over split
// ciphertext, a Client's own faults, and the observer's marks. Runs on both backends.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace std::string_literals;

namespace {

// An echo Service (line by line) with `plan`, noting how its last connection ended.
struct Echo
{
    explicit Echo(const diesel::FaultPlan &plan)
    {
        diesel::ServiceOptions options;
        options.faults = plan;
        service = diesel::Service(
            [this](const diesel::Address &) {
                try {
                    for (;;)
                        diesel::send(diesel::until_eol());
                } catch (const diesel::ConnectionClosed &e) {
                    ending = e.what();
                }
            },
            0, "127.0.0.1", std::move(options));
        service.start();
    }
    diesel::Service service{[](const diesel::Address &) {}, 0};
    std::string ending;
};

// Everything the peer receives until the connection ends, and how it ended.
struct Received
{
    std::string data;
    std::string ending;
};
Received read_to_end(diesel::Client &client)
{
    Received got;
    client.call([&] { got.data = dtest::receive_to_end(&got.ending); });
    return got;
}

// Sends `line` and waits for its echo; returns the seconds that took.
double round_trip(diesel::Client &client, const std::string &line)
{
    const auto start = diesel::Clock::now();
    client.call([&] {
        diesel::send(line);
        QCOMPARE(diesel::until_eol(), line);
    });
    return std::chrono::duration<double>(diesel::Clock::now() - start).count();
}

// Notes the fault events and whether connections were marked as faulty.
struct FaultWatcher : diesel::Observer
{
    unsigned interests() const override { return Connections | Data; }
    void fault(const diesel::ConnectionInfo &, std::string_view what) override
    {
        faults.emplace_back(what);
    }
    void data(const diesel::ConnectionInfo &conn, diesel::Direction dir, std::string_view bytes,
              diesel::LoopId) override
    {
        if (conn.faults && dir == diesel::Direction::Out)
            faulty_writes.push_back(bytes.size());
    }
    std::vector<std::string> faults;
    std::vector<std::size_t> faulty_writes;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void latencyDelaysEachChunkAtLeastThatLong()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::FaultPlan plan;
            plan.latency = 150ms;
            Echo echo(plan);
            diesel::Client client("127.0.0.1", echo.service.port());
            for (int i = 0; i < 2; ++i) {
                // The line waits once on its way in and once on its way out.
                const double took = round_trip(client, "ping\n");
                QVERIFY2(took >= 0.3, std::to_string(took).c_str());
            }
        }));
    }

    void bandwidthCapSlowsAStream()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::FaultPlan plan;
            plan.bandwidth = 2000;
            Echo echo(plan);
            diesel::Client client("127.0.0.1", echo.service.port());
            // 1000 bytes at 2000 bytes/s in 100-byte slices: the last slice leaves after 0.45 s.
            const double took = round_trip(client, std::string(999, 'b').append("\n"));
            QVERIFY2(took >= 0.44, std::to_string(took).c_str());
        }));
    }

    void shortReadsReachTheReaderInPieces()
    {
        QVERIFY(dtest::run_in_loop([] {
            std::vector<std::size_t> reads;
            diesel::ServiceOptions options;
            options.faults.max_read = 3;
            diesel::Service service(
                [&](const diesel::Address &) {
                    std::string data;
                    std::byte buffer[4096];
                    while (data.size() < 12) {
                        const std::size_t n = diesel::read_into(buffer);
                        reads.push_back(n);
                        data.append(reinterpret_cast<const char *>(buffer), n);
                    }
                    diesel::send(data);
                },
                0, "127.0.0.1", std::move(options));
            service.start();
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                diesel::send("hello world\n");
                QCOMPARE(diesel::receive(12), "hello world\n"s);
            });
            QCOMPARE(reads.size(), std::size_t(4));
            for (const std::size_t n : reads)
                QVERIFY(n <= 3);
        }));
    }

    void splitWritesReachThePeerInPieces()
    {
        FaultWatcher watcher;
        diesel::Hub::current().add_observer(watcher);
        QVERIFY(dtest::run_in_loop([&] {
            diesel::FaultPlan plan;
            plan.max_write = 4;
            plan.latency = 250ms; // pieces far apart: the peer reads each one alone
            Echo echo(plan);
            diesel::Client client("127.0.0.1", echo.service.port());
            client.call([] { diesel::send("abcdefghijk\n"); });
            std::string data;
            std::vector<std::string> pieces;
            client.call([&] {
                while (data.size() < 12) {
                    pieces.push_back(diesel::receive());
                    data += pieces.back();
                }
            });
            QCOMPARE(data, "abcdefghijk\n"s);
            QVERIFY(pieces.size() >= 2);
            for (const std::string &piece : pieces)
                QVERIFY2(piece.size() <= 4, piece.c_str());
        }));
        diesel::Hub::current().remove_observer(watcher);
        // The traffic view sees each write of the faulty connection as its own piece.
        QCOMPARE(watcher.faulty_writes.size(), std::size_t(3));
        for (const std::size_t n : watcher.faulty_writes)
            QVERIFY(n <= 4);
    }

    void dropAfterNBytesGivesThePeerExactlyThose()
    {
        FaultWatcher watcher;
        diesel::Hub::current().add_observer(watcher);
        QVERIFY(dtest::run_in_loop([] {
            diesel::FaultPlan plan;
            plan.drop_after = 10;
            Echo echo(plan);
            diesel::Client client("127.0.0.1", echo.service.port());
            client.call([] { diesel::send("0123456789abcdef\n"); });
            const Received got = read_to_end(client);
            QCOMPARE(got.data, "0123456789"s);
            QVERIFY2(got.ending.find("closed by the peer") != std::string::npos,
                     got.ending.c_str());
            QVERIFY(dtest::settle([&] { return !echo.ending.empty(); }));
            QVERIFY2(echo.ending.find("dropped after 10 bytes") != std::string::npos,
                     echo.ending.c_str());
        }));
        diesel::Hub::current().remove_observer(watcher);
        QCOMPARE(watcher.faults.size(), std::size_t(1));
        QVERIFY(watcher.faults.front().find("dropped after 10 bytes") != std::string::npos);
    }

    void resetIsSeenAsConnectionReset()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::ServiceOptions options;
            options.faults.reset = true;
            diesel::Service service([](const diesel::Address &) { diesel::until_eol(); }, 0,
                                    "127.0.0.1", std::move(options));
            service.start();
            diesel::Client client("127.0.0.1", service.port());
            client.call([] { diesel::send("bye\n"); });
            const Received got = read_to_end(client);
            QVERIFY(got.data.empty());
            QVERIFY2(got.ending.find(std::strerror(ECONNRESET)) != std::string::npos,
                     got.ending.c_str());
        }));
    }

    void dropProbabilityOneDropsAtTheFirstChunk()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::FaultPlan plan;
            plan.drop_probability = 1;
            Echo echo(plan);
            diesel::Client client("127.0.0.1", echo.service.port());
            client.call([] { diesel::send("x\n"); });
            const Received got = read_to_end(client);
            QVERIFY(got.data.empty());
            QVERIFY(dtest::settle([&] { return !echo.ending.empty(); }));
            QVERIFY2(echo.ending.find("dropped at random") != std::string::npos,
                     echo.ending.c_str());
        }));
    }

    void dropProbabilityZeroNeverDrops()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::FaultPlan plan;
            plan.drop_probability = 0;
            plan.max_read = 1 << 20; // a layer that is on but splits nothing
            QVERIFY(plan.active());
            Echo echo(plan);
            diesel::Client client("127.0.0.1", echo.service.port());
            client.call([] {
                for (int i = 0; i < 200; ++i) {
                    const std::string line = "line " + std::to_string(i) + "\n";
                    diesel::send(line);
                    QCOMPARE(diesel::until_eol(), line);
                }
            });
            QVERIFY(client.is_connected());
            QVERIFY(echo.ending.empty());
        }));
    }

    void switchedLiveOnAndOff()
    {
        QVERIFY(dtest::run_in_loop([] {
            Echo echo{diesel::FaultPlan{}};
            diesel::Client client("127.0.0.1", echo.service.port());
            round_trip(client, "ping\n");
            diesel::FaultPlan slow;
            slow.latency = 150ms;
            echo.service.set_faults(slow);
            QCOMPARE(echo.service.faults(), slow);
            const double took = round_trip(client, "ping\n");
            QVERIFY2(took >= 0.3, std::to_string(took).c_str());

            // A chunk held for a minute moves on as soon as the faults are switched off.
            diesel::FaultPlan stuck;
            stuck.latency = 60s;
            echo.service.set_faults(stuck);
            client.call([] { diesel::send("held\n"); });
            diesel::sleep(0.1);
            echo.service.set_faults({});
            client.call([] { QCOMPARE(diesel::until_eol(), "held\n"s); });
            // Or under a plan with a shorter latency, as soon as that one allows.
            echo.service.set_faults(stuck);
            client.call([] { diesel::send("held again\n"); });
            diesel::sleep(0.1);
            echo.service.set_faults(slow);
            client.call([] { QCOMPARE(diesel::until_eol(), "held again\n"s); });
            QVERIFY(echo.ending.empty());
        }));
    }

    // The faults act on the ciphertext: a handshake and records cut into small pieces still
    // make a working TLS session.
    void tlsRunsOverSplitCiphertext()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::ServiceOptions options;
            options.tls = diesel::TlsContext::server_self_signed("localhost");
            options.faults.max_read = 5;
            options.faults.max_write = 200;
            diesel::Service service(
                [](const diesel::Address &) { diesel::send(diesel::until_eol()); }, 0, "127.0.0.1",
                std::move(options));
            service.start();
            diesel::ClientOptions client_options;
            client_options.tls = diesel::TlsContext::client(false);
            client_options.faults.max_read = 7;
            diesel::Client client("127.0.0.1", service.port(), std::move(client_options));
            const std::string line = std::string(3000, 't').append("\n");
            round_trip(client, line);
        }));
    }

    void clientFaultsCutItsRequest()
    {
        QVERIFY(dtest::run_in_loop([] {
            std::string seen;
            diesel::Service service(
                [&](const diesel::Address &) { seen = dtest::receive_to_end(); }, 0, "127.0.0.1");
            service.start();
            diesel::ClientOptions options;
            options.faults.drop_after = 3;
            diesel::Client client("127.0.0.1", service.port(), std::move(options));
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed,
                                     client.call([] { diesel::send("hello\n"); }));
            QVERIFY(!client.is_connected());
            QVERIFY(dtest::settle([&] { return service.connections() == 0; }));
            QCOMPARE(seen, "hel"s);
        }));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
