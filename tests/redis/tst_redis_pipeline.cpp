// SPDX-License-Identifier: MIT
// Pipelines: one write, every reply in order, typed methods queued, errors after all replies.
#include "dieseltest.h"
#include "redis_suite.h"
#include "write_counter.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <string>
#include <vector>

using diesel::redis::Pipeline;
using diesel::redis::RedisClient;
using diesel::redis::Reply;

class TestRedisPipeline : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void repliesComeBackInOrder()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            Pipeline p = c.pipeline();
            QVERIFY(!p.set("a", "1")); // queued: typed results are empty
            QCOMPARE(p.incr("n"), 0LL);
            QCOMPARE(p.get("a"), std::nullopt);
            p.call({"RPUSH", "l", "x", "y"});
            p.command(std::vector<std::string>{"LRANGE", "l", "0", "-1"});
            p.hgetall("missing");
            QCOMPARE(p.size(), std::size_t(6));
            const std::vector<Reply> replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(6));
            QCOMPARE(replies[0], Reply::status("OK"));
            QCOMPARE(replies[1], Reply::integer(1));
            QCOMPARE(replies[2], Reply::bulk("1"));
            QCOMPARE(replies[3], Reply::integer(2));
            QCOMPARE(replies[4].as_strings(), (std::vector<std::string>{"x", "y"}));
            QCOMPARE(replies[5].size(), std::size_t(0));
            QVERIFY(p.empty());
            QVERIFY(p.execute().empty());
            // Reusable.
            p.incr("n");
            QCOMPARE(p.execute()[0].integer(), 2LL);
        });
    }

    void oneWriteForTheWholeBatch()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            dtest::WriteCounter counter;
            diesel::Hub::current().add_observer(counter);
            Pipeline p = c.pipeline();
            for (int i = 0; i < 1000; ++i)
                p.set("k" + std::to_string(i), std::to_string(i));
            const auto replies = p.execute();
            diesel::Hub::current().remove_observer(counter);
            QCOMPARE(replies.size(), std::size_t(1000));
            QCOMPARE(counter.writes, 1);
            QCOMPARE(*c.get("k999"), std::string("999"));
        });
    }

    void errorsAreRaisedAfterEveryReplyWasRead()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("text", "abc");
            Pipeline p = c.pipeline();
            p.set("before", "1");
            p.incr("text"); // fails
            p.set("after", "1");
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, p.execute());
            // Every command ran and the connection is in step.
            QCOMPARE(*c.get("after"), std::string("1"));
            QCOMPARE(c.ping(), std::string("PONG"));
            p.set("x", "1");
            p.incr("text");
            const auto replies = p.execute(false);
            QVERIFY(replies[1].is_error());
            QVERIFY(replies[1].str().starts_with("ERR"));
        });
    }

    void bigPipelineFromManyLoops()
    {
        dtest::run_in_loop([&] {
            RedisClient shared = client();
            int done = 0;
            for (int loop = 0; loop < 10; ++loop)
                diesel::fork([&, loop] {
                    Pipeline p = shared.pipeline();
                    for (int i = 0; i < 500; ++i)
                        p.rpush("list" + std::to_string(loop), std::to_string(i));
                    const auto replies = p.execute();
                    QCOMPARE(replies.back().integer(), 500LL);
                    ++done;
                });
            while (done < 10)
                diesel::sleep(0.01);
            QCOMPARE(shared.llen("list7"), 500LL);
            QCOMPARE(*shared.lindex("list7", 499), std::string("499"));
        });
    }

    void transactionalPipeline()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            Pipeline p = c.pipeline(true);
            p.set("a", "1");
            p.incr("a");
            p.get("a");
            const auto replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(3));
            QCOMPARE(replies[2], Reply::bulk("2"));
            // A refused command aborts the whole transaction.
            p.set("b", "1");
            p.call({"SET", "wrong-arity"});
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, p.execute());
            QCOMPARE(c.exists("b"), 0LL);
            QVERIFY(!c.in_multi());
            QCOMPARE(c.ping(), std::string("PONG"));
        });
    }

    // Words are written with their length, the short ones by overlapping fixed-size copies:
    // every length round-trips unchanged, and so does a command of ten words or more.
    void wordsOfEveryLength()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            std::vector<std::string> values;
            for (std::size_t length = 0; length <= 40; ++length)
                values.push_back(text_of(length));
            for (const std::size_t length : {99, 100, 1000, 100000})
                values.push_back(text_of(length));
            Pipeline p = c.pipeline();
            for (std::size_t i = 0; i < values.size(); ++i)
                p.set("w:" + std::to_string(i), values[i]);
            for (std::size_t i = 0; i < values.size(); ++i)
                p.get("w:" + std::to_string(i));
            p.call({"RPUSH", "w:list", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"});
            const std::vector<Reply> replies = p.execute();
            QCOMPARE(replies.size(), values.size() * 2 + 1);
            for (std::size_t i = 0; i < values.size(); ++i)
                QCOMPARE(replies[values.size() + i].str(), values[i]);
            QCOMPARE(replies.back().integer(), 11LL);
            QCOMPARE(c.lindex("w:list", 10), std::string("10"));
        });
    }

    // A pipeline keeps its buffer for the next batch: a shorter batch after a longer one, or
    // after reset(), sends only its own commands.
    void reusedForShorterBatches()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            Pipeline p = c.pipeline();
            for (int i = 0; i < 100; ++i)
                p.set("r:" + std::to_string(i), text_of(50));
            QCOMPARE(p.execute().size(), std::size_t(100));
            p.get("r:7");
            std::vector<Reply> replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(1));
            QCOMPARE(replies[0].str(), text_of(50));
            p.set("r:8", "dropped");
            p.reset();
            p.get("r:8");
            replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(1));
            QCOMPARE(replies[0].str(), text_of(50));
            QCOMPARE(c.ping(), std::string("PONG")); // nothing else was sent
        });
    }

private:
    // `length` letters, each differing from its neighbours, so a misplaced byte shows.
    static std::string text_of(std::size_t length)
    {
        std::string text(length, ' ');
        for (std::size_t i = 0; i < length; ++i)
            text[i] = static_cast<char>('a' + (i * 7 + length) % 26);
        return text;
    }
};

QTEST_GUILESS_MAIN(TestRedisPipeline)
#include "tst_redis_pipeline.moc"
