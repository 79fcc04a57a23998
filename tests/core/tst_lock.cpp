// SPDX-License-Identifier: MIT
// Lock and synchronized(key): exclusion, counting, FIFO hand-over, timeouts, RAII, cancellation.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Runs `loops` Loops that each hold `lock` across a few switches; returns the most holders seen
// at once.
int most_holders_at_once(diesel::Lock &lock, int loops)
{
    int inside = 0;
    int most = 0;
    int finished = 0;
    for (int i = 0; i < loops; ++i)
        diesel::fork([&] {
            for (int round = 0; round < 3; ++round) {
                std::lock_guard guard(lock);
                most = std::max(most, ++inside);
                diesel::sleep(0);
                diesel::sleep(0.001);
                --inside;
            }
            ++finished;
        });
    dtest::settle([&] { return finished == loops; });
    return finished == loops ? most : -1;
}

} // namespace

class TestLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void aLockOfOneExcludes()
    {
        dtest::run_in_loop([] {
            diesel::Lock lock;
            QCOMPARE(most_holders_at_once(lock, 10), 1);
            QVERIFY(!lock.is_locked());
            QCOMPARE(lock.available(), std::size_t(1));
        });
    }

    void aLockOfThreeAdmitsThree()
    {
        dtest::run_in_loop([] {
            diesel::Lock lock(3, "three");
            QCOMPARE(lock.count(), std::size_t(3));
            QCOMPARE(most_holders_at_once(lock, 10), 3);
            QCOMPARE(lock.available(), std::size_t(3));
        });
    }

    void waitersGetTheLockInArrivalOrderAndSayOnWhat()
    {
        dtest::run_in_loop([] {
            diesel::Lock lock(1, "db");
            lock.acquire();
            std::vector<int> order;
            std::vector<diesel::LoopId> ids;
            for (int i = 0; i < 5; ++i)
                ids.push_back(diesel::fork([&, i] {
                    lock.acquire();
                    order.push_back(i);
                    diesel::sleep(0);
                    lock.release();
                }));
            QVERIFY(dtest::settle([&] { return lock.waiting() == 5; }));
            bool described = false;
            for (const auto &info : diesel::Hub::current().snapshot())
                if (info.id == ids[0])
                    described = info.waits_on == "lock db";
            QVERIFY(described);
            lock.release();
            QVERIFY(dtest::settle([&] { return order.size() == 5; }));
            QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4}));
        });
    }

    void tryAcquireAndTimeouts()
    {
        dtest::run_in_loop([] {
            diesel::Lock lock;
            QVERIFY(lock.try_acquire());
            QVERIFY(lock.is_locked());
            QVERIFY(!lock.try_acquire());
            const auto start = diesel::Clock::now();
            QVERIFY(!lock.try_acquire(0.01));
            QVERIFY(diesel::Clock::now() - start >= 10ms);
            QVERIFY(!lock.try_lock_for(1ms));
            QCOMPARE(lock.waiting(), std::size_t(0));
            diesel::fork([&] {
                diesel::sleep(0.01);
                lock.release();
            });
            QVERIFY(lock.try_acquire(diesel::Seconds(30)));
            lock.release();
            QVERIFY_THROWS_EXCEPTION(diesel::Error, lock.release());
            std::unique_lock guard(lock, std::try_to_lock);
            QVERIFY(guard.owns_lock());
        });
    }

    void aLoopKilledWhileGrantedPassesTheLockOn()
    {
        dtest::run_in_loop([] {
            diesel::Lock lock;
            lock.acquire();
            bool doomed_got_it = false;
            bool next_got_it = false;
            const diesel::LoopId doomed = diesel::fork([&] {
                std::lock_guard guard(lock);
                doomed_got_it = true;
            });
            diesel::fork([&] {
                std::lock_guard guard(lock);
                next_got_it = true;
            });
            QVERIFY(dtest::settle([&] { return lock.waiting() == 2; }));
            lock.release(); // granted to `doomed` ...
            diesel::Hub::current().cancel(doomed, "killed holding a grant"); // ... before it ran
            QVERIFY(dtest::settle([&] { return next_got_it; }));
            QVERIFY(!doomed_got_it);
            diesel::sleep(0.01);
            QVERIFY(!lock.is_locked());
        });
    }

    void aLoopKilledInsideTheLockReleasesIt()
    {
        dtest::run_in_loop([] {
            diesel::Lock lock;
            const diesel::LoopId holder = diesel::fork([&] {
                std::lock_guard guard(lock);
                diesel::sleep(60);
            });
            QVERIFY(dtest::settle([&] { return lock.is_locked(); }));
            diesel::Hub::current().cancel(holder, "killed inside");
            lock.acquire(); // would hang if the lock leaked
            lock.release();
        });
    }

    void synchronizedSerializesOneKeyOnly()
    {
        dtest::run_in_loop([] {
            int inside_a = 0;
            int most_a = 0;
            int inside_any = 0;
            int most_any = 0;
            int finished = 0;
            for (int i = 0; i < 6; ++i)
                diesel::fork([&, i] {
                    const bool a = i % 2 == 0;
                    auto held = diesel::synchronized(a ? "a" : "b");
                    if (a)
                        most_a = std::max(most_a, ++inside_a);
                    most_any = std::max(most_any, ++inside_any);
                    diesel::sleep(0.005);
                    if (a)
                        --inside_a;
                    --inside_any;
                    ++finished;
                });
            QVERIFY(dtest::settle([&] { return finished == 6; }));
            QCOMPARE(most_a, 1);
            QCOMPARE(most_any, 2); // one "a" and one "b" at a time
        });
    }

    void synchronizedLocksAreSharedWhileUsedAndNamedAfterTheKey()
    {
        dtest::run_in_loop([] {
            auto held = diesel::synchronized("user:42");
            QCOMPARE(dtest::q(held.lock().name()), QStringLiteral("synchronized user:42"));
            QVERIFY(held.lock().is_locked());
            bool second = false;
            const diesel::LoopId waiter = diesel::fork([&] {
                auto again = diesel::synchronized("user:42");
                second = true;
            });
            QVERIFY(dtest::settle([&] { return held.lock().waiting() == 1; }));
            QVERIFY(!second);
            auto moved = std::move(held);
            QVERIFY(moved.lock().is_locked());
            {
                auto gone = std::move(moved);
            }
            QVERIFY(dtest::settle([&] { return second; }));
            QVERIFY(!diesel::Hub::current().find(waiter));
            // A waiter cancelled before it got the key's lock leaves no trace behind.
            auto first_holder = diesel::synchronized();
            const diesel::LoopId doomed = diesel::fork([] { auto g = diesel::synchronized(); });
            QVERIFY(dtest::settle([&] { return first_holder.lock().waiting() == 1; }));
            diesel::Hub::current().cancel(doomed, "killed while waiting");
            diesel::sleep(0.01);
            QCOMPARE(first_holder.lock().waiting(), std::size_t(0));
        });
    }
};

QTEST_GUILESS_MAIN(TestLock)
#include "tst_lock.moc"
