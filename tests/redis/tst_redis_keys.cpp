// SPDX-License-Identifier: MIT
// Generic key commands against a real redis-server: DEL, EXISTS, expiry, SCAN, RENAME, TYPE,
// SORT, DUMP/RESTORE, SELECT and the database a client remembers.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using diesel::redis::ExpireIf;
using diesel::redis::RedisClient;

class TestRedisKeys : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void delExistsTouchUnlink()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.mset({{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}});
            QCOMPARE(c.exists({"a", "b", "nope"}), 2LL);
            QCOMPARE(c.exists({"a", "a"}), 2LL);
            QCOMPARE(c.touch({"a", "nope"}), 1LL);
            QCOMPARE(c.del_({"a", "nope"}), 1LL);
            QCOMPARE(c.delete_("b"), 1LL);
            QCOMPARE(c.unlink({"c", "d"}), 2LL);
            QCOMPARE(c.dbsize(), 0LL);
        });
    }

    void expiry()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("k", "v");
            QCOMPARE(c.ttl("k"), -1LL);
            QCOMPARE(c.ttl("missing"), -2LL);
            QVERIFY(c.expire("k", 100s));
            QVERIFY(c.ttl("k") > 90);
            QVERIFY(!c.expire("k", 200s, ExpireIf::Nx)); // it has one already
            QVERIFY(c.expire("k", 200s, ExpireIf::Gt));
            QVERIFY(!c.expire("k", 300s, ExpireIf::Lt));
            QVERIFY(c.pexpire("k", 50000ms));
            QVERIFY(c.pttl("k") <= 50000);
            QVERIFY(c.persist("k"));
            QCOMPARE(c.ttl("k"), -1LL);
            const auto at = std::chrono::system_clock::now() + 1h;
            QVERIFY(c.expireat("k", at));
            const long long when = c.expiretime("k");
            const long long expected =
                std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
            QVERIFY(std::abs(when - expected) <= 1);
            QVERIFY(c.pexpireat("k", at));
            QVERIFY(std::abs(c.pexpiretime("k") / 1000 - expected) <= 1);
            QVERIFY(c.pexpire("short", 1ms) == false); // no key
            c.set("short", "v", {.ttl = 50ms});
            diesel::sleep(0.2);
            QCOMPARE(c.get("short"), std::nullopt);
        });
    }

    void renameTypeRandomkeyCopyMove()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.randomkey(), std::nullopt);
            c.set("s", "v");
            c.rpush("l", {"a"});
            c.sadd("set", {"a"});
            c.zadd("z", {{"a", 1}});
            c.hset("h", "f", "v");
            c.xadd("x", {{"f", "v"}});
            QCOMPARE(c.type("s"), std::string("string"));
            QCOMPARE(c.type("l"), std::string("list"));
            QCOMPARE(c.type("set"), std::string("set"));
            QCOMPARE(c.type("z"), std::string("zset"));
            QCOMPARE(c.type("h"), std::string("hash"));
            QCOMPARE(c.type("x"), std::string("stream"));
            QCOMPARE(c.type("nope"), std::string("none"));
            QVERIFY(c.randomkey().has_value());
            c.rename("s", "s2");
            QCOMPARE(*c.get("s2"), std::string("v"));
            QVERIFY(!c.renamenx("s2", "l"));
            QVERIFY(c.renamenx("s2", "s3"));
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.rename("nope", "x"));
            QVERIFY(c.copy("s3", "s4"));
            QVERIFY(!c.copy("s3", "s4"));
            QVERIFY(c.copy("s3", "s4", true));
            QVERIFY(c.move("s4", 1));
            QCOMPARE(c.exists("s4"), 0LL);
            c.select(1);
            QCOMPARE(*c.get("s4"), std::string("v"));
            c.select(0);
            const auto encoding = c.object_encoding("l");
            QVERIFY(encoding == "listpack" || encoding == "quicklist"); // 7.2 / 7.0
            QVERIFY(c.object_refcount("l").has_value());
            QVERIFY(c.object_idletime("l").has_value());
            QCOMPARE(c.object_encoding("nope"), std::nullopt);
        });
    }

    void keysAndScan()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            for (int i = 0; i < 300; ++i)
                c.set("user:" + std::to_string(i), "x");
            c.set("other", "x");
            c.rpush("user:list", {"a"});
            auto keys = c.keys("user:1?");
            QCOMPARE(keys.size(), std::size_t(10));
            std::set<std::string> seen;
            std::uint64_t cursor = 0;
            int pages = 0;
            do {
                auto page = c.scan(cursor, {.match = "user:*", .count = 50});
                seen.insert(page.items.begin(), page.items.end());
                cursor = page.cursor;
                ++pages;
            } while (cursor != 0);
            QCOMPARE(seen.size(), std::size_t(301));
            QVERIFY(pages > 1);
            const auto all = c.scan_all({.match = "user:*", .count = 100, .type = "list"});
            QCOMPARE(all, std::vector<std::string>{"user:list"});
        });
    }

    void sortAndStore()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.rpush("nums", {"3", "1", "2"});
            QCOMPARE(c.sort("nums"), (std::vector<std::string>{"1", "2", "3"}));
            QCOMPARE(c.sort("nums", {.limit = std::pair{0LL, 2LL}, .desc = true}),
                     (std::vector<std::string>{"3", "2"}));
            c.rpush("names", {"bob", "alice"});
            QCOMPARE(c.sort("names", {.alpha = true}), (std::vector<std::string>{"alice", "bob"}));
            c.mset({{"w_bob", "1"}, {"w_alice", "2"}, {"n_bob", "Bob"}, {"n_alice", "Alice"}});
            QCOMPARE(c.sort("names", {.by = "w_*", .get = {"n_*"}}),
                     (std::vector<std::string>{"Bob", "Alice"}));
            QCOMPARE(c.sort_store("nums", "sorted"), 3LL);
            QCOMPARE(c.lrange("sorted", 0, -1), (std::vector<std::string>{"1", "2", "3"}));
        });
    }

    void dumpAndRestore()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.hset("h", {{"a", "1"}, {"b", "2"}});
            const auto blob = c.dump("h");
            QVERIFY(blob.has_value());
            QCOMPARE(c.dump("nope"), std::nullopt);
            c.restore("h2", 0ms, *blob);
            QCOMPARE(c.hgetall("h2"), c.hgetall("h"));
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.restore("h2", 0ms, *blob));
            c.restore("h2", 10s, *blob, true);
            QVERIFY(c.ttl("h2") > 0);
        });
    }

    void databaseIsSelectedAtConnectAndRememberedAcrossReconnects()
    {
        dtest::run_in_loop([&] {
            RedisClient db2(m_server->host(), m_server->port(), 2);
            db2.set("where", "two");
            RedisClient db0 = client();
            QCOMPARE(db0.get("where"), std::nullopt);
            db0.select(3);
            QCOMPARE(db0.options().db, 3);
            db0.set("where", "three");
            // The server closes the connection; the next command reconnects, selecting the same
            // database again.
            const long long id = db0.client_id();
            db0.call({"CLIENT", "KILL", "ID", std::to_string(id), "SKIPME", "no"});
            diesel::sleep(0.1); // let the close arrive
            QCOMPARE(*db0.get("where"), std::string("three"));
            QVERIFY(db0.client_id() != id);
            QCOMPARE(*db2.get("where"), std::string("two"));
        });
    }

    void waitForReplicasReturnsAtOnceWithoutReplicas()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("k", "v");
            QCOMPARE(c.wait(0, 100ms), 0LL);
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisKeys)
#include "tst_redis_keys.moc"
