// SPDX-License-Identifier: MIT
// diesel's test_fork.py, keep-alive part: a keep-alive Loop that ends, normally or by an
// exception, is restarted after 0.5 s as the same Loop (same handle and id, deaths() counting);
// a keep-alive fork_child() child keeps its parent while it flaps and still dies with it, for
// good. The snapshot the Loop inspector reads shows the deaths.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;

namespace {

// The restart pause is 0.5 s; a slow machine may fire timers late, never early (allow for the
// clock's granularity).
constexpr auto kEarliestRestart = 450ms;

// Runs a keep-alive Loop that records in `starts` when each run started, while another Loop
// lives 0.7 s (diesel's test).
void run_keep_alive(bool throws, diesel::LoopHandle &handle,
                    std::vector<diesel::Clock::time_point> &starts)
{
    handle = diesel::add_loop([&starts, throws] {
        starts.push_back(diesel::Clock::now());
        if (throws)
            throw std::runtime_error("undefined name b");
    });
    handle.set_keep_alive(true);
    auto p = diesel::add_loop([] { diesel::sleep(0.7); });
    diesel::sleep();
    while (p.running())
        diesel::sleep();
}

void check_restarts(const std::vector<diesel::Clock::time_point> &starts,
                    const diesel::LoopHandle &handle)
{
    QVERIFY2(starts.size() > 1, "not restarted");
    // 0.7 s leaves room for two runs at 0.5 s apart; a restart without pause would make
    // thousands.
    QVERIFY(starts.size() <= 3);
    for (std::size_t i = 1; i < starts.size(); ++i)
        QVERIFY2(starts[i] - starts[i - 1] >= kEarliestRestart, "restarted too early");
    QVERIFY(handle.deaths() >= starts.size() - 1);
    QVERIFY(handle.running()); // pausing before the next run
}

} // namespace

class TestKeepAlive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void aLoopThatReturnsIsRestartedAfterHalfASecond()
    {
        dtest::run_in_loop([] {
            std::vector<diesel::Clock::time_point> starts;
            diesel::LoopHandle handle;
            run_keep_alive(false, handle, starts);
            check_restarts(starts, handle);
            handle.cancel("test over");
            QVERIFY(dtest::settle([&] { return !handle.running(); }));
        });
    }

    void aLoopThatThrowsIsRestartedAfterHalfASecond()
    {
        dtest::run_in_loop([] {
            std::vector<diesel::Clock::time_point> starts;
            diesel::LoopHandle handle;
            run_keep_alive(true, handle, starts);
            check_restarts(starts, handle);
            handle.cancel("test over");
            QVERIFY(dtest::settle([&] { return !handle.running(); }));
        });
    }

    void theRestartedLoopIsTheSameLoopToTheInspector()
    {
        dtest::run_in_loop([] {
            int runs = 0;
            auto handle = diesel::add_loop([&runs] { ++runs; });
            handle.set_keep_alive(true);
            const diesel::LoopId id = handle.id();
            QVERIFY(dtest::settle([&] { return runs == 2; }));
            QCOMPARE(handle.id(), id);
            QCOMPARE(handle.loop()->id(), id);
            QVERIFY(diesel::Hub::current().find(id));
            // After its second end it pauses before the third run, shown as such.
            std::optional<diesel::LoopInfo> info;
            QVERIFY(dtest::settle([&] {
                info = dtest::info_of(id);
                return handle.deaths() >= 2 && info && info->state == diesel::LoopState::Waiting;
            }));
            QCOMPARE(info->deaths, handle.deaths());
            QVERIFY(info->keep_alive);
            QVERIFY2(info->waits_on.find("until restart") != std::string::npos,
                     info->waits_on.c_str());
            handle.cancel("test over");
            QVERIFY(dtest::settle([&] { return !handle.running(); }));
            QCOMPARE(handle.deaths(), std::uint64_t(runs) + 1); // the cancelled pause ended too
            QVERIFY(!diesel::Hub::current().find(id));
        });
    }

    void keepAliveFromLoopOptionsPausesToo()
    {
        dtest::run_in_loop([] {
            std::vector<diesel::Clock::time_point> starts;
            diesel::LoopOptions options;
            options.keep_alive = true;
            auto handle = diesel::Hub::current().spawn(
                [&starts] { starts.push_back(diesel::Clock::now()); }, options);
            QVERIFY(handle.keep_alive());
            QVERIFY(dtest::settle([&] { return starts.size() == 2; }));
            QVERIFY(starts[1] - starts[0] >= kEarliestRestart);
            handle.cancel("test over");
            QVERIFY(dtest::settle([&] { return !handle.running(); }));
        });
    }

    void aKeepAliveChildRetainsItsParent()
    {
        dtest::run_in_loop([] {
            diesel::LoopHandle child;
            auto parent = diesel::add_loop([&child] {
                child = diesel::fork_child([] { diesel::sleep(0.1); }); // flapping_child
                child.set_keep_alive(true);
                diesel::sleep(2);
            });
            diesel::sleep();
            while (parent.running()) {
                // Deaths of the child are interspersed here.
                QVERIFY(!parent.children().empty());
                QCOMPARE(child.parent().id(), parent.id());
                QCOMPARE(parent.children().front().id(), child.id());
                diesel::sleep(0.001);
            }
            // The child should have died a bunch of times during the parent's life.
            QVERIFY2(child.deaths() > 1, "the keep-alive child did not flap");
            QVERIFY(!child.running());
        });
    }

    void aKeepAliveChildDiesWithItsParentForGood()
    {
        dtest::run_in_loop([] {
            diesel::LoopHandle child;
            auto parent = diesel::add_loop([&child] {
                child = diesel::fork_child([] { diesel::sleep(20); }); // strong_child
                child.set_keep_alive(true);
                diesel::sleep(0.5);
            });
            diesel::sleep();
            while (parent.running())
                diesel::sleep();
            // A child that wrongly respawned would do so after 0.5 s.
            diesel::sleep(1);
            QVERIFY(!child.running());
            QVERIFY(parent.children().empty());
            QCOMPARE(child.deaths(), std::uint64_t(1));
        });
    }
};

QTEST_GUILESS_MAIN(TestKeepAlive)
#include "tst_keep_alive.moc"
