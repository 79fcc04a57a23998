// SPDX-License-Identifier: MIT
// Stream commands against a real redis-server: XADD/XRANGE/XREAD (blocking), consumer groups.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using diesel::redis::RedisClient;
using diesel::redis::StreamEntry;
using Fields = std::vector<std::pair<std::string, std::string>>;

class TestRedisStreams : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void addAndRange()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.xadd("s", {{"temp", "20"}, {"unit", "C"}}, "1-1"), std::string("1-1"));
            const std::string id = c.xadd("s", {{"temp", "21"}});
            QVERIFY(id.find('-') != std::string::npos);
            c.xadd("s", {{"temp", "22"}}, "*");
            QCOMPARE(c.xlen("s"), 3LL);
            const auto all = c.xrange("s");
            QCOMPARE(all.size(), std::size_t(3));
            QCOMPARE(all[0], (StreamEntry{"1-1", Fields{{"temp", "20"}, {"unit", "C"}}}));
            QCOMPARE(all[1].id, id);
            QCOMPARE(c.xrange("s", "-", "+", 1).size(), std::size_t(1));
            const auto newest = c.xrevrange("s", "+", "-", 1);
            QCOMPARE(newest[0].fields, (Fields{{"temp", "22"}}));
            QCOMPARE(c.xdel("s", {"1-1", "9-9"}), 1LL);
            QCOMPARE(c.xtrim("s", 1), 1LL);
            QCOMPARE(c.xlen("s"), 1LL);
            c.xadd("capped", {{"i", "1"}}, "*", {.maxlen = 2});
            c.xadd("capped", {{"i", "2"}}, "*", {.maxlen = 2});
            c.xadd("capped", {{"i", "3"}}, "*", {.maxlen = 2});
            QCOMPARE(c.xlen("capped"), 2LL);
            QCOMPARE(c.xadd("nostream", {{"a", "b"}}, "*", {.nomkstream = true}), std::string());
            QCOMPARE(c.exists("nostream"), 0LL);
        });
    }

    void readAndBlockingRead()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.xadd("a", {{"n", "1"}}, "1-0");
            c.xadd("b", {{"n", "2"}}, "1-0");
            const auto read = c.xread({{"a", "0"}, {"b", "0"}});
            QCOMPARE(read.size(), std::size_t(2));
            QCOMPARE(read[0].stream, std::string("a"));
            QCOMPARE(read[1].entries[0].fields, (Fields{{"n", "2"}}));
            // Nothing new: a blocking read times out with an empty result.
            const auto start = diesel::Clock::now();
            QVERIFY(c.xread({{"a", "$"}}, {.block = 150ms}).empty());
            QVERIFY(diesel::Clock::now() - start >= 100ms);
            // A blocking read wakes on a new entry from another Loop.
            std::string got;
            diesel::fork([&] {
                RedisClient reader = client();
                const auto r = reader.xread({{"a", "$"}}, {.count = 1, .block = 10000ms});
                if (!r.empty())
                    got = r[0].entries[0].fields[0].second;
            });
            diesel::sleep(0.1);
            c.xadd("a", {{"n", "new"}});
            for (int i = 0; i < 300 && got.empty(); ++i)
                diesel::sleep(0.01);
            QCOMPARE(got, std::string("new"));
        });
    }

    void consumerGroups()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.xgroup_create("jobs", "workers", "$", true);
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.xgroup_create("jobs", "workers"));
            const std::string id1 = c.xadd("jobs", {{"job", "1"}});
            const std::string id2 = c.xadd("jobs", {{"job", "2"}});
            QVERIFY(c.xgroup_createconsumer("jobs", "workers", "alice"));
            auto got = c.xreadgroup("workers", "alice", {{"jobs", ">"}}, {.count = 1});
            QCOMPARE(got.size(), std::size_t(1));
            QCOMPARE(got[0].entries[0].id, id1);
            got = c.xreadgroup("workers", "bob", {{"jobs", ">"}});
            QCOMPARE(got[0].entries[0].id, id2);
            const auto summary = c.xpending("jobs", "workers");
            QCOMPARE(summary.count, 2LL);
            QCOMPARE(summary.min_id, id1);
            QCOMPARE(summary.max_id, id2);
            QCOMPARE(summary.consumers.size(), std::size_t(2));
            const auto pending = c.xpending_range("jobs", "workers", "-", "+", 10, "bob");
            QCOMPARE(pending.size(), std::size_t(1));
            QCOMPARE(pending[0].id, id2);
            QCOMPARE(pending[0].consumer, std::string("bob"));
            QCOMPARE(pending[0].deliveries, 1LL);
            QCOMPARE(c.xack("jobs", "workers", id1), 1LL);
            const auto claimed = c.xclaim("jobs", "workers", "alice", 0ms, id2);
            QCOMPARE(claimed.size(), std::size_t(1));
            QCOMPARE(claimed[0].fields, (Fields{{"job", "2"}}));
            const auto auto_claimed = c.xautoclaim("jobs", "workers", "carol", 0ms);
            QCOMPARE(auto_claimed.entries.size(), std::size_t(1));
            QCOMPARE(auto_claimed.next_id, std::string("0-0"));
            QCOMPARE(c.xgroup_delconsumer("jobs", "workers", "carol"), 1LL);
            c.xgroup_setid("jobs", "workers", "0");
            QVERIFY(c.xgroup_destroy("jobs", "workers"));
            QVERIFY(!c.xgroup_destroy("jobs", "workers"));
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisStreams)
#include "tst_redis_streams.moc"
