// SPDX-License-Identifier: MIT
// Sorted set commands against a real redis-server.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <limits>
#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using diesel::redis::Aggregate;
using diesel::redis::KeyedMember;
using diesel::redis::Limit;
using diesel::redis::RedisClient;
using diesel::redis::ScoreBound;
using diesel::redis::ScoredMember;
using Strings = std::vector<std::string>;
using Scored = std::vector<ScoredMember>;

class TestRedisSortedSets : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void addScoreRank()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.zadd("z", {{"alice", 1.5}, {"bob", 2}, {"carol", 3}}), 3LL);
            QCOMPARE(c.zadd("z", {{"alice", 1}}, {.ch = true}), 1LL);
            QCOMPARE(c.zadd("z", {{"dave", 9}}, {.xx = true}), 0LL);
            QCOMPARE(c.zadd("z", {{"alice", 5}}, {.nx = true}), 0LL);
            QCOMPARE(c.zadd("z", {{"alice", 0.5}}, {.gt = true, .ch = true}), 0LL);
            QCOMPARE(c.zcard("z"), 3LL);
            QCOMPARE(c.zscore("z", "alice"), std::optional<double>(1));
            QCOMPARE(c.zscore("z", "nope"), std::nullopt);
            QCOMPARE(c.zmscore("z", {"bob", "nope"}),
                     (std::vector<std::optional<double>>{2.0, std::nullopt}));
            QCOMPARE(c.zincrby("z", 2.5, "bob"), 4.5);
            QCOMPARE(c.zadd_incr("z", "carol", 1), std::optional<double>(4));
            QCOMPARE(c.zadd_incr("z", "zed", 1, {.xx = true}), std::nullopt);
            QCOMPARE(c.zrank("z", "alice"), std::optional<long long>(0));
            QCOMPARE(c.zrevrank("z", "alice"), std::optional<long long>(2));
            QCOMPARE(c.zrank("z", "nope"), std::nullopt);
            const std::map<std::string, double> more{{"x", -1}, {"y", 100}};
            QCOMPARE(c.zadd("z", more), 2LL);
        });
    }

    void ranges()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.zadd("z", {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}});
            QCOMPARE(c.zrange("z", 0, -1), (Strings{"a", "b", "c", "d"}));
            QCOMPARE(c.zrevrange("z", 0, 1), (Strings{"d", "c"}));
            QCOMPARE(c.zrange_withscores("z", 0, 1), (Scored{{"a", 1}, {"b", 2}}));
            QCOMPARE(c.zrevrange_withscores("z", 0, 0), (Scored{{"d", 4}}));
            QCOMPARE(c.zrangebyscore("z", 2, 3), (Strings{"b", "c"}));
            QCOMPARE(c.zrangebyscore("z", ScoreBound::exclusive(2), "+inf"), (Strings{"c", "d"}));
            QCOMPARE(c.zrangebyscore("z", "-inf", "+inf", Limit{1, 2}), (Strings{"b", "c"}));
            QCOMPARE(c.zrangebyscore_withscores("z", 3, ScoreBound::max()),
                     (Scored{{"c", 3}, {"d", 4}}));
            QCOMPARE(c.zrevrangebyscore("z", 3, 0), (Strings{"c", "b", "a"}));
            QCOMPARE(c.zrevrangebyscore_withscores("z", "+inf", "(3", Limit{0, 1}),
                     (Scored{{"d", 4}}));
            QCOMPARE(c.zcount("z", 0, 2.5), 2LL);
            QCOMPARE(c.zcount("z", ScoreBound::min(), ScoreBound::max()), 4LL);
        });
    }

    void lexRanges()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.zadd("lex", {{"a", 0}, {"b", 0}, {"c", 0}, {"d", 0}});
            QCOMPARE(c.zrangebylex("lex", "[b", "(d"), (Strings{"b", "c"}));
            QCOMPARE(c.zrangebylex("lex", "-", "+", Limit{0, 2}), (Strings{"a", "b"}));
            QCOMPARE(c.zrevrangebylex("lex", "+", "[c"), (Strings{"d", "c"}));
            QCOMPARE(c.zlexcount("lex", "-", "+"), 4LL);
            QCOMPARE(c.zremrangebylex("lex", "[a", "[b"), 2LL);
            QCOMPARE(c.zrange("lex", 0, -1), (Strings{"c", "d"}));
        });
    }

    void removal()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.zadd("z", {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", 5}});
            QCOMPARE(c.zrem("z", {"a", "nope"}), 1LL);
            QCOMPARE(c.zremrangebyrank("z", 0, 0), 1LL);
            QCOMPARE(c.zremrangebyscore("z", 5, "+inf"), 1LL);
            QCOMPARE(c.zrange("z", 0, -1), (Strings{"c", "d"}));
        });
    }

    void pops()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.zadd("z", {{"a", 1}, {"b", 2}, {"c", 3}});
            QCOMPARE(c.zpopmin("z"), (Scored{{"a", 1}}));
            QCOMPARE(c.zpopmax("z", 5), (Scored{{"c", 3}, {"b", 2}}));
            QCOMPARE(c.zpopmin("z"), Scored{});
            QCOMPARE(c.bzpopmin({"z"}, 0.1s), std::nullopt);
            c.zadd("z2", {{"x", 7}});
            QCOMPARE(c.bzpopmax({"z", "z2"}, 5s),
                     std::optional<KeyedMember>(KeyedMember{"z2", "x", 7}));
            // A blocked BZPOPMIN wakes when another Loop adds.
            bool got = false;
            diesel::fork([&] {
                RedisClient other = client();
                const auto item = other.bzpopmin({"later"}, 10s);
                got = item && item->member == "m" && item->score == 1;
            });
            diesel::sleep(0.1);
            c.zadd("later", {{"m", 1}});
            for (int i = 0; i < 300 && !got; ++i)
                diesel::sleep(0.01);
            QVERIFY(got);
        });
    }

    void randomMembers()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.zrandmember("z"), std::nullopt);
            c.zadd("z", {{"a", 1}, {"b", 2}});
            QVERIFY(c.zrandmember("z").has_value());
            const Scored two = c.zrandmember_withscores("z", 2);
            QCOMPARE(two.size(), std::size_t(2));
            QVERIFY(two[0].second == 1 || two[0].second == 2);
        });
    }

    void algebraAndStores()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.zadd("x", {{"a", 1}, {"b", 2}});
            c.zadd("y", {{"b", 10}, {"c", 20}});
            QCOMPARE(c.zunionstore("u", {"x", "y"}), 3LL);
            QCOMPARE(c.zscore("u", "b"), std::optional<double>(12));
            QCOMPARE(c.zunionstore("u2", {"x", "y"}, {2, 1}, Aggregate::Max), 3LL);
            QCOMPARE(c.zscore("u2", "b"), std::optional<double>(10));
            QCOMPARE(c.zinterstore("i", {"x", "y"}, {}, Aggregate::Min), 1LL);
            QCOMPARE(c.zscore("i", "b"), std::optional<double>(2));
            QCOMPARE(c.zinter_withscores({"x", "y"}), (Scored{{"b", 12}}));
            QCOMPARE(c.zunion_withscores({"x", "y"}, {1, 0}),
                     (Scored{{"c", 0}, {"a", 1}, {"b", 2}}));
            QCOMPARE(c.zdiff({"x", "y"}), Strings{"a"});
            QCOMPARE(c.zdiff_withscores({"x", "y"}), (Scored{{"a", 1}}));
            QCOMPARE(c.zdiffstore("d", {"y", "x"}), 1LL);
        });
    }

    void infiniteScoresAndZscan()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            const double inf = std::numeric_limits<double>::infinity();
            c.zadd("z", {{"low", -inf}, {"high", inf}, {"mid", 0.25}});
            QCOMPARE(c.zscore("z", "high"), std::optional<double>(inf));
            QCOMPARE(c.zrange_withscores("z", 0, 0), (Scored{{"low", -inf}}));
            std::map<std::string, double> seen;
            std::uint64_t cursor = 0;
            do {
                auto page = c.zscan("z", cursor);
                seen.insert(page.items.begin(), page.items.end());
                cursor = page.cursor;
            } while (cursor != 0);
            QCOMPARE(seen.size(), std::size_t(3));
            QCOMPARE(seen["mid"], 0.25);
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisSortedSets)
#include "tst_redis_zsets.moc"
