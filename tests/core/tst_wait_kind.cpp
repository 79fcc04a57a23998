// SPDX-License-Identifier: MIT
// What the inspector calls a wait: a plain wait("x") is a wait on fire x (WaitKind::Fire,
// "fire x"), with its timeout if it has one; first() stays first(...).
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <string>

class TestWaitKind : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void aPlainWaitIsAWaitOnFire()
    {
        dtest::run_in_loop([] {
            std::string got;
            auto waiter = diesel::fork([&] { got = diesel::wait("x"); });
            diesel::sleep();
            const auto info = dtest::info_of(waiter.id());
            QVERIFY(info);
            QCOMPARE(info->wait_kind, diesel::WaitKind::Fire);
            QCOMPARE(dtest::q(info->waits_on), QStringLiteral("fire x"));
            diesel::fire("x", "value");
            QVERIFY(dtest::settle([&] { return !waiter.running(); }));
            QCOMPARE(dtest::q(got), QStringLiteral("value"));
        });
    }

    void aWaitWithATimeoutShowsIt()
    {
        dtest::run_in_loop([] {
            bool timed_out = false;
            auto waiter = diesel::fork([&] {
                try {
                    diesel::wait("x", 0.2);
                } catch (const diesel::TimeoutError &) {
                    timed_out = true;
                }
            });
            diesel::sleep();
            const auto info = dtest::info_of(waiter.id());
            QVERIFY(info);
            QCOMPARE(info->wait_kind, diesel::WaitKind::Fire);
            QVERIFY2(info->waits_on.rfind("fire x (timeout ", 0) == 0, info->waits_on.c_str());
            QVERIFY(dtest::settle([&] { return !waiter.running(); }));
            QVERIFY(timed_out);
        });
    }

    void firstStaysFirst()
    {
        dtest::run_in_loop([] {
            auto waiter = diesel::fork(
                [] { diesel::first(diesel::cond::wait("x"), diesel::cond::sleep(10)); });
            diesel::sleep();
            const auto info = dtest::info_of(waiter.id());
            QVERIFY(info);
            QCOMPARE(info->wait_kind, diesel::WaitKind::First);
            QVERIFY2(info->waits_on.rfind("first(fire x, timer ", 0) == 0, info->waits_on.c_str());
            diesel::fire("x");
            QVERIFY(dtest::settle([&] { return !waiter.running(); }));
        });
    }
};

QTEST_GUILESS_MAIN(TestWaitKind)
#include "tst_wait_kind.moc"
