// SPDX-License-Identifier: MIT
// Event and Countdown: set/clear/wait, latecomers, timeouts, first(), cancelled waiters.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

std::string waits_on(diesel::LoopId id)
{
    for (const auto &info : diesel::Hub::current().snapshot())
        if (info.id == id)
            return info.waits_on;
    return {};
}

} // namespace

class TestEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void setWakesEveryWaiter()
    {
        dtest::run_in_loop([] {
            diesel::Event ev("ready");
            int woken = 0;
            diesel::LoopId first = 0;
            for (int i = 0; i < 5; ++i) {
                const diesel::LoopId id = diesel::fork([&] {
                    ev.wait();
                    ++woken;
                });
                if (i == 0)
                    first = id;
            }
            QVERIFY(dtest::settle([&] { return ev.waiting() == 5; }));
            QCOMPARE(dtest::q(waits_on(first)), QStringLiteral("event ready"));
            diesel::sleep(0.01);
            QCOMPARE(woken, 0);
            QVERIFY(!ev.is_set());
            ev.set();
            QVERIFY(ev.is_set());
            QCOMPARE(ev.waiting(), std::size_t(0));
            QVERIFY(dtest::settle([&] { return woken == 5; }));
        });
    }

    void aLatecomerDoesNotWaitUntilCleared()
    {
        dtest::run_in_loop([] {
            diesel::Event ev;
            ev.set();
            const std::uint64_t switches = diesel::Loop::current()->switches();
            ev.wait();
            ev.wait(0.01);
            QCOMPARE(diesel::Loop::current()->switches(), switches); // never suspended
            ev.clear();
            QVERIFY(!ev.is_set());
            bool woken = false;
            diesel::fork([&] {
                ev.wait();
                woken = true;
            });
            diesel::sleep(0.02);
            QVERIFY(!woken);
            ev.set();
            QVERIFY(dtest::settle([&] { return woken; }));
        });
    }

    void aSetFollowedByClearStillWakesThoseWaiting()
    {
        dtest::run_in_loop([] {
            diesel::Event ev;
            int woken = 0;
            for (int i = 0; i < 3; ++i)
                diesel::fork([&] {
                    ev.wait();
                    ++woken;
                });
            QVERIFY(dtest::settle([&] { return ev.waiting() == 3; }));
            ev.set();
            ev.clear(); // before any of them ran
            QVERIFY(dtest::settle([&] { return woken == 3; }));
        });
    }

    void waitTimesOut()
    {
        dtest::run_in_loop([] {
            diesel::Event ev("never");
            const auto start = diesel::Clock::now();
            QVERIFY_THROWS_EXCEPTION(diesel::EventTimeout, ev.wait(0.01));
            QVERIFY(diesel::Clock::now() - start >= 10ms);
            QVERIFY_THROWS_EXCEPTION(diesel::TimeoutError, ev.wait(1ms));
            QCOMPARE(ev.waiting(), std::size_t(0));
            try {
                ev.wait(0.0);
                QFAIL("no EventTimeout");
            } catch (const diesel::EventTimeout &e) {
                QVERIFY2(std::string(e.what()).find("never") != std::string::npos, e.what());
            }
        });
    }

    void waitWithATimeoutReturnsWhenSetInTime()
    {
        dtest::run_in_loop([] {
            diesel::Event ev;
            diesel::fork([&] {
                diesel::sleep(0.01);
                ev.set();
            });
            ev.wait(30.0);
            QVERIFY(ev.is_set());
        });
    }

    void eventsAreConditionsOfFirst()
    {
        dtest::run_in_loop([] {
            diesel::Event ev;
            auto r = diesel::first(ev, diesel::cond::sleep(0.01));
            QCOMPARE(r.index(), std::size_t(1));
            QCOMPARE(ev.waiting(), std::size_t(0)); // the losing branch left
            diesel::fork([&] {
                diesel::sleep(0.01);
                ev.set();
            });
            auto r2 = diesel::first(diesel::cond::sleep(30), ev);
            QCOMPARE(r2.index(), std::size_t(1));
            auto r3 = diesel::first(ev); // set: at once
            QCOMPARE(r3.index(), std::size_t(0));
        });
    }

    void aCancelledWaiterDoesNotDisturbTheOthers()
    {
        dtest::run_in_loop([] {
            diesel::Event ev;
            int woken = 0;
            const diesel::LoopId doomed = diesel::fork([&] {
                ev.wait();
                ++woken;
            });
            diesel::fork([&] {
                ev.wait();
                ++woken;
            });
            QVERIFY(dtest::settle([&] { return ev.waiting() == 2; }));
            diesel::Hub::current().cancel(doomed, "killed by the test");
            diesel::sleep(0.01);
            QCOMPARE(ev.waiting(), std::size_t(1));
            ev.set();
            QVERIFY(dtest::settle([&] { return woken == 1; }));
            diesel::sleep(0.01);
            QCOMPARE(woken, 1);
        });
    }

    void countdownWakesAfterTheLastTick()
    {
        dtest::run_in_loop([] {
            diesel::Countdown done(3, "done");
            QCOMPARE(done.remaining(), std::size_t(3));
            std::vector<std::string> log;
            diesel::fork([&] {
                done.wait();
                log.push_back("boom");
            });
            diesel::fork([&] {
                for (int i = 0; i < 3; ++i) {
                    log.push_back("tick");
                    diesel::sleep(0.01);
                    done.tick();
                }
            });
            QVERIFY(dtest::settle([&] { return log.size() == 4; }));
            QCOMPARE(log, (std::vector<std::string>{"tick", "tick", "tick", "boom"}));
            QVERIFY(done.is_done());
            QCOMPARE(done.remaining(), std::size_t(0));
            done.tick(); // extra ticks change nothing
            QCOMPARE(done.remaining(), std::size_t(0));
            const std::uint64_t switches = diesel::Loop::current()->switches();
            done.wait(); // a latecomer does not wait
            QCOMPARE(diesel::Loop::current()->switches(), switches);
        });
    }

    void countdownTimeoutsAndFirstAndZero()
    {
        dtest::run_in_loop([] {
            diesel::Countdown done(2);
            done.tick();
            QVERIFY(!done.is_done());
            QVERIFY_THROWS_EXCEPTION(diesel::EventTimeout, done.wait(0.01));
            diesel::fork([&] {
                diesel::sleep(0.01);
                done.tick();
            });
            auto r = diesel::first(diesel::cond::sleep(30), done);
            QCOMPARE(r.index(), std::size_t(1));
            diesel::Countdown zero(0);
            QVERIFY(zero.is_done());
            zero.wait();
        });
    }
};

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
