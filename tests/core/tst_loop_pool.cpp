// SPDX-License-Identifier: MIT
// LoopPool: bounded concurrency over a generator, failures, cancellation.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

namespace {

// Yields 0, 1, ..., n-1.
struct Counter
{
    int next = 0;
    int n;
    std::optional<int> operator()()
    {
        if (next == n)
            return std::nullopt;
        return next++;
    }
};

} // namespace

class TestLoopPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void runsEveryItemWithBoundedConcurrency()
    {
        dtest::run_in_loop([] {
            int running = 0;
            int most = 0;
            std::vector<int> handled;
            const diesel::LoopId self = diesel::current_loop_id();
            bool generator_in_caller = true;
            Counter counter{0, 40};
            diesel::LoopPool pool(
                5,
                [&](int item) {
                    most = std::max(most, ++running);
                    diesel::sleep(0.001 * (item % 3));
                    handled.push_back(item);
                    --running;
                },
                [&]() {
                    generator_in_caller = generator_in_caller && diesel::current_loop_id() == self;
                    return counter();
                },
                "workers");
            pool.run();
            QCOMPARE(handled.size(), std::size_t(40));
            std::sort(handled.begin(), handled.end());
            for (int i = 0; i < 40; ++i)
                QCOMPARE(handled[i], i);
            QCOMPARE(most, 5);
            QCOMPARE(running, 0);
            QVERIFY(generator_in_caller);
            QCOMPARE(diesel::Hub::current().stats().loops, std::size_t(1)); // workers are gone
        });
    }

    void anEmptyGeneratorAndAFailingHandler()
    {
        dtest::run_in_loop([] {
            diesel::LoopPool<int> empty(
                3, [](int) { QFAIL("no item expected"); }, [] { return std::optional<int>(); });
            empty.run();
            int handled = 0;
            Counter counter{0, 10};
            diesel::LoopPool pool(
                2,
                [&](int item) {
                    if (item % 2)
                        throw std::runtime_error("odd items fail");
                    ++handled;
                },
                counter);
            for (int i = 0; i < 5; ++i)
                QTest::ignoreMessage(QtWarningMsg,
                                     "LoopPool 'loop-pool': a handler failed: odd items fail");
            pool.run(); // failures are logged; the workers carry on
            QCOMPARE(handled, 5);
        });
    }

    void cancellingTheRunCancelsTheWorkers()
    {
        int started = 0;
        int finished = 0;
        dtest::run_in_loop([&] {
            Counter counter{0, 1000};
            const diesel::LoopId runner = diesel::fork([&] {
                diesel::LoopPool pool(
                    4,
                    [&](int) {
                        ++started;
                        diesel::sleep(60);
                        ++finished;
                    },
                    counter);
                pool.run();
            });
            QVERIFY(dtest::settle([&] { return started == 4; }));
            diesel::Hub::current().cancel(runner, "stop the pool");
            QVERIFY(dtest::settle([&] { return diesel::Hub::current().stats().loops == 1; }));
            QCOMPARE(started, 4);
            QCOMPARE(finished, 0);
        });
    }

    void aLoopPoolIsALoopFunction()
    {
        dtest::run_in_loop([] {
            int handled = 0;
            Counter counter{0, 3};
            diesel::fork(diesel::LoopPool<int>(
                2, [&](int) { ++handled; }, counter));
            QVERIFY(dtest::settle([&] { return handled == 3; }));
        });
    }
};

QTEST_GUILESS_MAIN(TestLoopPool)
#include "tst_loop_pool.moc"
