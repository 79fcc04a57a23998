// SPDX-License-Identifier: MIT
// Lua scripting against a real redis-server: EVAL, EVALSHA, SCRIPT, and Script's reload.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <string>
#include <vector>

using diesel::redis::RedisClient;
using diesel::redis::Reply;

class TestRedisScripting : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void evalWithKeysAndArgs()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            const Reply r = c.eval("redis.call('set', KEYS[1], ARGV[1]); return {KEYS[1], ARGV[2]}",
                                   {"k"}, {"v", "extra"});
            QCOMPARE(r.as_strings(), (std::vector<std::string>{"k", "extra"}));
            QCOMPARE(*c.get("k"), std::string("v"));
            QCOMPARE(c.eval("return 42"), Reply::integer(42));
            QCOMPARE(c.eval("return nil"), Reply::nil());
            QCOMPARE(c.eval_ro("return redis.call('get', KEYS[1])", "k"), Reply::bulk("v"));
            try {
                c.eval("return redis.error_reply('MYERR custom failure')");
                QFAIL("an error reply should throw");
            } catch (const diesel::redis::RedisError &e) {
                QCOMPARE(e.prefix(), std::string_view("MYERR"));
            }
        });
    }

    void loadAndEvalsha()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            const std::string sha = c.script_load("return ARGV[1] .. ARGV[1]");
            QCOMPARE(sha.size(), std::size_t(40));
            QCOMPARE(c.script_exists({sha, std::string(40, '0')}),
                     (std::vector<bool>{true, false}));
            QCOMPARE(c.evalsha(sha, {}, "ab"), Reply::bulk("abab"));
            QCOMPARE(c.evalsha_ro(sha, {}, "x"), Reply::bulk("xx"));
            c.script_flush();
            try {
                c.evalsha(sha, {}, "ab");
                QFAIL("a flushed script should be unknown");
            } catch (const diesel::redis::RedisError &e) {
                QCOMPARE(e.prefix(), std::string_view("NOSCRIPT"));
            }
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.script_kill()); // none runs
        });
    }

    void scriptReloadsAfterFlush()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            diesel::redis::Script incr_by_two("return redis.call('incrby', KEYS[1], 2)");
            QCOMPARE(incr_by_two(c, "n").integer(), 2LL);
            QCOMPARE(incr_by_two.sha1().size(), std::size_t(40));
            c.script_flush();
            QCOMPARE(incr_by_two(c, "n").integer(), 4LL);
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisScripting)
#include "tst_redis_scripting.moc"
