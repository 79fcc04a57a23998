// SPDX-License-Identifier: MIT
// String commands against a real redis-server, plus the generic call()/command() and the
// Reply type.
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
using diesel::redis::Reply;

class TestRedisStrings : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void setAndGetAsInTheGuide()
    {
        dtest::run_in_loop([&] {
            RedisClient c(m_server->host(), m_server->port());
            QVERIFY(c.set("mykey", "myvalue"));
            QCOMPARE(c.get("mykey"), std::optional<std::string>("myvalue"));
            QCOMPARE(c.get("missing"), std::nullopt);
        });
    }

    void valuesAreBinarySafe()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            const std::string value("a\0b\r\nc$3\r\n*", 12);
            c.set("bin", value);
            QCOMPARE(*c.get("bin"), value);
            QCOMPARE(c.strlen("bin"), 12LL);
            const std::string big(1 << 20, 'x'); // larger than a read buffer
            c.set("big", big);
            QCOMPARE(c.get("big")->size(), big.size());
        });
    }

    void setOptions()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QVERIFY(c.set("k", "1", {.nx = true}));
            QVERIFY(!c.set("k", "2", {.nx = true}));
            QCOMPARE(*c.get("k"), std::string("1"));
            QVERIFY(!c.set("absent", "x", {.xx = true}));
            QCOMPARE(c.exists("absent"), 0LL);
            QVERIFY(c.set("k", "3", {.ttl = 10s}));
            const long long pttl = c.pttl("k");
            QVERIFY2(pttl > 8000 && pttl <= 10000, std::to_string(pttl).c_str());
            QVERIFY(c.set("k", "4", {.keepttl = true}));
            QVERIFY(c.ttl("k") > 0);
            QCOMPARE(c.set_get("k", "5"), std::optional<std::string>("4"));
            QCOMPARE(c.set_get("new", "1"), std::nullopt);
            c.setex("ex", 100s, "v");
            QVERIFY(c.ttl("ex") > 90);
            c.psetex("pex", 1500ms, "v");
            QVERIFY(c.pttl("pex") > 1000);
            QVERIFY(c.setnx("nx", "a"));
            QVERIFY(!c.setnx("nx", "b"));
            QVERIFY(c.set("at", "v", {.at = std::chrono::system_clock::now() + 1h}));
            QVERIFY(c.ttl("at") > 3500);
        });
    }

    void getVariants()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("k", "old");
            QCOMPARE(c.getset("k", "new"), std::optional<std::string>("old"));
            QCOMPARE(c.getex("k", {.ttl = 50s}), std::optional<std::string>("new"));
            QVERIFY(c.ttl("k") > 40);
            QCOMPARE(c.getex("k", {.persist = true}), std::optional<std::string>("new"));
            QCOMPARE(c.ttl("k"), -1LL);
            QCOMPARE(c.getdel("k"), std::optional<std::string>("new"));
            QCOMPARE(c.exists("k"), 0LL);
        });
    }

    void counters()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.incr("n"), 1LL);
            QCOMPARE(c.incrby("n", 41), 42LL);
            QCOMPARE(c.decr("n"), 41LL);
            QCOMPARE(c.decrby("n", 40), 1LL);
            QCOMPARE(c.incrbyfloat("f", 2.5), 2.5);
            QCOMPARE(c.incrbyfloat("f", -0.5), 2.0);
        });
    }

    void rangesAndAppend()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.append("s", "Hello"), 5LL);
            QCOMPARE(c.append("s", " World"), 11LL);
            QCOMPARE(c.getrange("s", 0, 4), std::string("Hello"));
            QCOMPARE(c.getrange("s", -5, -1), std::string("World"));
            QCOMPARE(c.setrange("s", 6, "Redis"), 11LL);
            QCOMPARE(*c.get("s"), std::string("Hello Redis"));
            c.mset({{"a", "ohmytext"}, {"b", "mynewtext"}});
            QCOMPARE(c.lcs("a", "b"), std::string("mytext"));
            QCOMPARE(c.lcs_len("a", "b"), 6LL);
        });
    }

    void multipleKeys()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.mset({{"a", "1"}, {"b", "2"}});
            const std::vector<std::optional<std::string>> expected{"1", std::nullopt, "2"};
            QCOMPARE(c.mget({"a", "missing", "b"}), expected);
            QVERIFY(!c.msetnx({{"a", "x"}, {"c", "3"}}));
            QCOMPARE(c.exists("c"), 0LL);
            QVERIFY(c.msetnx({{"c", "3"}, {"d", "4"}}));
            // Any range of strings works too.
            const std::vector<std::string> keys{"c", "d"};
            QCOMPARE(c.mget(keys).size(), std::size_t(2));
            const std::map<std::string, std::string> values{{"m1", "x"}, {"m2", "y"}};
            c.mset(values);
            QCOMPARE(*c.get("m2"), std::string("y"));
        });
    }

    void errorRepliesRaiseRedisErrorWithTheServersText()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("text", "abc");
            try {
                c.incr("text");
                QFAIL("incr on a string should throw");
            } catch (const diesel::redis::RedisError &e) {
                QCOMPARE(std::string(e.what()),
                         std::string("ERR value is not an integer or out of range"));
                QCOMPARE(e.prefix(), std::string_view("ERR"));
            }
            c.lpush("list", "x");
            try {
                c.get("list");
                QFAIL("get on a list should throw");
            } catch (const diesel::redis::RedisError &e) {
                QCOMPARE(e.prefix(), std::string_view("WRONGTYPE"));
            }
            // The connection stays usable after error replies.
            QCOMPARE(c.ping(), std::string("PONG"));
            QVERIFY_THROWS_EXCEPTION(diesel::Error, c.call({"NOSUCHCOMMAND"}));
        });
    }

    void genericCallCoversAnyCommand()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.call({"SET", "g", "1"}), Reply::status("OK"));
            QCOMPARE(c.call({"INCRBY", "g", "4"}), Reply::integer(5));
            QCOMPARE(c.call({"GET", "g"}), Reply::bulk("5"));
            QVERIFY(c.call({"GET", "nothing"}).is_nil());
            const std::vector<std::string> words{"RPUSH", "l", "a", "b"};
            QCOMPARE(c.command(words).integer(), 2LL);
            const Reply range = c.call({"LRANGE", "l", "0", "-1"});
            QVERIFY(range.is_array());
            QCOMPARE(range.as_strings(), (std::vector<std::string>{"a", "b"}));
            QCOMPARE(range.to_string(), std::string("1) \"a\"\n2) \"b\""));
            // Endpoint::call(fn) still works beside call({...}).
            const bool connected = c.call([] { return true; });
            QVERIFY(connected);
            // Nested arrays come back nested.
            const Reply nested = c.eval("return {1, {2, {3, 'x'}}, redis.status_reply('fine')}");
            QCOMPARE(nested.size(), std::size_t(3));
            QCOMPARE(nested[0].integer(), 1LL);
            QCOMPARE(nested[1][1][1].str(), std::string("x"));
            QCOMPARE(nested[2], Reply::status("fine"));
            QCOMPARE(nested.to_string(),
                     std::string("1) (integer) 1\n2) 1) (integer) 2\n   2) 1) (integer) 3\n      "
                                 "2) \"x\"\n3) fine"));
        });
    }

    void sharedClientLetsLoopsTakeTurns()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            int done = 0;
            for (int i = 0; i < 20; ++i)
                diesel::fork([&c, &done, i] {
                    for (int j = 0; j < 50; ++j) {
                        const std::string key = "k" + std::to_string(i);
                        c.incr(key);
                        c.get(key);
                    }
                    ++done;
                });
            while (done < 20)
                diesel::sleep(0.01);
            for (int i = 0; i < 20; ++i)
                QCOMPARE(*c.get("k" + std::to_string(i)), std::string("50"));
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisStrings)
#include "tst_redis_strings.moc"
