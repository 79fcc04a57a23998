// SPDX-License-Identifier: MIT
// Set commands against a real redis-server.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <set>
#include <string>
#include <unordered_set>
#include <vector>

using diesel::redis::RedisClient;
using Set = std::unordered_set<std::string>;

class TestRedisSets : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void membership()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.sadd("s", {"a", "b", "c"}), 3LL);
            QCOMPARE(c.sadd("s", {"a", "d"}), 1LL);
            QCOMPARE(c.scard("s"), 4LL);
            QVERIFY(c.sismember("s", "a"));
            QVERIFY(!c.sismember("s", "z"));
            QCOMPARE(c.smismember("s", {"a", "z", "d"}), (std::vector<bool>{true, false, true}));
            QCOMPARE(c.smembers("s"), (Set{"a", "b", "c", "d"}));
            QCOMPARE(c.srem("s", {"a", "z"}), 1LL);
            QVERIFY(c.smove("s", "t", "b"));
            QVERIFY(!c.smove("s", "t", "b"));
            QCOMPARE(c.smembers("t"), Set{"b"});
            QCOMPARE(c.smembers("none"), Set{});
        });
    }

    void algebra()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.sadd("x", {"1", "2", "3"});
            c.sadd("y", {"2", "3", "4"});
            QCOMPARE(c.sinter({"x", "y"}), (Set{"2", "3"}));
            QCOMPARE(c.sunion({"x", "y"}), (Set{"1", "2", "3", "4"}));
            QCOMPARE(c.sdiff({"x", "y"}), Set{"1"});
            QCOMPARE(c.sintercard({"x", "y"}), 2LL);
            QCOMPARE(c.sintercard({"x", "y"}, 1), 1LL);
            QCOMPARE(c.sinterstore("i", {"x", "y"}), 2LL);
            QCOMPARE(c.sunionstore("u", {"x", "y"}), 4LL);
            QCOMPARE(c.sdiffstore("d", {"y", "x"}), 1LL);
            QCOMPARE(c.smembers("d"), Set{"4"});
        });
    }

    void randomAndPop()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.sadd("s", {"a", "b", "c"});
            const Set all{"a", "b", "c"};
            QVERIFY(all.count(*c.srandmember("s")));
            QCOMPARE(c.srandmember("s", 2).size(), std::size_t(2));
            QCOMPARE(c.srandmember("s", -5).size(), std::size_t(5)); // repeats allowed
            const auto one = c.spop("s");
            QVERIFY(one && all.count(*one));
            QCOMPARE(c.spop("s", 5).size(), std::size_t(2));
            QCOMPARE(c.spop("s"), std::nullopt);
            QCOMPARE(c.srandmember("s"), std::nullopt);
        });
    }

    void sscanVisitsEveryMember()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            std::vector<std::string> members;
            for (int i = 0; i < 500; ++i)
                members.push_back("m" + std::to_string(i));
            c.sadd("big", members);
            std::set<std::string> seen;
            std::uint64_t cursor = 0;
            do {
                auto page = c.sscan("big", cursor, {.match = "m1*", .count = 100});
                seen.insert(page.items.begin(), page.items.end());
                cursor = page.cursor;
            } while (cursor != 0);
            QCOMPARE(seen.size(), std::size_t(111)); // m1, m10-m19, m100-m199
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisSets)
#include "tst_redis_sets.moc"
