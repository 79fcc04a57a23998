// SPDX-License-Identifier: MIT
// MULTI/EXEC/DISCARD/WATCH, the Transaction guard, and WATCH conflicts between two clients.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <stdexcept>
#include <string>
#include <vector>

using diesel::redis::RedisClient;
using diesel::redis::RedisTransactionError;
using diesel::redis::Reply;
using diesel::redis::Transaction;

class TestRedisTransaction : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void multiExecByHand()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.multi();
            QVERIFY(c.in_multi());
            QVERIFY(!c.set("a", "1")); // queued by the server
            QCOMPARE(c.incr("n"), 0LL);
            QCOMPARE(c.call({"GET", "a"}), Reply::status("QUEUED"));
            const std::vector<Reply> results = c.exec();
            QVERIFY(!c.in_multi());
            QCOMPARE(results.size(), std::size_t(3));
            QCOMPARE(results[0], Reply::status("OK"));
            QCOMPARE(results[1], Reply::integer(1));
            QCOMPARE(results[2], Reply::bulk("1"));
            c.multi();
            c.set("b", "1");
            c.discard();
            QCOMPARE(c.exists("b"), 0LL);
        });
    }

    void errorsInsideExecStayInTheResults()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("text", "abc");
            Transaction tx(c);
            tx.incr("text"); // fails at EXEC time, not at queue time
            tx.set("ok", "1");
            const auto results = tx.exec();
            QVERIFY(results[0].is_error());
            QCOMPARE(results[1], Reply::status("OK"));
        });
    }

    void guardDiscardsWhenTheBlockThrows()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("balance", "100");
            try {
                Transaction tx(c);
                tx.decrby("balance", 30);
                tx.set("audit", "x");
                throw std::runtime_error("changed my mind");
            } catch (const std::runtime_error &) {
            }
            QVERIFY(!c.in_multi());
            QCOMPARE(*c.get("balance"), std::string("100"));
            QCOMPARE(c.exists("audit"), 0LL);
            // The skipped DISCARD reply did not shift later replies.
            QCOMPARE(c.incr("counter"), 1LL);
            QCOMPARE(c.ping(), std::string("PONG"));
        });
    }

    void watchConflictRaisesTransactionError()
    {
        dtest::run_in_loop([&] {
            RedisClient a = client();
            RedisClient b = client();
            a.set("balance", "100");
            a.watch({"balance"});
            const long long balance = std::stoll(*a.get("balance"));
            b.set("balance", "500"); // another client changes the watched key
            bool raised = false;
            try {
                Transaction tx(a);
                tx.set("balance", std::to_string(balance - 10));
                tx.exec();
            } catch (const RedisTransactionError &e) {
                raised = true;
                QVERIFY(std::string(e.what()).find("watched") != std::string::npos);
            }
            QVERIFY(raised);
            QCOMPARE(*a.get("balance"), std::string("500"));

            // Retried without interference it goes through.
            a.watch({"balance"});
            const long long now = std::stoll(*a.get("balance"));
            Transaction tx(a);
            tx.set("balance", std::to_string(now - 10));
            QCOMPARE(tx.exec().size(), std::size_t(1));
            QCOMPARE(*a.get("balance"), std::string("490"));
        });
    }

    void watchConflictInATransactionalPipelineAndUnwatch()
    {
        dtest::run_in_loop([&] {
            RedisClient a = client();
            RedisClient b = client();
            a.watch({"k"});
            b.set("k", "changed");
            auto p = a.pipeline(true);
            p.set("k", "mine");
            QVERIFY_THROWS_EXCEPTION(RedisTransactionError, p.execute());
            QCOMPARE(*a.get("k"), std::string("changed"));
            a.watch({"k"});
            a.unwatch();
            b.set("k", "again");
            p.set("k", "mine");
            QCOMPARE(p.execute().size(), std::size_t(1));
            QCOMPARE(*a.get("k"), std::string("mine"));
        });
    }

    void aTransactionLostWithItsConnectionNeverRunsOutsideMulti()
    {
        dtest::run_in_loop([&] {
            RedisClient a = client();
            RedisClient killer = client();
            const long long id = a.client_id();
            a.multi();
            a.set("first", "1");
            killer.call({"CLIENT", "KILL", "ID", std::to_string(id)});
            diesel::sleep(0.1); // let the close arrive
            // The server forgot the transaction: commands are refused rather than run on a new
            // connection outside it, until discard() (or exec()) settles it.
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, a.set("second", "2"));
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, a.set("third", "3"));
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, a.exec());
            QCOMPARE(a.exists({"first", "second", "third"}), 0LL);
            // The guard settles it by itself.
            const long long id2 = a.client_id();
            {
                Transaction tx(a);
                tx.set("in-tx", "1");
                killer.call({"CLIENT", "KILL", "ID", std::to_string(id2)});
            }
            diesel::sleep(0.1);
            QVERIFY(a.client_id() != id2);
            QCOMPARE(a.exists("in-tx"), 0LL);
            a.multi();
            a.discard();
            QCOMPARE(a.ping(), std::string("PONG"));
        });
    }

    void guardHoldsASharedClientForItsLoop()
    {
        dtest::run_in_loop([&] {
            RedisClient shared = client();
            bool other_ran = false;
            std::vector<Reply> results;
            diesel::fork([&] {
                diesel::sleep(0.01);
                // Waits for the transaction instead of being queued into it.
                shared.set("other", "1");
                other_ran = true;
            });
            {
                Transaction tx(shared);
                tx.set("mine", "1");
                diesel::sleep(0.1); // the other Loop tries to use the client meanwhile
                QVERIFY(!other_ran);
                results = tx.exec();
            }
            QCOMPARE(results.size(), std::size_t(1));
            for (int i = 0; i < 100 && !other_ran; ++i)
                diesel::sleep(0.01);
            QVERIFY(other_ran);
            QCOMPARE(*shared.get("other"), std::string("1"));
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisTransaction)
#include "tst_redis_transaction.moc"
