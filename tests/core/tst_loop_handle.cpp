// SPDX-License-Identifier: MIT
// diesel's test_fork.py, fork part, and its Loop object: fork(), fork_child() and add_loop()
// return a handle (running, parent, children, deaths, label, id, keep_alive, cancel) that stays
// safe to use after the Loop ended; add_loop() starts a top-level Loop from inside a Loop; 10,000
// forks all run.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <vector>

namespace {

// diesel's tottering_child: counts itself, then lingers (here until the test lets it go).
void tottering_child(int &v, diesel::Event &release)
{
    ++v;
    release.wait();
}

} // namespace

class TestLoopHandle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void basicFork()
    {
        dtest::run_in_loop([] {
            int v = 0;
            diesel::Event done;
            diesel::Event release;
            diesel::add_loop([&] {
                diesel::fork(tottering_child, std::ref(v), std::ref(release));
                diesel::sleep(0.1);
                done.set();
            });
            auto r = diesel::first(diesel::cond::sleep(10), done);
            QVERIFY2(r.index() == 1, "timed out");
            QCOMPARE(v, 1);
            release.set();
            diesel::sleep();
        });
    }

    void forkMany()
    {
        constexpr int kCount = 10000;
        dtest::run_in_loop(
            [] {
                int v = 0;
                diesel::Event release;
                diesel::add_loop([&] {
                    for (int x = 0; x < kCount; ++x)
                        diesel::fork(tottering_child, std::ref(v), std::ref(release));
                });
                // diesel allows 16 × 0.5 s; so do we, on a slower machine, with more rounds.
                for (int i = 0; i < 120 && v != kCount; ++i)
                    diesel::sleep(0.5);
                QCOMPARE(v, kCount);
                QCOMPARE(release.waiting(), std::size_t(kCount));
                release.set();
                QVERIFY(dtest::settle([&] { return release.waiting() == 0; }));
                diesel::sleep(0.01);
            },
            std::chrono::seconds(90));
    }

    void aHandleTellsTheLoopsFamily()
    {
        dtest::run_in_loop([] {
            diesel::Event release;
            diesel::LoopHandle child_a;
            diesel::LoopHandle child_b;
            diesel::LoopHandle sibling;
            diesel::LoopHandle top;
            auto parent = diesel::fork([&] {
                diesel::label("parent");
                child_a = diesel::fork_child([&] { release.wait(); });
                child_b = diesel::fork_child([&] { release.wait(); });
                sibling = diesel::fork([&] { release.wait(); });
                top = diesel::add_loop([&] { release.wait(); });
                release.wait();
            });
            diesel::sleep();
            QVERIFY(parent.running());
            QCOMPARE(parent.label(), std::string("parent"));
            QCOMPARE(parent.parent().id(), diesel::current_loop_id());
            QCOMPARE(child_a.parent().id(), parent.id());
            QCOMPARE(sibling.parent().id(), parent.id());   // started by it, not its child
            QCOMPARE(top.parent().id(), diesel::LoopId(0)); // add_loop: top-level
            const auto children = parent.children();
            QCOMPARE(children.size(), std::size_t(2));
            QCOMPARE(children[0].id(), child_a.id());
            QCOMPARE(children[1].id(), child_b.id());
            QCOMPARE(parent.deaths(), std::uint64_t(0));
            QVERIFY(!parent.keep_alive());
            // The handle converts to the LoopId that fork() used to return.
            const diesel::LoopId id = parent;
            QCOMPARE(diesel::Hub::current().find(id), parent.loop());

            parent.cancel("test");
            QVERIFY(dtest::settle([&] { return !child_a.running() && !child_b.running(); }));
            // Ended: the handle still answers, from what it kept.
            QVERIFY(!parent.running());
            QCOMPARE(parent.loop(), nullptr);
            QCOMPARE(parent.label(), std::string("parent"));
            QCOMPARE(parent.deaths(), std::uint64_t(1));
            QVERIFY(parent.children().empty());
            QCOMPARE(child_a.parent().label(), std::string("parent"));
            QVERIFY(sibling.running()); // fork(): not tied to its parent
            QVERIFY(top.running());
            parent.cancel("again"); // nothing: it is gone
            release.set();
            QVERIFY(dtest::settle([&] { return !sibling.running() && !top.running(); }));
        });
    }

    void anEmptyHandleIsNoLoop()
    {
        const diesel::LoopHandle none;
        QCOMPARE(none.id(), diesel::LoopId(0));
        QVERIFY(!none.running());
        QVERIFY(none.label().empty());
        QVERIFY(none.children().empty());
        QCOMPARE(none.parent().id(), diesel::LoopId(0));
    }

    void addLoopWorksOutsideLoopsToo()
    {
        bool ran = false;
        auto handle = diesel::add_loop([&ran] { ran = true; });
        QVERIFY(dtest::spin_until([&] { return !handle.running(); }));
        QVERIFY(ran);
        QCOMPARE(handle.deaths(), std::uint64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestLoopHandle)
#include "tst_loop_handle.moc"
