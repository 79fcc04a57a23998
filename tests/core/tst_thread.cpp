// SPDX-License-Identifier: MIT
// thread(): blocking work on a worker while the Loop waits cooperatively; fork_from_thread().
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <tuple>

using namespace std::chrono_literals;

class TestThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void returnsTheResultWithoutBlockingOtherLoops()
    {
        dtest::run_in_loop([] {
            std::atomic<int> ticks = 0;
            diesel::fork([&] {
                for (int i = 0; i < 10; ++i) {
                    diesel::sleep(0.005);
                    ++ticks;
                }
            });
            const std::thread::id hub_thread = std::this_thread::get_id();
            // The worker blocks until the other Loop has ticked ten times: that can only happen
            // if the Hub runs it meanwhile (the deadline is for a failure, not a timing).
            const auto [value, seen, thread] = diesel::thread([&ticks] {
                const auto deadline = std::chrono::steady_clock::now() + 60s;
                while (ticks < 10 && std::chrono::steady_clock::now() < deadline)
                    std::this_thread::sleep_for(1ms);
                return std::tuple(42, ticks.load(), std::this_thread::get_id());
            });
            QCOMPARE(value, 42);
            QVERIFY(thread != hub_thread);
            QCOMPARE(seen, 10); // the other Loop ran meanwhile
        });
    }

    void rethrowsTheWorkersException()
    {
        dtest::run_in_loop([] {
            try {
                diesel::thread([]() -> int { throw std::runtime_error("from the worker"); });
                QFAIL("no exception");
            } catch (const std::runtime_error &e) {
                QCOMPARE(std::string(e.what()), std::string("from the worker"));
            }
            diesel::thread([] {}); // void works too
        });
    }

    void cancellationWaitsForTheWorker()
    {
        dtest::run_in_loop([] {
            std::atomic<bool> worker_done{false};
            bool loop_unwound_after_worker = false;
            const diesel::LoopId id = diesel::fork([&] {
                struct Check
                {
                    std::atomic<bool> &done;
                    bool &result;
                    ~Check() { result = done.load(); }
                } check{worker_done, loop_unwound_after_worker};
                diesel::thread([&] {
                    std::this_thread::sleep_for(100ms);
                    worker_done = true;
                });
                diesel::sleep(10); // the cancellation is thrown here at the latest
            });
            diesel::sleep(0.02);
            diesel::Hub::current().cancel(id, "test");
            while (diesel::Hub::current().find(id))
                diesel::sleep(0.01);
            QVERIFY(loop_unwound_after_worker);
        });
    }

    void forkFromThreadStartsALoopOnTheHub()
    {
        dtest::run_in_loop([] {
            diesel::Hub &hub = diesel::Hub::current();
            int ran_in_loop = 0;
            std::thread worker([&hub, &ran_in_loop] {
                diesel::fork_from_thread(hub, [&ran_in_loop] {
                    diesel::sleep(0); // a real Loop: primitives work
                    ran_in_loop += diesel::Loop::current() != nullptr;
                });
                // Without a Hub: the primary one, the QCoreApplication thread's.
                diesel::fork_from_thread(
                    [&ran_in_loop] { ran_in_loop += diesel::Loop::current() != nullptr; });
            });
            worker.join();
            QCOMPARE(diesel::Hub::primary(), &hub);
            QVERIFY(dtest::settle([&] { return ran_in_loop == 2; }));
        });
    }
};

QTEST_GUILESS_MAIN(TestThread)
#include "tst_thread.moc"
