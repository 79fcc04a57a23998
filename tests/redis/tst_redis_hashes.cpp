// SPDX-License-Identifier: MIT
// Hash commands against a real redis-server.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

using diesel::redis::RedisClient;
using Map = std::unordered_map<std::string, std::string>;

class TestRedisHashes : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void fields()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.hset("h", "name", "diesel"), 1LL);
            QCOMPARE(c.hset("h", "name", "Diesel"), 0LL);
            QCOMPARE(c.hset("h", {{"lang", "C++"}, {"year", "2024"}}), 2LL);
            QCOMPARE(c.hget("h", "name"), std::optional<std::string>("Diesel"));
            QCOMPARE(c.hget("h", "nope"), std::nullopt);
            QCOMPARE(c.hgetall("h"), (Map{{"name", "Diesel"}, {"lang", "C++"}, {"year", "2024"}}));
            QCOMPARE(c.hgetall("none"), Map{});
            QVERIFY(c.hexists("h", "lang"));
            QCOMPARE(c.hlen("h"), 3LL);
            QCOMPARE(c.hstrlen("h", "name"), 6LL);
            QCOMPARE(c.hmget("h", {"lang", "nope"}),
                     (std::vector<std::optional<std::string>>{"C++", std::nullopt}));
            auto keys = c.hkeys("h");
            std::sort(keys.begin(), keys.end());
            QCOMPARE(keys, (std::vector<std::string>{"lang", "name", "year"}));
            QCOMPARE(c.hvals("h").size(), std::size_t(3));
            QVERIFY(!c.hsetnx("h", "name", "x"));
            QVERIFY(c.hsetnx("h", "new", "x"));
            QCOMPARE(c.hdel("h", {"new", "nope"}), 1LL);
            const std::map<std::string, std::string> fields{{"m1", "1"}, {"m2", "2"}};
            c.hmset("h2", fields);
            QCOMPARE(c.hlen("h2"), 2LL);
        });
    }

    void counters()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.hincrby("h", "n", 5), 5LL);
            QCOMPARE(c.hincrby("h", "n", -2), 3LL);
            QCOMPARE(c.hincrbyfloat("h", "f", 0.5), 0.5);
            c.hset("h", "s", "text");
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.hincrby("h", "s", 1));
        });
    }

    void randomFieldsAndScan()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.hrandfield("h"), std::nullopt);
            std::vector<std::pair<std::string, std::string>> many;
            for (int i = 0; i < 200; ++i)
                many.emplace_back("f" + std::to_string(i), std::to_string(i));
            c.hset("h", many);
            QVERIFY(c.hrandfield("h").has_value());
            QCOMPARE(c.hrandfield("h", 3).size(), std::size_t(3));
            const auto pairs = c.hrandfield_withvalues("h", 2);
            QCOMPARE(pairs.size(), std::size_t(2));
            QCOMPARE(pairs[0].first, "f" + pairs[0].second);
            Map seen;
            std::uint64_t cursor = 0;
            do {
                auto page = c.hscan("h", cursor, {.count = 50});
                seen.insert(page.items.begin(), page.items.end());
                cursor = page.cursor;
            } while (cursor != 0);
            QCOMPARE(seen.size(), std::size_t(200));
            QCOMPARE(seen["f42"], std::string("42"));
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisHashes)
#include "tst_redis_hashes.moc"
