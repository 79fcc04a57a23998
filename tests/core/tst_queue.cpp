// SPDX-License-Identifier: MIT
// Queue<T>: FIFO hand-off, waiting=false and timeouts, fairness, bounded back-pressure, first(),
// wait(q), and no lost item when a waiting Loop is killed.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

diesel::Hub &hub()
{
    return diesel::Hub::current();
}

// The snapshot line of the Loop with this id ("" if it is not live).
std::string waits_on(diesel::LoopId id)
{
    for (const auto &info : hub().snapshot())
        if (info.id == id)
            return info.waits_on;
    return {};
}

} // namespace

class TestQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void putThenGetIsFirstInFirstOut()
    {
        dtest::run_in_loop([] {
            diesel::Queue<std::string> q("jobs");
            QVERIFY(q.empty());
            q.put("a");
            q.put(std::string("b"));
            const std::string c = "c";
            q.put(c);
            QCOMPARE(q.size(), std::size_t(3));
            QCOMPARE(dtest::q(q.get()), QStringLiteral("a"));
            QCOMPARE(dtest::q(q.get()), QStringLiteral("b"));
            QCOMPARE(dtest::q(*q.try_get()), QStringLiteral("c"));
            QVERIFY(!q.try_get());
            QVERIFY(q.empty());
        });
    }

    void getSuspendsUntilAnItemArrivesAndSaysOnWhat()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            std::optional<int> got;
            const diesel::LoopId id = diesel::fork([&] { got = q.get(); });
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == 1; }));
            QVERIFY(!got);
            QCOMPARE(dtest::q(waits_on(id)), QStringLiteral("queue jobs"));
            q.put(42);
            QCOMPARE(q.size(), std::size_t(0)); // handed straight to the waiting Loop
            QVERIFY(dtest::settle([&] { return got.has_value(); }));
            QCOMPARE(*got, 42);
        });
    }

    void getWithoutWaitingThrowsQueueEmpty()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            QVERIFY_THROWS_EXCEPTION(diesel::QueueEmpty, q.get(diesel::no_wait));
            q.put(1);
            QCOMPARE(q.get(diesel::no_wait), 1);
            try {
                q.get(diesel::no_wait);
                QFAIL("no QueueEmpty");
            } catch (const diesel::QueueEmpty &e) {
                QVERIFY2(std::string(e.what()).find("jobs") != std::string::npos, e.what());
            }
        });
    }

    void aShortTimeoutTimesOut()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            const auto start = diesel::Clock::now();
            QVERIFY_THROWS_EXCEPTION(diesel::QueueTimeout, q.get(0.01));
            QVERIFY(diesel::Clock::now() - start >= 10ms);
            QVERIFY(q.waiting_getters() == 0);
            // QueueTimeout is a TimeoutError and a diesel::Error.
            QVERIFY_THROWS_EXCEPTION(diesel::TimeoutError, q.get(1ms));
            QVERIFY_THROWS_EXCEPTION(diesel::Error, q.get(0s));
        });
    }

    void aLongerTimeoutReceivesAnItemPutMeanwhile()
    {
        // A 0.1 s get() receives the item put at 0.05 s. On a machine so busy that the Hub stalls
        // past the deadline before the putter runs, a timeout is right; only an attempt whose put
        // happened in time counts, and a few attempts make one near certain.
        dtest::run_in_loop([] {
            for (int attempt = 0; attempt < 5; ++attempt) {
                diesel::Queue<int> q("jobs");
                const auto start = diesel::Clock::now();
                diesel::Clock::time_point put_at{};
                diesel::fork([&] {
                    diesel::sleep(0.05);
                    put_at = diesel::Clock::now();
                    q.put(7);
                });
                try {
                    QCOMPARE(q.get(0.1), 7);
                    QVERIFY(diesel::Clock::now() - start >= 45ms);
                    return;
                } catch (const diesel::QueueTimeout &) {
                    diesel::sleep(0.1); // let the putter end
                    QVERIFY2(put_at - start > 95ms, "timed out although the item came in time");
                }
            }
            QFAIL("the Hub stalled in every attempt");
        });
    }

    void onePutWakesExactlyOneWaiter()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            int received = 0;
            std::vector<diesel::LoopId> ids;
            for (int i = 0; i < 3; ++i)
                ids.push_back(diesel::fork([&] {
                    q.get();
                    ++received;
                }));
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == 3; }));
            q.put(1);
            diesel::sleep(0.02);
            QCOMPARE(received, 1);
            QCOMPARE(q.waiting_getters(), std::size_t(2));
            q.put(2);
            q.put(3);
            QVERIFY(dtest::settle([&] { return received == 3; }));
        });
    }

    void waitersAreServedFirstComeFirstServed()
    {
        // 50 workers waiting in turn, mixing get(), wait(q) and first(q, ...): each put goes to the
        // one that has waited longest, so worker w handles items w, w+50, ... exactly 10 of them,
        // and the items come out in order.
        constexpr int kWorkers = 50;
        constexpr int kItems = 500;
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            std::vector<std::vector<int>> handled(kWorkers);
            std::vector<int> order;
            for (int w = 0; w < kWorkers; ++w)
                diesel::fork([&, w] {
                    for (;;) {
                        int item = -1;
                        switch (w % 3) {
                        case 0:
                            item = q.get();
                            break;
                        case 1:
                            item = diesel::wait(q);
                            break;
                        default:
                            item = std::get<0>(diesel::first(q, diesel::cond::sleep(60)));
                            break;
                        }
                        if (item < 0)
                            return;
                        handled[w].push_back(item);
                        order.push_back(item);
                    }
                });
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == kWorkers; }));
            for (int i = 0; i < kItems; ++i) {
                q.put(i);
                diesel::sleep(0); // the worker it went to handles it and queues up again
            }
            for (int w = 0; w < kWorkers; ++w)
                q.put(-1);
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == 0 && q.empty(); }));
            diesel::sleep(0.01);
            std::vector<int> expected(kItems);
            for (int i = 0; i < kItems; ++i)
                expected[i] = i;
            QCOMPARE(order, expected);
            for (int w = 0; w < kWorkers; ++w) {
                QCOMPARE(handled[w].size(), std::size_t(10));
                for (int k = 0; k < 10; ++k)
                    QCOMPARE(handled[w][k], w + k * kWorkers);
            }
        });
    }

    void aBurstIsSharedWithoutLossOrDuplicates()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q;
            std::vector<std::vector<int>> handled(50);
            for (int w = 0; w < 50; ++w)
                diesel::fork([&, w] {
                    for (int item; (item = q.get()) >= 0;) {
                        handled[w].push_back(item);
                        diesel::sleep(0);
                    }
                });
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == 50; }));
            for (int i = 0; i < 500; ++i)
                q.put(i);
            for (int w = 0; w < 50; ++w)
                q.put(-1);
            QVERIFY(dtest::settle([&] { return hub().stats().loops == 1; }));
            std::vector<int> all;
            for (const auto &items : handled) {
                QVERIFY(std::is_sorted(items.begin(), items.end()));
                all.insert(all.end(), items.begin(), items.end());
            }
            std::sort(all.begin(), all.end());
            QCOMPARE(all.size(), std::size_t(500));
            QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());
        });
    }

    void aWaiterKilledWhileWaitingTakesNothing()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            std::optional<int> first_got;
            std::optional<int> second_got;
            const diesel::LoopId first = diesel::fork([&] { first_got = q.get(); });
            diesel::fork([&] { second_got = q.get(); });
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == 2; }));
            QVERIFY(hub().cancel(first, "killed by the test"));
            q.put(5); // the first waiter is dying: its node refuses, the second one gets it
            QVERIFY(dtest::settle([&] { return second_got.has_value(); }));
            QCOMPARE(*second_got, 5);
            QVERIFY(!first_got);
        });
    }

    void aWaiterKilledHoldingAnItemPassesItOn()
    {
        // The item is already handed to the first waiter when it is killed, before it ran: it
        // must go to the next waiter, not vanish.
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            std::optional<int> got[3];
            diesel::LoopId ids[3];
            ids[0] = diesel::fork([&] { got[0] = q.get(); });
            ids[1] = diesel::fork(
                [&] { got[1] = std::get<1>(diesel::first(diesel::cond::sleep(60), q)); });
            ids[2] = diesel::fork([&] { got[2] = q.get(); });
            QVERIFY(dtest::settle([&] { return q.waiting_getters() == 3; }));
            q.put(1);                                       // handed to waiter 0 ...
            hub().cancel(ids[0], "killed holding an item"); // ... which dies before taking it
            diesel::sleep(0.01);
            QVERIFY(!got[0]);
            QCOMPARE(got[1].value_or(-1), 1);
            q.put(2);
            hub().cancel(ids[2], "killed holding an item"); // nobody else waits: back in the queue
            diesel::sleep(0.01);
            QVERIFY(!got[2]);
            QCOMPARE(q.size(), std::size_t(1));
            QCOMPARE(q.get(), 2);
        });
    }

    void firstTakesAnItemOrLetsAnotherBranchWin()
    {
        dtest::run_in_loop([] {
            diesel::Queue<std::string> q("jobs");
            q.put("ready");
            auto r = diesel::first(diesel::cond::sleep(5), q);
            QCOMPARE(r.index(), std::size_t(1));
            QCOMPARE(dtest::q(std::get<1>(r)), QStringLiteral("ready"));

            // The timeout wins; a put afterwards stays in the queue (the stale branch refuses).
            auto r2 = diesel::first(q, diesel::cond::sleep(0.01));
            QCOMPARE(r2.index(), std::size_t(1));
            q.put("later");
            QCOMPARE(q.size(), std::size_t(1));

            // A satisfied earlier branch wins; the queue's item is not consumed.
            diesel::Event ev;
            ev.set();
            auto r3 = diesel::first(ev, q);
            QCOMPARE(r3.index(), std::size_t(0));
            QCOMPARE(q.size(), std::size_t(1));

            diesel::fork([&] {
                diesel::sleep(0.01);
                q.put("pushed");
            });
            q.get();
            auto r4 = diesel::first(q, diesel::cond::sleep(5));
            QCOMPARE(r4.index(), std::size_t(0));
            QCOMPARE(dtest::q(std::get<0>(r4)), QStringLiteral("pushed"));
        });
    }

    void aBoundedQueueMakesProducersWait()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q(3, "bounded");
            QCOMPARE(q.capacity(), std::size_t(3));
            std::size_t most = 0;
            bool produced = false;
            const diesel::LoopId producer = diesel::fork([&] {
                for (int i = 0; i < 20; ++i) {
                    q.put(i);
                    most = std::max(most, q.size());
                }
                produced = true;
            });
            QVERIFY(dtest::settle([&] { return q.waiting_putters() == 1; }));
            QVERIFY(q.full());
            QCOMPARE(dtest::q(waits_on(producer)), QStringLiteral("queue bounded"));
            for (int i = 0; i < 20; ++i) {
                QCOMPARE(q.get(), i);
                diesel::sleep(0.001);
            }
            QVERIFY(dtest::settle([&] { return produced; }));
            QCOMPARE(most, std::size_t(3));
        });
    }

    void putOnAFullQueueCanRefuseOrTimeOut()
    {
        dtest::run_in_loop([] {
            diesel::Queue<std::string> q(1, "one");
            q.put("first");
            std::string item = "second";
            QVERIFY_THROWS_EXCEPTION(diesel::QueueFull, q.put(std::move(item), diesel::no_wait));
            QCOMPARE(dtest::q(item), QStringLiteral("second")); // not moved from
            QVERIFY(!q.try_put(std::move(item)));
            QCOMPARE(dtest::q(item), QStringLiteral("second"));
            const auto start = diesel::Clock::now();
            QVERIFY_THROWS_EXCEPTION(diesel::QueueTimeout, q.put(std::move(item), 0.01));
            QVERIFY(diesel::Clock::now() - start >= 10ms);
            QCOMPARE(dtest::q(item), QStringLiteral("second"));
            QCOMPARE(q.waiting_putters(), std::size_t(0));
            QCOMPARE(dtest::q(q.get()), QStringLiteral("first"));
            QVERIFY(q.try_put(std::move(item)));
            QCOMPARE(dtest::q(q.get()), QStringLiteral("second"));
        });
    }

    void aWaitingProducerIsAdmittedInOrderAndAKilledOneAddsNothing()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q(1);
            q.put(0);
            diesel::fork([&] { q.put(1); });
            const diesel::LoopId killed = diesel::fork([&] { q.put(99); });
            diesel::fork([&] { q.put(2); });
            QVERIFY(dtest::settle([&] { return q.waiting_putters() == 3; }));
            hub().cancel(killed, "killed while waiting for room");
            diesel::sleep(0.01);
            QCOMPARE(q.get(), 0);
            QCOMPARE(q.get(), 1);
            QCOMPARE(q.get(), 2);
            QVERIFY(q.empty());
        });
    }

    void itemsMayBeMoveOnly()
    {
        dtest::run_in_loop([] {
            diesel::Queue<std::unique_ptr<int>> q;
            diesel::fork([&] { q.put(std::make_unique<int>(3)); });
            std::unique_ptr<int> p = q.get();
            QCOMPARE(*p, 3);
        });
    }

    void getOutsideALoopThrowsNotInLoopOnlyWhenItMustWait()
    {
        diesel::Queue<int> q;
        q.put(1);
        QCOMPARE(q.get(), 1);
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, q.get());
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
