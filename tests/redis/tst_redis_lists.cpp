// SPDX-License-Identifier: MIT
// List commands against a real redis-server, with blocking pops that suspend only their Loop.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using diesel::redis::InsertWhere;
using diesel::redis::KeyValue;
using diesel::redis::KeyValues;
using diesel::redis::ListEnd;
using diesel::redis::RedisClient;
using Strings = std::vector<std::string>;

class TestRedisLists : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void pushPopRange()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.rpush("l", {"b", "c"}), 2LL);
            QCOMPARE(c.lpush("l", "a"), 3LL);
            QCOMPARE(c.lpush("l", {"y", "z"}), 5LL); // the last ends up first
            QCOMPARE(c.lrange("l", 0, -1), (Strings{"z", "y", "a", "b", "c"}));
            QCOMPARE(c.llen("l"), 5LL);
            QCOMPARE(c.lpop("l"), std::optional<std::string>("z"));
            QCOMPARE(c.rpop("l"), std::optional<std::string>("c"));
            QCOMPARE(c.lpop("l", 2), (Strings{"y", "a"}));
            QCOMPARE(c.rpop("l", 5), (Strings{"b"}));
            QCOMPARE(c.lpop("l"), std::nullopt);
            QCOMPARE(c.lpop("l", 3), Strings{});
            QCOMPARE(c.lpushx("l", "x"), 0LL);
            QCOMPARE(c.rpushx("l", "x"), 0LL);
            c.rpush("l", "x");
            QCOMPARE(c.rpushx("l", "y"), 2LL);
            QCOMPARE(c.lpushx("l", "w"), 3LL);
        });
    }

    void indexInsertSetTrimRemPos()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.rpush("l", {"a", "b", "c", "b", "d"});
            QCOMPARE(c.lindex("l", 1), std::optional<std::string>("b"));
            QCOMPARE(c.lindex("l", -1), std::optional<std::string>("d"));
            QCOMPARE(c.lindex("l", 99), std::nullopt);
            QCOMPARE(c.linsert("l", InsertWhere::Before, "c", "C"), 6LL);
            QCOMPARE(c.linsert("l", InsertWhere::After, "nope", "x"), -1LL);
            c.lset("l", 0, "A");
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.lset("l", 99, "x"));
            QCOMPARE(c.lpos("l", "b"), std::optional<long long>(1));
            QCOMPARE(c.lpos("l", "b", 2), std::optional<long long>(4));
            QCOMPARE(c.lpos("l", "b", -1), std::optional<long long>(4));
            QCOMPARE(c.lpos("l", "nope"), std::nullopt);
            QCOMPARE(c.lpos_count("l", "b", 0), (std::vector<long long>{1, 4}));
            QCOMPARE(c.lrem("l", 0, "b"), 2LL);
            QCOMPARE(c.lrange("l", 0, -1), (Strings{"A", "C", "c", "d"}));
            c.ltrim("l", 1, 2);
            QCOMPARE(c.lrange("l", 0, -1), (Strings{"C", "c"}));
        });
    }

    void moves()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.rpush("src", {"1", "2", "3"});
            QCOMPARE(c.rpoplpush("src", "dst"), std::optional<std::string>("3"));
            QCOMPARE(c.lmove("src", "dst", ListEnd::Left, ListEnd::Right),
                     std::optional<std::string>("1"));
            QCOMPARE(c.lrange("dst", 0, -1), (Strings{"3", "1"}));
            QCOMPARE(c.lmove("empty", "dst", ListEnd::Left, ListEnd::Left), std::nullopt);
            QCOMPARE(c.lmpop({"empty", "dst"}, ListEnd::Right, 5),
                     std::optional<KeyValues>(KeyValues{"dst", {"1", "3"}}));
            QCOMPARE(c.lmpop({"empty"}, ListEnd::Left), std::nullopt);
        });
    }

    void blockingPopTimesOutWithNullopt()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            const auto start = diesel::Clock::now();
            QCOMPARE(c.blpop({"nothing"}, 0.2s), std::nullopt);
            QVERIFY(diesel::Clock::now() - start >= 150ms);
            QCOMPARE(c.brpop({"nothing"}, 100ms), std::nullopt);
            QCOMPARE(c.brpoplpush("nothing", "x", 0.1s), std::nullopt);
            QCOMPARE(c.blmove("nothing", "x", ListEnd::Left, ListEnd::Left, 0.1s), std::nullopt);
            QCOMPARE(c.blmpop(0.1s, {"nothing"}, ListEnd::Left), std::nullopt);
            // A list that has elements answers at once.
            c.rpush("full", {"a", "b"});
            QCOMPARE(c.blpop({"nothing", "full"}, 5s),
                     std::optional<KeyValue>(KeyValue{"full", "a"}));
            QCOMPARE(c.brpop({"full"}, 5s), std::optional<KeyValue>(KeyValue{"full", "b"}));
        });
    }

    void blockingPopBlocksOnlyItsLoop()
    {
        dtest::run_in_loop([&] {
            RedisClient waiter = client();
            RedisClient pusher = client();
            int ticks = 0;
            bool popped = false;
            bool ticker_done = false;
            diesel::fork([&] {
                // Forever (0): returns when the other Loop pushes.
                const auto item = waiter.blpop({"jobs"}, diesel::Seconds(0));
                QVERIFY(item.has_value());
                QCOMPARE(item->value, std::string("job-1"));
                popped = true;
            });
            diesel::fork([&] {
                while (!popped) {
                    ++ticks; // this Loop keeps running while the other one waits on Redis
                    diesel::sleep(0.01);
                }
                ticker_done = true;
            });
            diesel::sleep(0.2);
            QVERIFY(!popped);
            QVERIFY(ticks >= 5);
            QCOMPARE(pusher.rpush("jobs", "job-1"), 1LL);
            for (int i = 0; i < 500 && !popped; ++i)
                diesel::sleep(0.01);
            QVERIFY(popped);
            // The ticking Loop reads this frame's variables: it must end before the frame does.
            QVERIFY(dtest::settle([&] { return ticker_done; }));
        });
    }

    void manyBlockedPoppersAreServedInOrder()
    {
        dtest::run_in_loop([&] {
            std::vector<std::string> got;
            int finished = 0;
            for (int i = 0; i < 5; ++i) {
                diesel::fork([&, i] {
                    RedisClient c = client();
                    diesel::sleep(0.02 * i); // block in a known order
                    if (auto item = c.brpop({"q"}, 10s))
                        got.push_back(item->value);
                    ++finished;
                });
            }
            diesel::sleep(0.3);
            RedisClient c = client();
            c.lpush("q", {"a", "b", "c", "d", "e"});
            for (int i = 0; i < 500 && finished < 5; ++i)
                diesel::sleep(0.01);
            QCOMPARE(finished, 5);
            QCOMPARE(got.size(), std::size_t(5));
            std::sort(got.begin(), got.end());
            QCOMPARE(got, (Strings{"a", "b", "c", "d", "e"}));
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisLists)
#include "tst_redis_lists.moc"
