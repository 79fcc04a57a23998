// SPDX-License-Identifier: MIT
// RedisSubHub: fan-out to many Loops, per-subscriber buffering, patterns, reference-counted
// UNSUBSCRIBE, timeouts, sinks, first(), and resubscribing after the server restarts.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/core/queue.h>
#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using diesel::redis::Message;
using diesel::redis::RedisClient;
using diesel::redis::RedisSubHub;
using diesel::redis::Subscription;

class TestRedisSubHub : public dtest::RedisSuite
{
    Q_OBJECT

private:
    // Subscribers of `channel` as the server counts them.
    static long long numsub(RedisClient &c, const std::string &channel)
    {
        return c.pubsub_numsub(channel).at(0).second;
    }
    // Polls `done` for up to ~5 s (the server's view changes a moment after ours).
    template<class F>
    static bool eventually(F done)
    {
        for (int i = 0; i < 500; ++i) {
            if (done())
                return true;
            diesel::sleep(0.01);
        }
        return done();
    }

private Q_SLOTS:
    void theGuidesExample()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            RedisClient publisher = client();
            auto messages = subhub.sub({"chan.a", "chan.b"});
            QCOMPARE(publisher.publish("chan.a", "for a"), 1LL);
            QCOMPARE(publisher.publish("chan.b", "for b"), 1LL);
            QCOMPARE(publisher.publish("chan.c", "for nobody"), 0LL);
            auto [chan, message] = messages.fetch();
            QCOMPARE(chan, std::string("chan.a"));
            QCOMPARE(message, std::string("for a"));
            const Message second = messages.fetch();
            QCOMPARE(second.channel, std::string("chan.b"));
            QCOMPARE(second.message, std::string("for b"));
            QVERIFY(second.pattern.empty());
            QVERIFY(subhub.connected());
            QCOMPARE(subhub.subscribed(), (std::vector<std::string>{"chan.a", "chan.b"}));
        });
    }

    void fanOutToManyLoopsInOrder()
    {
        constexpr int kLoops = 25;
        constexpr int kMessages = 200;
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            std::vector<std::vector<std::string>> received(kLoops);
            int subscribed = 0;
            int finished = 0;
            for (int i = 0; i < kLoops; ++i)
                diesel::fork([&, i] {
                    auto messages = subhub.sub({"news"});
                    ++subscribed;
                    for (int m = 0; m < kMessages; ++m)
                        received[i].push_back(messages.fetch().message);
                    ++finished;
                });
            QVERIFY(eventually([&] { return subscribed == kLoops; }));
            RedisClient publisher = client();
            QCOMPARE(numsub(publisher, "news"), 1LL); // one connection serves them all
            for (int m = 0; m < kMessages; ++m)
                QCOMPARE(publisher.publish("news", std::to_string(m)), 1LL);
            QVERIFY(eventually([&] { return finished == kLoops; }));
            for (const auto &list : received) {
                QCOMPARE(list.size(), std::size_t(kMessages));
                for (int m = 0; m < kMessages; ++m)
                    QCOMPARE(list[static_cast<std::size_t>(m)], std::to_string(m));
            }
        });
    }

    void aSlowLoopLosesNothing()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            auto messages = subhub.sub({"burst"});
            RedisClient publisher = client();
            auto p = publisher.pipeline();
            for (int m = 0; m < 5000; ++m)
                p.publish("burst", std::to_string(m));
            p.execute();
            diesel::sleep(0.3); // not fetching: everything waits in the buffer
            QVERIFY(eventually([&] { return messages.pending() == 5000; }));
            for (int m = 0; m < 5000; ++m)
                QCOMPARE(messages.fetch().message, std::to_string(m));
            QCOMPARE(messages.pending(), std::size_t(0));
        });
    }

    void patternsUsePsubscribe()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            auto messages = subhub.sub({"sensor.*", "exact", "room.[ab]"});
            RedisClient publisher = client();
            QCOMPARE(publisher.pubsub_numpat(), 2LL);
            QCOMPARE(publisher.publish("sensor.kitchen", "21C"), 1LL);
            QCOMPARE(publisher.publish("room.a", "open"), 1LL);
            QCOMPARE(publisher.publish("room.c", "ignored"), 0LL);
            QCOMPARE(publisher.publish("exact", "x"), 1LL);
            const Message m1 = messages.fetch();
            QCOMPARE(m1.channel, std::string("sensor.kitchen"));
            QCOMPARE(m1.pattern, std::string("sensor.*"));
            QCOMPARE(m1.message, std::string("21C"));
            QCOMPARE(messages.fetch().pattern, std::string("room.[ab]"));
            const Message m3 = messages.fetch();
            QCOMPARE(m3.channel, std::string("exact"));
            QVERIFY(m3.pattern.empty());
        });
    }

    void unsubscribesWhenTheLastSubscriptionGoes()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            RedisClient c = client();
            std::optional<Subscription> first = subhub.sub({"shared", "only.first"});
            {
                Subscription second = subhub.sub({"shared"});
                QCOMPARE(c.publish("shared", "both"), 1LL);
                QCOMPARE(second.fetch().message, std::string("both"));
                QCOMPARE(first->fetch().message, std::string("both"));
            }
            // "shared" is still wanted by the first subscription.
            diesel::sleep(0.05);
            QCOMPARE(numsub(c, "shared"), 1LL);
            QCOMPARE(c.publish("shared", "still"), 1LL);
            QCOMPARE(first->fetch().message, std::string("still"));
            first.reset();
            QVERIFY(eventually([&] { return numsub(c, "shared") == 0; }));
            QVERIFY(eventually([&] { return numsub(c, "only.first") == 0; }));
            QVERIFY(subhub.subscribed().empty());
            // Subscribing again works.
            auto again = subhub.sub({"shared"});
            QCOMPARE(c.publish("shared", "back"), 1LL);
            QCOMPARE(again.fetch().message, std::string("back"));
            // Moving keeps the subscription; close() ends it.
            Subscription moved = std::move(again);
            QVERIFY(moved.active());
            QVERIFY(!again.active());
            moved.close();
            QVERIFY(!moved.active());
            QVERIFY(eventually([&] { return numsub(c, "shared") == 0; }));
            QVERIFY_THROWS_EXCEPTION(diesel::Error, moved.fetch());
        });
    }

    void fetchWithATimeout()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            auto messages = subhub.sub({"quiet"});
            const auto start = diesel::Clock::now();
            QCOMPARE(messages.fetch(0.1), std::nullopt);
            QVERIFY(diesel::Clock::now() - start >= 90ms);
            QCOMPARE(messages.fetch(50ms), std::nullopt);
            QCOMPARE(messages.try_fetch(), std::nullopt);
            RedisClient publisher = client();
            diesel::fork([&] {
                diesel::sleep(0.05);
                publisher.publish("quiet", "finally");
            });
            const auto got = messages.fetch(5.0);
            QVERIFY(got.has_value());
            QCOMPARE(got->message, std::string("finally"));
        });
    }

    void subscriptionWorksWithFirst()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            auto messages = subhub.sub({"ticks"});
            auto r = diesel::first(messages, diesel::cond::sleep(0.05));
            QCOMPARE(r.index(), std::size_t(1));
            RedisClient publisher = client();
            publisher.publish("ticks", "tick");
            r = diesel::first(messages, diesel::cond::sleep(5.0));
            QCOMPARE(r.index(), std::size_t(0));
            QCOMPARE(std::get<0>(r).message, std::string("tick"));
        });
    }

    void waitingLoopsShowInTheWorkbench()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            bool ready = false;
            diesel::fork([&] {
                diesel::label("listener");
                auto messages = subhub.sub({"chan.a"});
                ready = true;
                messages.fetch(2.0);
            });
            QVERIFY(eventually([&] { return ready; }));
            diesel::sleep(0.02);
            bool found = false;
            for (const auto &info : diesel::Hub::current().snapshot())
                if (info.label == "listener") {
                    found = true;
                    QCOMPARE(info.wait_kind, diesel::WaitKind::Queue);
                    QVERIFY2(info.waits_on.find("subhub chan.a") != std::string::npos,
                             info.waits_on.c_str());
                }
            QVERIFY(found);
            RedisClient publisher = client();
            publisher.publish("chan.a", "done");
            diesel::sleep(0.05);
        });
    }

    void sinkReceivesInsteadOfTheBuffer()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            auto messages = subhub.sub({"to.sink"});
            RedisClient publisher = client();
            publisher.publish("to.sink", "buffered first");
            QVERIFY(eventually([&] { return messages.pending() == 1; }));
            std::vector<std::string> sunk;
            messages.set_sink([&](Message &&m) { sunk.push_back(std::move(m.message)); });
            QCOMPARE(sunk, std::vector<std::string>{"buffered first"});
            publisher.publish("to.sink", "direct");
            QVERIFY(eventually([&] { return sunk.size() == 2; }));
            QCOMPARE(messages.pending(), std::size_t(0));
            messages.set_sink({});
            publisher.publish("to.sink", "buffered again");
            QCOMPARE(messages.fetch().message, std::string("buffered again"));
        });
    }

    void subscriptionFeedsAQueue()
    {
        dtest::run_in_loop([&] {
            RedisSubHub subhub(m_server->host(), m_server->port());
            diesel::Queue<Message> queue("redis messages");
            auto messages = subhub.sub({"q.*"});
            messages.set_sink([&](Message &&m) { queue.put(std::move(m), diesel::no_wait); });
            RedisClient publisher = client();
            publisher.publish("q.one", "1");
            publisher.publish("q.two", "2");
            QCOMPARE(queue.get(5.0).message, std::string("1"));
            const Message second = queue.get(5.0);
            QCOMPARE(second.channel, std::string("q.two"));
            QCOMPARE(second.pattern, std::string("q.*"));
        });
    }

    void resubscribesAfterTheServerRestarts()
    {
        dtest::run_in_loop(
            [&] {
                RedisSubHub subhub(m_server->host(), m_server->port());
                auto messages = subhub.sub({"durable", "dur.*"});
                QCOMPARE(subhub.connections(), std::uint64_t(1));
                m_server->kill();
                QVERIFY(eventually([&] { return !subhub.connected(); }));
                m_server->restart();
                QVERIFY(eventually([&] { return subhub.subscribed().size() == 2; }));
                QVERIFY(subhub.connections() >= 2);
                RedisClient publisher = client();
                QCOMPARE(publisher.publish("durable", "after restart"), 1LL);
                QCOMPARE(publisher.publish("dur.x", "pattern too"), 1LL);
                QCOMPARE(messages.fetch().message, std::string("after restart"));
                QCOMPARE(messages.fetch().message, std::string("pattern too"));
            },
            std::chrono::seconds(60));
    }

    void subTimesOutWhenRedisIsDown()
    {
        dtest::run_in_loop([&] {
            diesel::redis::SubHubOptions options;
            options.subscribe_timeout = diesel::Seconds(0.3);
            RedisSubHub subhub(m_server->host(), dtest::free_port(), options);
            const auto start = diesel::Clock::now();
            try {
                subhub.sub({"x"});
                QFAIL("sub() should time out");
            } catch (const diesel::TimeoutError &e) {
                QVERIFY2(std::string(e.what()).find("refused") != std::string::npos, e.what());
            }
            QVERIFY(diesel::Clock::now() - start >= 250ms);
        });
    }

    void destroyingTheHubWakesFetchers()
    {
        dtest::run_in_loop([&] {
            auto subhub = std::make_unique<RedisSubHub>(m_server->host(), m_server->port());
            auto messages = subhub->sub({"gone"});
            bool threw = false;
            diesel::fork([&] {
                try {
                    messages.fetch();
                } catch (const diesel::Error &) {
                    threw = true;
                }
            });
            diesel::sleep(0.05);
            subhub.reset();
            QVERIFY(eventually([&] { return threw; }));
            QVERIFY(!messages.active());
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisSubHub)
#include "tst_redis_subhub.moc"
