// SPDX-License-Identifier: MIT
// RedisShardedSubHub against a real six-node cluster started once for the program: shard
// channels on every primary, a hash-tagged group in one slot, unsubscribing, a dropped
// connection subscribing to channels of two slots again, and a subscribed
// channel's slot moved to another primary by hand (CLUSTER SETSLOT) or its primary killed, with
// the hub following it to the new owner (after the node's sunsubscribe push, a MOVED answer or
// the lost connection).
#include "dieseltest.h"
#include "redis_cluster_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <set>
#include <string>
#include <vector>

using diesel::redis::CrossSlotError;
using diesel::redis::RedisCluster;
using diesel::redis::RedisShardedSubHub;
using dtest::port_of;

namespace {

// Generous bounds for a loaded machine: they only stop a hung test.
constexpr double fetch_timeout = 30.0;
constexpr int settle_rounds = 60000; // about a minute

} // namespace

class TestRedisClusterPubSub : public dtest::RedisClusterSuite
{
    Q_OBJECT

    // Runs CLUSTER SETSLOT on the node at `port`; the reply, as redis-cli prints it.
    static std::string setslot(std::uint16_t port, std::uint16_t slot, const std::string &how,
                               const std::string &node)
    {
        return diesel::thread([&] {
            return dtest::redis_cli({"-p", std::to_string(port), "CLUSTER", "SETSLOT",
                                     std::to_string(slot), how, node});
        });
    }

private Q_SLOTS:
    void channelsOnEveryPrimary()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisShardedSubHub hub(c);
                std::vector<std::string> channels;
                std::vector<diesel::redis::Subscription> subs;
                for (const std::string &primary : c.primaries()) {
                    channels.push_back(dtest::key_on(c, primary, "news:"));
                    subs.push_back(hub.sub({channels.back()}));
                }
                QCOMPARE(hub.nodes().size(), std::size_t(3));
                for (std::size_t i = 0; i < channels.size(); ++i) {
                    QCOMPARE(c.spublish(channels[i], "hello " + channels[i]), 1LL);
                    const auto message = subs[i].fetch(fetch_timeout);
                    QVERIFY(message);
                    QCOMPARE(message->channel, channels[i]);
                    QCOMPARE(message->message, "hello " + channels[i]);
                }
                for (auto &sub : subs)
                    QCOMPARE(sub.pending(), std::size_t(0)); // each got its own channel only
            },
            std::chrono::seconds(90));
    }

    void hashTaggedGroupInOneSlot()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisShardedSubHub hub(c);
                QVERIFY_THROWS_EXCEPTION(CrossSlotError, hub.sub({"a", "b"}));
                auto group = hub.sub({"{shop}:orders", "{shop}:refunds", "{shop}:stock"});
                auto twin = hub.sub({"{shop}:orders"}); // a second subscription, same channel
                QCOMPARE(hub.subscribed(), (std::vector<std::string>{
                                               "{shop}:orders", "{shop}:refunds", "{shop}:stock"}));
                // One connection per node: the node counts one subscriber.
                QCOMPARE(c.spublish("{shop}:orders", "o1"), 1LL);
                QCOMPARE(c.spublish("{shop}:refunds", "r1"), 1LL);
                QCOMPARE(c.spublish("{shop}:stock", "s1"), 1LL);
                for (const auto &[channel, payload] :
                     std::vector<std::pair<std::string, std::string>>{{"{shop}:orders", "o1"},
                                                                      {"{shop}:refunds", "r1"},
                                                                      {"{shop}:stock", "s1"}}) {
                    const auto message = group.fetch(fetch_timeout);
                    QVERIFY(message);
                    QCOMPARE(message->channel, channel);
                    QCOMPARE(message->message, payload);
                }
                const auto copy = twin.fetch(fetch_timeout);
                QVERIFY(copy);
                QCOMPARE(copy->message, std::string("o1"));
                QCOMPARE(twin.pending(), std::size_t(0));
                QCOMPARE(group.pending(), std::size_t(0));
            },
            std::chrono::seconds(90));
    }

    void unsubscribing()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisShardedSubHub hub(c);
                auto kept = hub.sub({"{u}:kept"});
                auto gone = hub.sub({"{u}:gone"});
                QCOMPARE(c.spublish("{u}:gone", "1"), 1LL);
                QCOMPARE(gone.fetch(fetch_timeout)->message, std::string("1"));
                gone.close();
                QVERIFY(!gone.active());
                QCOMPARE(hub.subscribed(), std::vector<std::string>{"{u}:kept"});
                // SUNSUBSCRIBE is sent by the node's reader: the node stops counting us soon.
                QVERIFY(
                    dtest::settle([&] { return c.spublish("{u}:gone", "2") == 0; }, settle_rounds));
                QCOMPARE(c.spublish("{u}:kept", "k"), 1LL);
                QCOMPARE(kept.fetch(fetch_timeout)->message, std::string("k"));
                QCOMPARE(kept.pending(), std::size_t(0));
            },
            std::chrono::seconds(90));
    }

    void reconnectSubscribesEachSlotAgain()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisShardedSubHub hub(c);
                const std::string node = c.primaries()[0];
                const std::string a = dtest::key_on(c, node, "a:");
                const std::string b = dtest::key_on(c, node, "b:");
                QVERIFY(RedisCluster::slot_of(a) != RedisCluster::slot_of(b));
                auto sub_a = hub.sub({a});
                auto sub_b = hub.sub({b});
                // Dropping the connection makes the hub subscribe to both at once: one
                // SSUBSCRIBE per slot, else the node answers CROSSSLOT.
                diesel::thread([&] {
                    return dtest::redis_cli(
                        {"-p", std::to_string(port_of(node)), "CLIENT", "KILL", "TYPE", "pubsub"});
                });
                QVERIFY(dtest::settle(
                    [&] { return c.spublish(a, "ping") == 1 && c.spublish(b, "ping") == 1; },
                    settle_rounds));
                // The pings may still be on their way: each arrives before the last message.
                QCOMPARE(c.spublish(a, "a1"), 1LL);
                QCOMPARE(c.spublish(b, "b1"), 1LL);
                for (auto [sub, last] : {std::pair{&sub_a, "a1"}, std::pair{&sub_b, "b1"}}) {
                    for (;;) {
                        const auto message = sub->fetch(fetch_timeout);
                        QVERIFY(message);
                        if (message->message == last)
                            break;
                        QCOMPARE(message->message, std::string("ping"));
                    }
                    QCOMPARE(sub->pending(), std::size_t(0));
                }
            },
            std::chrono::seconds(90));
    }

    // The killed primary's shard keeps only its promoted replica.
    void primaryKilledSubscriptionFollowsTheReplica()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisShardedSubHub hub(c);
                const std::string victim = c.primaries()[2];
                const std::string channel = dtest::key_on(c, victim, "failover:");
                auto sub = hub.sub({channel});
                QCOMPARE(c.spublish(channel, "before"), 1LL);
                QCOMPARE(sub.fetch(fetch_timeout)->message, std::string("before"));

                // A replica that never synced refuses to take over (replica validity): wait for
                // the victim's replica to be online first (the cluster may be seconds old).
                QVERIFY(dtest::settle(
                    [&] {
                        return diesel::thread([&] {
                                   return dtest::redis_cli({"-p", std::to_string(port_of(victim)),
                                                            "INFO", "replication"});
                               }).find("state=online") != std::string::npos;
                    },
                    settle_rounds / 10));
                m_cluster->node(port_of(victim)).kill();
                QVERIFY(diesel::thread([&] { return m_cluster->wait_healthy(90); }));
                // The lost connection makes the hub reload the map until the replica is primary.
                QVERIFY(dtest::settle(
                    [&] {
                        return hub.moves() == 1 &&
                               hub.subscribed() == std::vector<std::string>{channel};
                    },
                    settle_rounds));
                const std::string promoted = c.primary_of(RedisCluster::slot_of(channel));
                QVERIFY(promoted != victim);
                QCOMPARE(hub.nodes(), std::vector<std::string>{promoted});
                QCOMPARE(c.spublish(channel, "after"), 1LL);
                QCOMPARE(sub.fetch(fetch_timeout)->message, std::string("after"));
                QCOMPARE(sub.pending(), std::size_t(0));
            },
            std::chrono::seconds(180));
    }

    // Last: it leaves one slot on another primary.
    void slotMovedToAnotherPrimary()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisShardedSubHub hub(c);
                // A second hub whose cluster keeps the map from before the move.
                RedisCluster stale = cluster();
                RedisShardedSubHub late(stale);
                const std::vector<std::string> primaries = c.primaries();
                const std::string channel = dtest::key_on(c, primaries[0], "moving:");
                const std::uint16_t slot = RedisCluster::slot_of(channel);
                auto sub = hub.sub({channel});
                QCOMPARE(c.spublish(channel, "before"), 1LL);
                QCOMPARE(sub.fetch(fetch_timeout)->message, std::string("before"));

                // Move the (keyless) slot by hand, as redis-cli --cluster reshard does.
                const std::uint16_t from = port_of(primaries[0]);
                const std::uint16_t to = port_of(primaries[1]);
                const std::string from_id = m_cluster->node_id(from);
                const std::string to_id = m_cluster->node_id(to);
                QCOMPARE(setslot(to, slot, "IMPORTING", from_id), std::string("OK\n"));
                QCOMPARE(setslot(from, slot, "MIGRATING", to_id), std::string("OK\n"));
                QCOMPARE(setslot(to, slot, "NODE", to_id), std::string("OK\n"));
                QCOMPARE(setslot(from, slot, "NODE", to_id), std::string("OK\n"));
                QCOMPARE(setslot(port_of(primaries[2]), slot, "NODE", to_id), std::string("OK\n"));

                // The old owner drops the channel; the hub follows it to the new one.
                QVERIFY(dtest::settle(
                    [&] {
                        return hub.moves() == 1 &&
                               hub.subscribed() == std::vector<std::string>{channel};
                    },
                    settle_rounds));
                QCOMPARE(hub.nodes(), std::vector<std::string>{primaries[1]});
                // The stale map sends SSUBSCRIBE to the old owner: MOVED, and the hub follows.
                auto late_sub = late.sub({channel});
                QCOMPARE(late.moves(), std::uint64_t(1));
                QCOMPARE(late.nodes(), std::vector<std::string>{primaries[1]});
                QCOMPARE(c.spublish(channel, "after"), 2LL);
                QCOMPARE(c.primary_of(slot), primaries[1]);
                const auto message = sub.fetch(fetch_timeout);
                QVERIFY(message);
                QCOMPARE(message->message, std::string("after"));
                QCOMPARE(sub.pending(), std::size_t(0)); // delivered once
                QCOMPARE(late_sub.fetch(fetch_timeout)->message, std::string("after"));
                QCOMPARE(late_sub.pending(), std::size_t(0));
            },
            std::chrono::seconds(120));
    }
};

QTEST_GUILESS_MAIN(TestRedisClusterPubSub)
#include "tst_redis_cluster_pubsub.moc"
