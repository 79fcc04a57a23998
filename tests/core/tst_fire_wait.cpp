// SPDX-License-Identifier: MIT
// fire() and wait(): only Loops waiting at the moment of the fire see it; waiting leaks nothing.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

class TestFireWait : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void oneWaiterSeesEachFireWhileWaiting()
    {
        dtest::run_in_loop([] {
            int seen = 0;
            diesel::fork([&] {
                for (;;) {
                    diesel::wait("thing");
                    ++seen;
                }
            });
            diesel::sleep(0.01);
            for (int i = 0; i < 5; ++i) {
                diesel::fire("thing");
                diesel::sleep(0.01);
            }
            QCOMPARE(seen, 5);
            diesel::fire("thing"); // and a sixth, seen before the test ends
            diesel::sleep(0.01);
            QCOMPARE(seen, 6);
            diesel::Hub::current().cancel_all("done");
        });
    }

    void twoWaitersBothSeeAFire()
    {
        dtest::run_in_loop([] {
            int seen = 0;
            std::string values;
            for (int i = 0; i < 2; ++i)
                diesel::fork([&] {
                    values += diesel::wait("thing");
                    ++seen;
                });
            diesel::sleep(0.01);
            diesel::fire("thing", "v");
            diesel::sleep(0.01);
            QCOMPARE(seen, 2);
            QCOMPARE(values, std::string("vv"));
        });
    }

    void busyLoopsMissTheFire()
    {
        dtest::run_in_loop([] {
            int seen = 0;
            diesel::fork([&] {
                diesel::sleep(0.05); // busy while the fire happens
                diesel::first(diesel::cond::wait("thing"), diesel::cond::sleep(0.05));
                // only the timeout can end this wait
            });
            diesel::fork([&] {
                diesel::wait("thing");
                ++seen;
            });
            diesel::sleep(0.01);
            diesel::fire("thing");
            diesel::sleep(0.2);
            QCOMPARE(seen, 1);
        });
    }

    void fireWithNoWaitersIsANoOp()
    {
        dtest::run_in_loop([] { diesel::fire("nobody listens", "value"); });
    }

    void waitWithATimeout()
    {
        dtest::run_in_loop([] {
            QVERIFY_THROWS_EXCEPTION(diesel::TimeoutError, diesel::wait("never", 0.05));
            diesel::fork([] {
                diesel::sleep(0.02);
                diesel::fire("soon", "ok");
            });
            QCOMPARE(diesel::wait("soon", 5.0), std::string("ok"));
        });
    }

    void fireFromOutsideALoop()
    {
        std::string got;
        diesel::Hub::current().spawn([&] { got = diesel::wait("from gui"); });
        dtest::spin_until([] {
            const auto infos = diesel::Hub::current().snapshot();
            return !infos.empty() && infos.front().state == diesel::LoopState::Waiting;
        });
        diesel::fire("from gui", "clicked");
        QVERIFY(dtest::spin_until([&] { return !got.empty(); }));
        QCOMPARE(got, std::string("clicked"));
    }

    void manyWaitsLeakNothing()
    {
        dtest::run_in_loop([] {
            for (int i = 0; i < 1000; ++i) {
                auto r = diesel::first(diesel::cond::wait("e" + std::to_string(i)),
                                       diesel::cond::sleep(0.0));
                QCOMPARE(r.index(), std::size_t(1));
            }
            // Each losing registration was unlinked; firing them all wakes nobody.
            for (int i = 0; i < 1000; ++i)
                diesel::fire("e" + std::to_string(i));
        });
    }
};

QTEST_GUILESS_MAIN(TestFireWait)
#include "tst_fire_wait.moc"
