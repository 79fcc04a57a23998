// SPDX-License-Identifier: MIT
// RedisLock: exclusive, renewed while held, released on destruction only if still ours.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <string>

using namespace std::chrono_literals;
using diesel::redis::LockNotAcquired;
using diesel::redis::RedisClient;
using diesel::redis::RedisLock;

class TestRedisLock : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void exclusiveAndReleasedOnDestruction()
    {
        dtest::run_in_loop([&] {
            RedisClient a = client();
            RedisClient b = client();
            {
                RedisLock lock(a, "locks:job", 10s);
                QVERIFY(lock.held());
                QCOMPARE(*a.get("locks:job"), lock.token());
                QVERIFY_THROWS_EXCEPTION(LockNotAcquired, RedisLock(b, "locks:job", 10s));
                QVERIFY(a.pttl("locks:job") > 9000);
            }
            // The release was sent without waiting; the next command on `a` reads past it.
            QCOMPARE(a.exists("locks:job"), 0LL);
            RedisLock again(b, "locks:job", 10s);
            QVERIFY(again.held());
        });
    }

    void renewedWhileHeld()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            RedisLock lock(c, "locks:long", 600ms);
            // Hold it for more than twice its timeout: the child Loop keeps renewing it.
            diesel::sleep(1.5);
            QVERIFY(lock.held());
            QVERIFY(lock.renewals() >= 2);
            QCOMPARE(c.get("locks:long"), std::optional<std::string>(lock.token()));
            QVERIFY(c.pttl("locks:long") > 0);
            QVERIFY(lock.release());
            QVERIFY(!lock.held());
            QCOMPARE(c.exists("locks:long"), 0LL);
            QVERIFY(!lock.release());
        });
    }

    void neverReleasesSomeoneElsesLock()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            {
                RedisLock lock(c, "locks:stolen", 10s);
                // It expired and another holder took it meanwhile.
                c.set("locks:stolen", "someone-else");
            }
            QCOMPARE(*c.get("locks:stolen"), std::string("someone-else"));
            // release() reports that it was no longer ours.
            c.del_("locks:stolen");
            RedisLock lock(c, "locks:stolen", 10s);
            c.set("locks:stolen", "another");
            QVERIFY(!lock.release());
            QCOMPARE(*c.get("locks:stolen"), std::string("another"));
        });
    }

    void aLostLockIsNoticedByTheRenewal()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            RedisLock lock(c, "locks:lost", 300ms);
            c.set("locks:lost", "thief");
            for (int i = 0; i < 100 && lock.held(); ++i)
                diesel::sleep(0.02);
            QVERIFY(!lock.held());
            QCOMPARE(*c.get("locks:lost"), std::string("thief"));
        });
    }

    void waitingForTheLock()
    {
        dtest::run_in_loop([&] {
            RedisClient a = client();
            RedisClient b = client();
            std::vector<std::string> order;
            bool holder_ready = false;
            diesel::fork([&] {
                RedisLock lock(a, "locks:queue", 5s);
                holder_ready = true;
                order.push_back("a takes");
                diesel::sleep(0.3);
                order.push_back("a releases");
            });
            while (!holder_ready)
                diesel::sleep(0.01);
            QVERIFY_THROWS_EXCEPTION(LockNotAcquired, RedisLock(b, "locks:queue", 5s, 0.05s));
            RedisLock lock(b, "locks:queue", 5s, 5s);
            order.push_back("b takes");
            QCOMPARE(order, (std::vector<std::string>{"a takes", "a releases", "b takes"}));
        });
    }

    void releasedEvenWhenTheSharedClientIsInsideMulti()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            {
                RedisLock lock(c, "locks:multi", 10s);
                c.multi();
                c.set("x", "1");
            } // the release must not join the transaction
            c.exec();
            RedisClient other = client();
            for (int i = 0; i < 200 && other.exists("locks:multi") == 1; ++i)
                diesel::sleep(0.01);
            QCOMPARE(other.exists("locks:multi"), 0LL);
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisLock)
#include "tst_redis_lock.moc"
