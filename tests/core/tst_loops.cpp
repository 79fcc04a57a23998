// SPDX-License-Identifier: MIT
// Loops: sleep, fork, fork_child, label, keep-alive, cancellation, errors outside Loops.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QCoreApplication>
#include <QTest>

#include <chrono>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

class TestLoops : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void sleepSuspendsForAtLeastTheDuration()
    {
        dtest::run_in_loop([] {
            const auto start = diesel::Clock::now();
            diesel::sleep(0.05);
            QVERIFY(diesel::Clock::now() - start >= 50ms);
            diesel::sleep(20ms);
            QVERIFY(diesel::Clock::now() - start >= 70ms);
        });
    }

    void sleepZeroLetsOthersRunOnce()
    {
        std::vector<int> order;
        dtest::run_in_loop([&] {
            diesel::fork([&] {
                for (int i = 0; i < 3; ++i) {
                    order.push_back(10 + i);
                    diesel::sleep(0);
                }
            });
            for (int i = 0; i < 3; ++i) {
                diesel::sleep(0);
                order.push_back(i);
            }
        });
        // The forked Loop starts in the next round, then the two alternate.
        QCOMPARE(order, (std::vector<int>{10, 0, 11, 1, 12, 2}));
    }

    // A Loop that suspends switches to the next ready Loop of the round itself, without a trip
    // through the Hub, unless an observer wants every state reported: either way the order is
    // the Hub's, a Loop started or ended inside such a chain is started and finalized, and each
    // resumption is counted once.
    void roundsKeepTheirOrderWhetherLoopsSwitchDirectlyOrThroughTheHub_data()
    {
        QTest::addColumn<bool>("observed");
        QTest::newRow("directly") << false;
        QTest::newRow("through the Hub") << true;
    }
    void roundsKeepTheirOrderWhetherLoopsSwitchDirectlyOrThroughTheHub()
    {
        QFETCH(bool, observed);
        struct StateCount : diesel::Observer
        {
            unsigned interests() const override { return States; }
            void loop_state_changed(const diesel::Loop &) override { ++changes; }
            int changes = 0;
        } states;
        diesel::Hub &hub = diesel::Hub::current();
        if (observed)
            hub.add_observer(states);
        std::vector<int> order;
        std::uint64_t resumptions = 0;
        std::size_t loops_after = 0;
        dtest::run_in_loop([&] {
            const std::uint64_t before = hub.stats().switches;
            for (int i = 0; i < 4; ++i)
                diesel::fork([&order, i] {
                    for (int round = 0; round < 3; ++round) {
                        order.push_back(10 * round + i);
                        if (i == 1 && round == 1)
                            return;               // ends in the middle of a round
                        if (i == 3 && round == 0) // starts in the next round, after the third
                            diesel::fork([&order] { order.push_back(99); });
                        diesel::sleep(0);
                    }
                });
            diesel::sleep(0.05);
            resumptions = hub.stats().switches - before;
            loops_after = hub.stats().loops;
        });
        if (observed)
            hub.remove_observer(states);
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 10, 11, 12, 99, 13, 20, 22, 23}));
        // Four rounds of the first, third and fourth Loop, two of the second, one of the fifth,
        // and the waiting Loop's own wake-up.
        QCOMPARE(resumptions, std::uint64_t(4 + 2 + 4 + 4 + 1 + 1));
        QCOMPARE(loops_after, std::size_t(1));
        QCOMPARE(states.changes > 0, observed);
    }

    void forkRunsWithArgumentsAndRecordsItsParent()
    {
        dtest::run_in_loop([] {
            int seen = 0;
            diesel::LoopId parent = diesel::current_loop_id();
            diesel::LoopId child_parent = 0;
            diesel::fork(
                [&](int a, std::string b) {
                    seen = a + static_cast<int>(b.size());
                    child_parent = diesel::Loop::current()->parent_id();
                },
                40, std::string("ab"));
            QCOMPARE(seen, 0); // not run yet: fork schedules
            diesel::sleep(0.01);
            QCOMPARE(seen, 42);
            QCOMPARE(child_parent, parent);
        });
    }

    void tenThousandForks()
    {
        dtest::run_in_loop([] {
            int done = 0;
            for (int i = 0; i < 10000; ++i)
                diesel::fork([&done] {
                    diesel::sleep(0);
                    ++done;
                });
            QCOMPARE(diesel::Hub::current().stats().loops, std::size_t(10001));
            while (done < 10000)
                diesel::sleep(0.001);
            QCOMPARE(done, 10000);
        });
    }

    void loopsStacksBeginAtDifferentOffsetsInAPage()
    {
        // Were every stack's frames at the same offset in a page, a thousand Loops taking turns
        // would evict each other's top lines from the same cache sets.
        dtest::run_in_loop([] {
            constexpr int kLoops = 64;
            std::set<std::uintptr_t> offsets;
            int alive = 0;
            for (int i = 0; i < kLoops; ++i)
                diesel::fork([&] {
                    ++alive; // all alive at once: no two share a stack
                    offsets.insert(reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0)) %
                                   4096);
                    while (alive < kLoops)
                        diesel::sleep(0.001);
                });
            while (alive < kLoops)
                diesel::sleep(0.001);
            diesel::sleep(0.01);
            QVERIFY2(offsets.size() >= 8, qPrintable(QString::number(offsets.size())));
        });
    }

    void forkChildDiesWhenParentReturns()
    {
        bool child_saw_parent_died = false;
        bool child_finished = false;
        dtest::run_in_loop([&] {
            diesel::fork([&] {
                diesel::fork_child([&] {
                    try {
                        diesel::sleep(10);
                        child_finished = true;
                    } catch (const diesel::ParentDied &) {
                        child_saw_parent_died = true;
                        throw;
                    }
                });
                diesel::sleep(0.01);
            });
            diesel::sleep(0.1);
        });
        QVERIFY(child_saw_parent_died);
        QVERIFY(!child_finished);
    }

    void forkChildDiesWhenParentThrows()
    {
        bool child_saw_parent_died = false;
        dtest::run_in_loop([&] {
            diesel::fork([&] {
                diesel::fork_child([&] {
                    try {
                        diesel::sleep(10);
                    } catch (const diesel::ParentDied &) {
                        child_saw_parent_died = true;
                    }
                });
                diesel::sleep(0.01);
                throw std::runtime_error("the parent fails");
            });
            diesel::sleep(0.1);
        });
        QVERIFY(child_saw_parent_died);
    }

    void plainForkOutlivesItsParent()
    {
        bool finished = false;
        dtest::run_in_loop([&] {
            diesel::fork([&] {
                diesel::fork([&] {
                    diesel::sleep(0.05);
                    finished = true;
                });
            });
            diesel::sleep(0.1);
        });
        QVERIFY(finished);
    }

    void anExceptionEndsOnlyItsLoop()
    {
        bool other_ran = false;
        dtest::run_in_loop([&] {
            diesel::fork([] { throw std::runtime_error("boom"); });
            diesel::fork([&] {
                diesel::sleep(0.02);
                other_ran = true;
            });
            diesel::sleep(0.05);
        });
        QVERIFY(other_ran);
    }

    void keepAliveLoopsRestartAndStopWithTheirParent()
    {
        int runs = 0;
        dtest::run_in_loop([&] {
            diesel::Hub::current().spawn([&runs] { ++runs; },
                                         diesel::LoopOptions{"again", 0, false, true});
            QVERIFY(dtest::settle([&] { return runs == 2; })); // 0.5 s after the first end
            // Restarts stop with the parent: this Loop ends, so must the keep-alive one.
        });
        dtest::spin_until([] { return diesel::Hub::current().stats().loops == 0; });
        const int after = runs;
        dtest::spin_until([] { return false; }, 700ms);
        QCOMPARE(runs, after);
    }

    void keepAliveRestartsAfterAFailureWithAPause()
    {
        int runs = 0;
        dtest::run_in_loop([&] {
            diesel::Hub::current().spawn(
                [&runs] {
                    ++runs;
                    throw std::runtime_error("fails every time");
                },
                diesel::LoopOptions{"failing", 0, false, true});
            diesel::sleep(0.3);
            QCOMPARE(runs, 1); // restarted after a pause, not spinning
            diesel::sleep(0.4);
            QCOMPARE(runs, 2);
        });
    }

    void labelNamesTheLoopInSnapshots()
    {
        dtest::run_in_loop([] {
            diesel::label("the labelled one");
            diesel::fork([] {
                diesel::label("sleeper");
                diesel::sleep(0.2);
            });
            diesel::sleep(0.01);
            bool found_self = false;
            bool found_sleeper = false;
            for (const auto &info : diesel::Hub::current().snapshot()) {
                if (info.label == "the labelled one") {
                    found_self = true;
                    QCOMPARE(info.state, diesel::LoopState::Running);
                }
                if (info.label == "sleeper") {
                    found_sleeper = true;
                    QCOMPARE(info.state, diesel::LoopState::Waiting);
                    QCOMPARE(info.wait_kind, diesel::WaitKind::Timer);
                    QVERIFY2(info.waits_on.starts_with("timer 0.1"), info.waits_on.c_str());
                }
            }
            QVERIFY(found_self);
            QVERIFY(found_sleeper);
            diesel::sleep(0.25);
        });
    }

    void cancelEndsAWaitingLoop()
    {
        dtest::run_in_loop([] {
            bool unwound = false;
            const diesel::LoopId id = diesel::fork([&] {
                struct Guard
                {
                    bool &flag;
                    ~Guard() { flag = true; }
                } guard{unwound};
                diesel::sleep(100);
            });
            diesel::sleep(0.01);
            QVERIFY(diesel::Hub::current().cancel(id, "from the test"));
            diesel::sleep(0.01);
            QVERIFY(unwound);
            QVERIFY(!diesel::Hub::current().find(id));
        });
    }

    void aNestedQtEventLoopInsideALoopDoesNotResumeOthers()
    {
        dtest::run_in_loop([&] {
            bool other_ran = false;
            diesel::fork([&] {
                diesel::sleep(0.01);
                other_ran = true;
            });
            diesel::sleep(0);
            // The other Loop's timer expires while this one runs a nested Qt event loop (misuse
            // on purpose): that must not resume it from this Loop's stack.
            std::this_thread::sleep_for(30ms);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QVERIFY(!other_ran);
            diesel::sleep(0.01);
            QVERIFY(other_ran);
        });
    }

    void primitivesOutsideALoopThrowNotInLoop()
    {
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, diesel::sleep(0.1));
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, diesel::until_eol());
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, diesel::wait("x"));
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, diesel::label("x"));
        try {
            diesel::sleep(1);
        } catch (const diesel::NotInLoop &e) {
            QVERIFY(std::string(e.what()).find("sleep()") != std::string::npos);
        }
    }

    void ioWithoutAConnectionThrowsNoConnection()
    {
        dtest::run_in_loop([] {
            QVERIFY_THROWS_EXCEPTION(diesel::NoConnection, diesel::send("x"));
            QVERIFY_THROWS_EXCEPTION(diesel::NoConnection, diesel::until_eol());
        });
    }
};

QTEST_GUILESS_MAIN(TestLoops)
#include "tst_loops.moc"
