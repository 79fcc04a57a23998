// SPDX-License-Identifier: MIT
// ConnectionPool: lending and reuse, pool_size and extras, discarding dead or failed connections,
// pool_max with max_wait, Loops killed while holding or awaiting one, make() failures, many Loops
// against a real echo Service, and a Service that dies and comes back.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// A Client without I/O: the pool only needs is_connected().
struct FakeClient
{
    int id = 0;
    bool connected = true;
    bool is_connected() const noexcept { return connected; }
};

struct FakeFactory
{
    int made = 0;
    int closed = 0;
    auto make()
    {
        return [this] { return FakeClient{++made, true}; };
    }
    auto close()
    {
        return [this](FakeClient &c) {
            c.connected = false;
            ++closed;
        };
    }
};

// Every stats() counter adds up: what was made is idle, lent, or gone.
template<class Pool>
bool balanced(const Pool &pool)
{
    const diesel::PoolStats s = pool.stats();
    return s.created == s.idle + s.in_use + s.discarded + s.closed;
}

class EchoClient : public diesel::Client
{
public:
    using diesel::Client::Client;
    std::string echo(const std::string &message)
    {
        return call([&] {
            diesel::send(message + "\n");
            std::string line = diesel::until_eol();
            line.pop_back();
            return line;
        });
    }
};

diesel::Service echo_service(std::uint16_t port)
{
    return diesel::Service(
        [](const diesel::Address &) {
            for (;;)
                diesel::send(diesel::until_eol());
        },
        port, "127.0.0.1");
}

} // namespace

class TestPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void lendsAndReusesAConnection()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 2);
            static_assert(std::is_same_v<decltype(pool), diesel::ConnectionPool<FakeClient>>);
            for (int i = 0; i < 5; ++i) {
                auto c = pool.connection();
                QCOMPARE(c->id, 1);
                QCOMPARE(pool.stats().in_use, std::size_t(1));
                QCOMPARE(pool.stats().idle, std::size_t(0));
            }
            const diesel::PoolStats s = pool.stats();
            QCOMPARE(s.created, std::uint64_t(1));
            QCOMPARE(s.idle, std::size_t(1));
            QCOMPARE(s.in_use, std::size_t(0));
            QCOMPARE(f.made, 1);
        });
    }

    void keepsPoolSizeIdleAndClosesTheExtras()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 3, 0, std::nullopt, "fake");
            int done = 0;
            for (int i = 0; i < 6; ++i)
                diesel::fork([&] {
                    auto c = pool.connection();
                    diesel::sleep(0.01);
                    ++done;
                });
            QVERIFY(dtest::settle([&] { return pool.stats().in_use == 6; }));
            QCOMPARE(pool.stats().created, std::uint64_t(6)); // made on demand
            QVERIFY(dtest::settle([&] { return done == 6; }));
            const diesel::PoolStats s = pool.stats();
            QCOMPARE(s.idle, std::size_t(3));
            QCOMPARE(s.closed, std::uint64_t(3));
            QCOMPARE(s.discarded, std::uint64_t(0));
            QCOMPARE(f.closed, 3);
            QVERIFY(balanced(pool));
        });
    }

    void discardsDeadAndFailedConnections()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 3);
            {
                auto c = pool.connection();
                c->connected = false; // the peer went away during the use
            }
            QCOMPARE(pool.stats().discarded, std::uint64_t(1));
            QCOMPARE(pool.stats().idle, std::size_t(0));
            try {
                auto c = pool.connection();
                QCOMPARE(c->id, 2);
                throw diesel::ConnectionClosed("reset by the test");
            } catch (const diesel::ConnectionClosed &) {
            }
            QCOMPARE(pool.stats().discarded, std::uint64_t(2));
            try {
                auto c = pool.connection();
                throw diesel::ClientConnectionError("refused");
            } catch (const diesel::ClientConnectionError &) {
            }
            QCOMPARE(pool.stats().discarded, std::uint64_t(3));
            {
                auto c = pool.connection();
                c.discard();
            }
            QCOMPARE(pool.stats().discarded, std::uint64_t(4));
            // An idle connection that died while idle is not lent again.
            FakeClient *idle = nullptr;
            {
                auto c = pool.connection();
                idle = &*c;
            }
            QCOMPARE(pool.stats().idle, std::size_t(1));
            idle->connected = false;
            {
                auto c = pool.connection();
                QVERIFY(c->connected);
                QCOMPARE(c->id, 6);
            }
            QCOMPARE(pool.stats().discarded, std::uint64_t(5));
            QCOMPARE(pool.stats().in_use, std::size_t(0));
            QVERIFY(balanced(pool));
        });
    }

    void poolMaxMakesLoopsWaitThenRaisesConnectionPoolFull()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 1, 2, diesel::Seconds(30), "fake");
            auto a = pool.connection();
            auto b = pool.connection();
            int got = 0;
            const diesel::LoopId waiter = diesel::fork([&] {
                auto c = pool.connection();
                got = c->id;
            });
            QVERIFY(dtest::settle([&] { return pool.stats().waiting == 1; }));
            bool described = false;
            for (const auto &info : diesel::Hub::current().snapshot())
                if (info.id == waiter)
                    described = info.waits_on.starts_with("pool fake (timeout");
            QVERIFY(described);
            {
                auto gone = std::move(b); // returns b's connection: handed to the waiter
            }
            QVERIFY(dtest::settle([&] { return got != 0; }));
            QCOMPARE(got, 2);
            QCOMPARE(pool.stats().created, std::uint64_t(2));
        });
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 1, 1, diesel::Seconds(0.01), "p");
            auto a = pool.connection();
            const auto start = diesel::Clock::now();
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionPoolFull, pool.connection());
            QVERIFY(diesel::Clock::now() - start >= 10ms);
            QCOMPARE(pool.stats().waiting, std::size_t(0));
            diesel::ConnectionPool now(f.make(), f.close(), 1, 1, diesel::Seconds(0));
            auto n = now.connection();
            QVERIFY_THROWS_EXCEPTION(diesel::Error, now.connection());
        });
    }

    void aLoopKilledWhileHoldingAConnectionDoesNotLeakIt()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 3, 1);
            const diesel::LoopId holder = diesel::fork([&] {
                auto c = pool.connection();
                diesel::sleep(60);
            });
            QVERIFY(dtest::settle([&] { return pool.stats().in_use == 1; }));
            diesel::Hub::current().cancel(holder, "killed holding a connection");
            // Cut short mid-use, the connection may hold a reply in flight: closed, not reused.
            QVERIFY(dtest::settle([&] { return pool.stats().in_use == 0; }));
            QCOMPARE(pool.stats().discarded, std::uint64_t(1));
            auto c = pool.connection(); // pool_max 1: would wait forever if the slot leaked
            QCOMPARE(c->id, 2);
        });
    }

    void aLoopKilledWhileBeingHandedAConnectionPassesItOn()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            diesel::ConnectionPool pool(f.make(), f.close(), 1, 1);
            auto held =
                std::make_unique<diesel::ConnectionPool<FakeClient>::Lease>(pool.connection());
            int doomed_got = 0;
            int next_got = 0;
            const diesel::LoopId doomed = diesel::fork([&] { doomed_got = pool.connection()->id; });
            diesel::fork([&] { next_got = pool.connection()->id; });
            QVERIFY(dtest::settle([&] { return pool.stats().waiting == 2; }));
            held.reset();                                    // handed to `doomed` ...
            diesel::Hub::current().cancel(doomed, "killed"); // ... which dies before running
            QVERIFY(dtest::settle([&] { return next_got != 0; }));
            QCOMPARE(next_got, 1); // the same, healthy connection
            QCOMPARE(doomed_got, 0);
            QCOMPARE(pool.stats().in_use, std::size_t(0));
            QCOMPARE(pool.stats().created, std::uint64_t(1));
        });
    }

    void aFailingMakeReleasesItsSlot()
    {
        dtest::run_in_loop([] {
            int calls = 0;
            diesel::ConnectionPool pool(
                [&] {
                    if (++calls == 1)
                        throw diesel::ClientConnectionError("refused by the test");
                    return std::make_unique<FakeClient>(FakeClient{calls, true});
                },
                [](FakeClient &) {}, 1, 1);
            QVERIFY_THROWS_EXCEPTION(diesel::ClientConnectionError, pool.connection());
            QCOMPARE(pool.stats().in_use, std::size_t(0));
            auto c = pool.connection();
            QCOMPARE(c->id, 2);
        });
    }

    void leasesAndWaitersSurviveThePool()
    {
        dtest::run_in_loop([] {
            FakeFactory f;
            auto pool =
                std::make_unique<diesel::ConnectionPool<FakeClient>>(f.make(), f.close(), 1, 1);
            auto lease = pool->connection();
            bool woken_with_error = false;
            diesel::fork([&] {
                try {
                    auto c = pool->connection();
                } catch (const diesel::Error &) {
                    woken_with_error = true;
                }
            });
            QVERIFY(dtest::settle([&] { return pool->stats().waiting == 1; }));
            pool.reset();
            QVERIFY(dtest::settle([&] { return woken_with_error; }));
            QCOMPARE(lease->id, 1); // still usable; destroyed without a pool
        });
    }

    void aHundredLoopsShareAFewConnections()
    {
        // 100 Loops x 1,000 requests through a pool of 3 (at most 10 lent at once) against an
        // echo Service: every request answered, no connection leaked, never more than 3 idle.
        constexpr int kLoops = 100;
        constexpr int kRequests = 1000;
        dtest::run_in_loop(
            [] {
                diesel::Service service = echo_service(0);
                service.start();
                const std::uint16_t port = service.port();
                diesel::ConnectionPool pool([port] { return EchoClient("127.0.0.1", port); },
                                            [](EchoClient &c) { c.close(); }, 3, 10, std::nullopt,
                                            "echo");
                int answered = 0;
                int wrong = 0;
                std::size_t most_idle = 0;
                for (int l = 0; l < kLoops; ++l)
                    diesel::fork([&, l] {
                        for (int r = 0; r < kRequests; ++r) {
                            const std::string message = std::to_string(l) + ":" + std::to_string(r);
                            auto c = pool.connection();
                            if (c->echo(message) == message)
                                ++answered;
                            else
                                ++wrong;
                            most_idle = std::max(most_idle, pool.stats().idle);
                        }
                    });
                QVERIFY(dtest::settle([&] { return answered + wrong == kLoops * kRequests; }, 200000));
                QCOMPARE(wrong, 0);
                QCOMPARE(answered, kLoops * kRequests);
                const diesel::PoolStats s = pool.stats();
                QCOMPARE(s.in_use, std::size_t(0));
                QCOMPARE(s.waiting, std::size_t(0));
                QVERIFY(s.idle <= 3);
                QVERIFY(most_idle <= 3);
                QVERIFY(s.created <= 10 + s.closed + s.discarded);
                QCOMPARE(s.discarded, std::uint64_t(0));
                QVERIFY(balanced(pool));
                // The server sees exactly the idle connections still open.
                QVERIFY(dtest::settle([&] { return service.connections() == s.idle; }));
            },
            std::chrono::seconds(100));
    }

    void aServerThatDiesAndComesBack()
    {
        dtest::run_in_loop([] {
            const std::uint16_t port = dtest::free_port();
            auto service = std::make_unique<diesel::Service>(echo_service(port));
            service->start();
            diesel::ConnectionPool pool([port] { return EchoClient("127.0.0.1", port, 5.0); },
                                        [](EchoClient &c) { c.close(); }, 3, 0, std::nullopt,
                                        "echo");
            // Three concurrent users leave three idle connections.
            int ok = 0;
            for (int i = 0; i < 3; ++i)
                diesel::fork([&] {
                    auto c = pool.connection();
                    if (c->echo("hello") == "hello")
                        ++ok;
                });
            QVERIFY(dtest::settle([&] { return ok == 3; }));
            QCOMPARE(pool.stats().idle, std::size_t(3));

            service.reset(); // the server dies, its connections with it
            int failures = 0;
            for (int i = 0; i < 6; ++i) {
                try {
                    auto c = pool.connection();
                    c->echo("anyone?");
                    QFAIL("a request succeeded with the server down");
                } catch (const diesel::ConnectionClosed &) {
                    ++failures; // a stale idle connection: discarded
                } catch (const diesel::ClientConnectionError &) {
                    ++failures; // no stale one left: connecting is refused
                }
            }
            QCOMPARE(failures, 6);
            QCOMPARE(pool.stats().idle, std::size_t(0));
            QCOMPARE(pool.stats().in_use, std::size_t(0));
            QCOMPARE(pool.stats().discarded, std::uint64_t(3));

            service = std::make_unique<diesel::Service>(echo_service(port));
            service->start(); // back
            for (int i = 0; i < 5; ++i) {
                auto c = pool.connection();
                QCOMPARE(dtest::q(c->echo("again")), QStringLiteral("again"));
            }
            QCOMPARE(pool.stats().idle, std::size_t(1));
            QVERIFY(balanced(pool));
        });
    }
};

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
