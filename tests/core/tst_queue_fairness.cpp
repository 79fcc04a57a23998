// SPDX-License-Identifier: MIT
// diesel's tests/integration/test_queue.py: 500 items, 50 consumers that do no other waiting.
// Each consumer handles 500/50 items and they are processed in put order, whether the queue was
// full when the consumers started or filled while they waited; the same through Fanout and
// Dispatcher subscribers; get(no_yield) keeps the greedy behaviour for a lone drainer.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <random>
#include <vector>

namespace {

constexpr int kItems = 500;
constexpr int kWorkers = 50;
constexpr double kTimeout = 20.0; // diesel's 1 s, stretched for a slow, shared machine

std::vector<int> zero_to(int n)
{
    std::vector<int> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = i;
    return v;
}

// Cancels the worker Loops when a test body ends, also when a check failed and returned early.
struct Workers
{
    std::vector<diesel::LoopHandle> loops;
    void add(diesel::LoopHandle loop) { loops.push_back(std::move(loop)); }
    ~Workers()
    {
        for (auto &loop : loops)
            loop.cancel("test over");
        dtest::settle([this] {
            return std::none_of(loops.begin(), loops.end(), [](auto &l) { return l.running(); });
        });
    }
};

// Consumers that take items with get() or diesel::wait(q), chosen at random as diesel's test
// does, recording the global order and how many each handled.
struct Harness
{
    diesel::Queue<int> queue{"jobs"};
    diesel::Countdown done{kItems};
    std::vector<int> results;
    std::vector<int> handled = std::vector<int>(kWorkers, 0);
    std::mt19937 random{8};
    Workers workers; // last: cancelled before the rest goes

    void consume()
    {
        for (int w = 0; w < kWorkers; ++w)
            workers.add(diesel::fork([this, w] {
                for (;;) {
                    const int v = random() % 2 ? queue.get() : diesel::wait(queue);
                    results.push_back(v);
                    ++handled[static_cast<std::size_t>(w)];
                    done.tick();
                }
            }));
    }
    void trigger()
    {
        auto r = diesel::first(diesel::cond::sleep(kTimeout), done);
        QVERIFY2(r.index() == 1, "timed out");
    }
    void check()
    {
        QCOMPARE(results, zero_to(kItems));
        for (int count : handled)
            QCOMPARE(count, kItems / kWorkers);
    }
};

} // namespace

class TestQueueFairness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void consumersOnAFullQueueShareItInOrder()
    {
        dtest::run_in_loop([] {
            Harness h;
            for (int i = 0; i < kItems; ++i)
                h.queue.put(i);
            h.consume();
            h.trigger();
            h.check();
        });
    }

    void consumersOnAnEmptyQueueShareItInOrder()
    {
        dtest::run_in_loop([] {
            Harness h;
            diesel::fork([&h] {
                diesel::wait("ready");
                for (int i = 0; i < kItems; ++i)
                    h.queue.put(i);
            });
            h.consume();
            diesel::sleep();
            diesel::fire("ready");
            h.trigger();
            h.check();
        });
    }

    void dispatcherSubscribersShareMessagesInOrder()
    {
        dtest::run_in_loop([] {
            diesel::Dispatcher<int> jobs("jobs");
            diesel::Countdown done(kItems);
            std::vector<int> results;
            std::vector<int> handled(kWorkers, 0);
            Workers workers;
            for (int w = 0; w < kWorkers; ++w)
                workers.add(diesel::fork([&, w] {
                    auto sub = jobs.accept();
                    for (;;) {
                        results.push_back(sub.get());
                        ++handled[static_cast<std::size_t>(w)];
                        done.tick();
                    }
                }));
            QVERIFY(dtest::settle([&] { return jobs.subscribers() == kWorkers; }));
            for (int i = 0; i < kItems; ++i)
                jobs.dispatch(i);
            QCOMPARE(diesel::first(diesel::cond::sleep(kTimeout), done).index(), std::size_t(1));
            QCOMPARE(results, zero_to(kItems));
            for (int count : handled)
                QCOMPARE(count, kItems / kWorkers);
        });
    }

    void fanoutSubscribersTakeTurnsMessageByMessage()
    {
        // Every subscriber sees every message; with the yield they advance together, so the
        // global processing order is 0 (50 times), 1 (50 times), ... instead of one subscriber
        // running through all 500 before the next starts.
        constexpr int kMessages = 100;
        dtest::run_in_loop([] {
            diesel::Fanout<int> news("news");
            diesel::Countdown done(kMessages * kWorkers);
            std::vector<int> results;
            std::vector<std::vector<int>> seen(kWorkers);
            Workers workers;
            for (int w = 0; w < kWorkers; ++w)
                workers.add(diesel::fork([&, w] {
                    auto sub = news.sub();
                    for (;;) {
                        const int m = w % 2 ? sub.get() : diesel::wait(*sub);
                        results.push_back(m);
                        seen[static_cast<std::size_t>(w)].push_back(m);
                        done.tick();
                    }
                }));
            QVERIFY(dtest::settle([&] { return news.subscribers() == kWorkers; }));
            for (int i = 0; i < kMessages; ++i)
                news.pub(i);
            QCOMPARE(diesel::first(diesel::cond::sleep(kTimeout), done).index(), std::size_t(1));
            std::vector<int> expected;
            for (int i = 0; i < kMessages; ++i)
                expected.insert(expected.end(), kWorkers, i);
            QCOMPARE(results, expected);
            for (const auto &s : seen)
                QCOMPARE(s, zero_to(kMessages));
        });
    }

    void getNoYieldDrainsWithoutLettingOthersRun()
    {
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            for (int i = 0; i < 10; ++i)
                q.put(i);
            int others = 0;
            diesel::fork([&] { ++others; });
            diesel::sleep(); // the other Loop runs once and ends
            QCOMPARE(others, 1);
            bool ran = false;
            diesel::fork([&] { ran = true; });
            for (int i = 0; i < 10; ++i)
                QCOMPARE(q.get(diesel::no_yield), i);
            QVERIFY(!ran); // no switch happened while draining
            diesel::sleep();
            QVERIFY(ran);
        });
    }

    void aCancelledConsumerGivesItsItemBack()
    {
        // The item taken before the yield goes back to the front if the Loop is cancelled while
        // it yields: nothing is lost and the order holds.
        dtest::run_in_loop([] {
            diesel::Queue<int> q("jobs");
            q.put(1);
            q.put(2);
            bool returned = false;
            auto consumer = diesel::fork([&] {
                q.get();
                returned = true;
            });
            diesel::fork([&] { consumer.cancel("while yielding"); });
            QVERIFY(dtest::settle([&] { return !consumer.running(); }));
            QVERIFY(!returned);
            QCOMPARE(q.size(), std::size_t(2));
            QCOMPARE(q.get(), 1);
        });
    }
};

QTEST_GUILESS_MAIN(TestQueueFairness)
#include "tst_queue_fairness.moc"
