// SPDX-License-Identifier: MIT
// diesel's test_fork.py, fork_child part: when a parent Loop ends, normally or by an exception,
// its fork_child() children receive ParentDied before any Loop that merely yielded runs again.
// A Loop polling "is the parent still running?" with sleep(0) never sees the parent gone and a
// child not yet told.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <stdexcept>
#include <vector>

namespace {

// Waits long (diesel's sleep(50)); records whether it ended by ParentDied.
void dependent_child(int &got_exception)
{
    try {
        diesel::sleep(50);
        got_exception = 0;
    } catch (const diesel::ParentDied &) {
        got_exception = 1;
        throw;
    }
}

// Only yields, so it is ready (not waiting) when its parent ends.
void yielding_child(int &got_exception)
{
    try {
        for (;;)
            diesel::sleep(0);
    } catch (const diesel::ParentDied &) {
        got_exception = 1;
        throw;
    }
}

} // namespace

class TestParentDied : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void childDiesWhenItsParentReturns()
    {
        dtest::run_in_loop([] {
            int got_exception = 0;
            auto parent = diesel::add_loop([&] {
                diesel::fork_child(dependent_child, std::ref(got_exception));
                diesel::sleep(0.1);
            });
            diesel::sleep(); // give the Loop a chance to start
            while (parent.running()) {
                QCOMPARE(got_exception, 0);
                diesel::sleep();
            }
            QVERIFY2(got_exception, "child didn't die when parent died!");
        });
    }

    void childDiesWhenItsParentThrows()
    {
        dtest::run_in_loop([] {
            int got_exception = 0;
            auto parent = diesel::add_loop([&] {
                diesel::fork_child(dependent_child, std::ref(got_exception));
                diesel::sleep(0.1);
                throw std::runtime_error("undefined name b");
            });
            diesel::sleep();
            while (parent.running())
                diesel::sleep();
            QVERIFY2(got_exception, "child didn't die when parent died!");
        });
    }

    void aYieldingChildIsToldBeforeOtherYieldingLoops()
    {
        // Parent and pollers all yield in the same rounds; the parent ends between two of them.
        // Every poller, whatever its place in the round, must see the children told.
        constexpr int kChildren = 20;
        constexpr int kPollers = 20;
        dtest::run_in_loop([] {
            std::vector<int> told(kChildren, 0);
            diesel::LoopHandle parent;
            int violations = 0;
            int polls = 0;
            auto poll = [&] {
                diesel::sleep();
                while (parent.running())
                    diesel::sleep();
                ++polls;
                for (int t : told)
                    if (!t)
                        ++violations;
            };
            for (int p = 0; p < kPollers / 2; ++p)
                diesel::fork(poll);
            parent = diesel::add_loop([&] {
                for (int c = 0; c < kChildren; ++c)
                    if (c % 2)
                        diesel::fork_child(yielding_child, std::ref(told[std::size_t(c)]));
                    else
                        diesel::fork_child(dependent_child, std::ref(told[std::size_t(c)]));
                for (int i = 0; i < 50; ++i)
                    diesel::sleep();
            });
            for (int p = kPollers / 2; p < kPollers; ++p)
                diesel::fork(poll);
            QVERIFY(dtest::settle([&] { return polls == kPollers; }));
            QCOMPARE(violations, 0);
            for (int t : told)
                QCOMPARE(t, 1);
        });
    }

    void grandchildrenAreToldBeforeYieldingLoopsToo()
    {
        dtest::run_in_loop([] {
            int grandchild_told = 0;
            auto parent = diesel::add_loop([&] {
                diesel::fork_child([&] {
                    diesel::fork_child(dependent_child, std::ref(grandchild_told));
                    diesel::sleep(50);
                });
                diesel::sleep(0.05);
            });
            diesel::sleep();
            while (parent.running())
                diesel::sleep();
            QCOMPARE(grandchild_told, 1);
        });
    }

    void aCancelledParentTellsItsChildrenFirst()
    {
        dtest::run_in_loop([] {
            int got_exception = 0;
            auto parent = diesel::add_loop([&] {
                diesel::fork_child(dependent_child, std::ref(got_exception));
                diesel::sleep(50);
            });
            diesel::sleep();
            diesel::sleep();
            parent.cancel("done");
            while (parent.running())
                diesel::sleep();
            QCOMPARE(got_exception, 1);
        });
    }
};

QTEST_GUILESS_MAIN(TestParentDied)
#include "tst_parent_died.moc"
