// SPDX-License-Identifier: MIT
// signal(): Loops wait for OS signals; deliveries without a waiter wait for the next one.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <csignal>

class TestSignal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void aLoopWakesOnTheSignal()
    {
        dtest::run_in_loop([] {
            int got = 0;
            diesel::fork([&] { got = diesel::signal(SIGUSR1); });
            diesel::sleep(0.02);
            QCOMPARE(got, 0);
            ::raise(SIGUSR1);
            for (int i = 0; i < 100 && got == 0; ++i)
                diesel::sleep(0.01);
            QCOMPARE(got, SIGUSR1);
        });
    }

    void everyWaiterSeesADelivery()
    {
        dtest::run_in_loop([] {
            int woken = 0;
            for (int i = 0; i < 3; ++i)
                diesel::fork([&] {
                    diesel::signal(SIGUSR2);
                    ++woken;
                });
            diesel::sleep(0.02);
            ::raise(SIGUSR2);
            for (int i = 0; i < 100 && woken < 3; ++i)
                diesel::sleep(0.01);
            QCOMPARE(woken, 3);
        });
    }

    void aDeliveryWithoutWaiterIsKept()
    {
        dtest::run_in_loop([] {
            diesel::fork([] { diesel::signal(SIGUSR1); });
            diesel::sleep(0.01);
            ::raise(SIGUSR1); // consumed by the forked Loop
            diesel::sleep(0.02);
            ::raise(SIGUSR1); // nobody waits now
            diesel::sleep(0.02);
            QCOMPARE(diesel::signal(SIGUSR1), SIGUSR1); // returns at once
        });
    }

    void badSignalNumbersAreErrors()
    {
        dtest::run_in_loop([] { QVERIFY_THROWS_EXCEPTION(diesel::Error, diesel::signal(0)); });
    }
};

QTEST_GUILESS_MAIN(TestSignal)
#include "tst_signal.moc"
