// SPDX-License-Identifier: MIT
// RedisCluster against a real six-node cluster (three primaries, three replicas) started once
// for the program: routing by slot, hash tags, CrossSlotError, pipelines over several nodes,
// transactions and scripts on one slot, replica reads, resharding while Loops write, and a
// primary killed while Loops keep working.
#include "dieseltest.h"
#include "redis_cluster_suite.h"
#include "write_counter.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <map>
#include <set>
#include <string>
#include <vector>

using diesel::redis::ClusterOptions;
using diesel::redis::CrossSlotError;
using diesel::redis::RedisCluster;
using diesel::redis::Reply;
using dtest::port_of;

namespace {

// Records the ports clients write to.
class PeerRecorder : public diesel::Observer
{
public:
    unsigned interests() const override { return Data; }
    void data(const diesel::ConnectionInfo &info, diesel::Direction direction, std::string_view,
              diesel::LoopId) override
    {
        if (direction == diesel::Direction::Out)
            ports.insert(info.peer.port());
    }
    std::set<std::uint16_t> ports;
};

} // namespace

class TestRedisCluster : public dtest::RedisClusterSuite
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        dtest::run_in_loop([&] { cluster().flushall(); });
    }

    void slotsAsTheServerComputesThem()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            for (const std::string key : {"", "a", "foo", "user:1000", "{user1000}.following",
                                          "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "{}x"})
                QCOMPARE(static_cast<long long>(RedisCluster::slot_of(key)),
                         c.call({"CLUSTER", "KEYSLOT", key}).integer());
            QCOMPARE(RedisCluster::slot_of("123456789"), std::uint16_t(0x31C3 % 16384));
        });
    }

    void keysSpreadOverAllSlots()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            QCOMPARE(c.primaries().size(), std::size_t(3));
            std::set<std::uint16_t> slots;
            for (int i = 0; i < 3000; ++i) {
                const std::string key = "spread:" + std::to_string(i);
                slots.insert(RedisCluster::slot_of(key));
                QVERIFY(c.set(key, std::to_string(i)));
            }
            QVERIFY(slots.size() > 2500);
            for (int i = 0; i < 3000; ++i)
                QCOMPARE(c.get("spread:" + std::to_string(i)), std::to_string(i));
            // Every primary holds its share, and each key sits on the node of its slot.
            long long total = 0;
            for (const std::string &primary : c.primaries()) {
                diesel::redis::RedisClient node("127.0.0.1", port_of(primary));
                const long long keys = node.dbsize();
                QVERIFY2(keys > 500, primary.c_str());
                total += keys;
                const std::string key = dtest::key_on(c, primary, "spread:");
                QCOMPARE(node.exists({key}), 1LL);
            }
            QCOMPARE(total, 3000LL);
        });
    }

    void hashTaggedMultiKeyCommands()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            c.mset({{"{user42}:name", "ada"}, {"{user42}:mail", "ada@example.org"}});
            QCOMPARE(
                c.mget({"{user42}:name", "{user42}:mail", "{user42}:none"}),
                (std::vector<std::optional<std::string>>{"ada", "ada@example.org", std::nullopt}));
            c.sadd("{s}:a", {"1", "2", "3"});
            c.sadd("{s}:b", {"2", "3", "4"});
            QCOMPARE(c.sinterstore("{s}:both", {"{s}:a", "{s}:b"}), 2LL);
            QCOMPARE(c.del_({"{user42}:name", "{user42}:mail"}), 2LL);
            // A script whose keys share a slot runs on that slot's node.
            const Reply r = c.eval("return redis.call('incrby', KEYS[1], ARGV[1]) + "
                                   "redis.call('scard', KEYS[2])",
                                   {"{s}:n", "{s}:both"}, {"40"});
            QCOMPARE(r.integer(), 42LL);
        });
    }

    void crossSlotThrowsBeforeSending()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            c.ping(); // every connection made before counting
            QVERIFY(RedisCluster::slot_of("a") != RedisCluster::slot_of("b"));
            dtest::WriteCounter counter;
            diesel::Hub::current().add_observer(counter);
            QVERIFY_THROWS_EXCEPTION(CrossSlotError, c.mget({"a", "b"}));
            QVERIFY_THROWS_EXCEPTION(CrossSlotError, c.del_({"x", "y", "z"}));
            QVERIFY_THROWS_EXCEPTION(CrossSlotError, c.eval("return 1", {"a", "b"}));
            QVERIFY_THROWS_EXCEPTION(CrossSlotError, c.rename("a", "b"));
            auto tx = c.pipeline(true);
            tx.set("{t}a", "1");
            QVERIFY_THROWS_EXCEPTION(CrossSlotError, tx.set("{u}a", "1"));
            diesel::Hub::current().remove_observer(counter);
            QCOMPARE(counter.writes, 0);
        });
    }

    void unknownCommandRoutedByTheServer()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            // GEOADD is not in the client's table: COMMAND GETKEYS finds its key.
            QCOMPARE(
                c.call({"GEOADD", "geo:sicily", "13.361389", "38.115556", "Palermo"}).integer(),
                1LL);
            QCOMPARE(c.call({"GEOPOS", "geo:sicily", "Palermo"}).size(), std::size_t(1));
            QCOMPARE(c.zcard("geo:sicily"), 1LL);
        });
    }

    // In a pipeline, a command the table does not know is routed by COMMAND GETKEYS, which
    // suspends the Loop: a command another Loop queues meanwhile goes before it, both whole.
    void pipelineQueuedIntoWhileRouting()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            auto p = c.pipeline();
            p.set("{geo}:before", "1");
            bool queued = false;
            diesel::fork([&] {
                p.set("{geo}:meanwhile", "2");
                queued = true;
            });
            p.call({"GEOADD", "{geo}:sicily", "13.361389", "38.115556", "Palermo"});
            QVERIFY(queued);
            const std::vector<Reply> replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(3));
            QCOMPARE(replies[0], Reply::status("OK"));
            QCOMPARE(replies[1], Reply::status("OK"));
            QCOMPARE(replies[2].integer(), 1LL);
            QCOMPARE(c.get("{geo}:meanwhile"), std::string("2"));
            QCOMPARE(c.zcard("{geo}:sicily"), 1LL);
        });
    }

    void pipelineOverThreeNodesInOrder()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            std::vector<std::string> keys;
            for (const std::string &primary : c.primaries())
                keys.push_back(dtest::key_on(c, primary, "p:"));
            QCOMPARE(keys.size(), std::size_t(3));
            auto p = c.pipeline();
            for (int round = 0; round < 10; ++round)
                for (const std::string &key : keys) {
                    p.incr(key);
                    p.call({"GET", key});
                }
            QCOMPARE(p.size(), std::size_t(60));
            const std::vector<Reply> replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(60));
            for (int round = 0; round < 10; ++round)
                for (std::size_t k = 0; k < keys.size(); ++k) {
                    const std::size_t at = (static_cast<std::size_t>(round) * 3 + k) * 2;
                    QCOMPARE(replies[at].integer(), round + 1LL);
                    QCOMPARE(replies[at + 1].str(), std::to_string(round + 1));
                }
            QVERIFY(p.empty());
            // An error reply stays in place without raise_on_error.
            p.set(keys[0], "text");
            p.incr(keys[0]);
            p.get(keys[1]);
            const auto mixed = p.execute(false);
            QVERIFY(mixed[1].is_error());
            QCOMPARE(mixed[2].str(), std::string("10"));
        });
    }

    // A pipeline repeating its last command routes the repeat as the first; a command of the
    // same length for another node's key is routed on its own. No command was redirected.
    void repeatedCommandsKeepTheirNode()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            std::vector<std::string> keys; // one per primary, all of one length
            for (const std::string &primary : c.primaries())
                for (int i = 100;; ++i) {
                    std::string key = "r:" + std::to_string(i);
                    if (c.primary_of(RedisCluster::slot_of(key)) == primary) {
                        keys.push_back(std::move(key));
                        break;
                    }
                }
            QCOMPARE(keys.size(), std::size_t(3));
            const std::uint64_t loads = c.map_loads();
            auto p = c.pipeline();
            for (int round = 0; round < 3; ++round)
                for (const std::string &key : keys)
                    for (int n = 0; n < 4; ++n)
                        p.incr(key);
            for (const std::string &key : keys) {
                p.get(key);
                p.get(key);
            }
            const std::vector<Reply> replies = p.execute();
            QCOMPARE(replies.size(), std::size_t(3 * 3 * 4 + 6));
            for (int round = 0; round < 3; ++round)
                for (std::size_t k = 0; k < keys.size(); ++k)
                    for (int n = 0; n < 4; ++n)
                        QCOMPARE(replies[(static_cast<std::size_t>(round) * 3 + k) * 4 +
                                         static_cast<std::size_t>(n)]
                                     .integer(),
                                 round * 4 + n + 1LL);
            for (std::size_t i = 36; i < replies.size(); ++i)
                QCOMPARE(replies[i].str(), std::string("12"));
            QCOMPARE(c.map_loads(), loads); // a misrouted command would have met MOVED
        });
    }

    void transactionOnOneSlot()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            auto tx = c.pipeline(true);
            tx.set("{acct}:a", "10");
            tx.incrby("{acct}:a", 5);
            tx.set("{acct}:b", "1");
            const auto replies = tx.execute();
            QCOMPARE(replies.size(), std::size_t(3));
            QCOMPARE(replies[1].integer(), 15LL);
            QCOMPARE(c.get("{acct}:b"), std::string("1"));
        });
    }

    void readsFromReplicas()
    {
        dtest::run_in_loop([&] {
            RedisCluster writer = cluster();
            writer.set("replicated", "yes");
            // WAIT on the key's primary: the replica has it before the read.
            QCOMPARE(writer.node_for("replicated").call({"WAIT", "1", "10000"}).integer(), 1LL);
            ClusterOptions options = dtest::patient_cluster_options();
            options.read_from_replicas = true;
            RedisCluster reader = cluster(options);
            reader.ping(); // connected before recording
            PeerRecorder peers;
            diesel::Hub::current().add_observer(peers);
            QCOMPARE(reader.get("replicated"), std::string("yes"));
            diesel::Hub::current().remove_observer(peers);
            // The read went to one node, not the primary.
            QCOMPARE(peers.ports.size(), std::size_t(1));
            QVERIFY(*peers.ports.begin() !=
                    port_of(reader.primary_of(RedisCluster::slot_of("replicated"))));
            // A write through the same client still goes to the primary (MOVED from replicas).
            QVERIFY(reader.set("replicated", "again"));
            QCOMPARE(writer.get("replicated"), std::string("again"));
        });
    }

    void shardedPublish()
    {
        dtest::run_in_loop([&] {
            RedisCluster c = cluster();
            QCOMPARE(c.spublish("news:{eu}", "hello"), 0LL);
        });
    }

    void reshardingWhileTwentyLoopsWrite()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                const std::vector<std::string> primaries = c.primaries();
                const std::string from = m_cluster->node_id(port_of(primaries[0]));
                const std::string to = m_cluster->node_id(port_of(primaries[1]));
                const std::uint16_t moved_slot = [&] {
                    for (std::uint16_t s = 0;; ++s)
                        if (c.primary_of(s) == primaries[0])
                            return s;
                }();

                bool resharding = true;
                int running = 20;
                std::vector<long long> writes(20, 0);
                std::vector<std::string> failures;
                for (int loop = 0; loop < 20; ++loop)
                    diesel::fork([&, loop] {
                        const std::string counter = "count:" + std::to_string(loop);
                        try {
                            while (resharding || writes[loop] < 50) {
                                const std::string n = std::to_string(writes[loop]);
                                c.set("w:" + std::to_string(loop) + ":" + n, n);
                                c.incr(counter); // not idempotent: must land exactly once
                                ++writes[loop];
                            }
                        } catch (const std::exception &e) {
                            failures.push_back(e.what());
                        }
                        --running;
                    });
                const std::string output = diesel::thread([&] {
                    return dtest::redis_cli({"--cluster", "reshard",
                                             "127.0.0.1:" + std::to_string(port_of(primaries[0])),
                                             "--cluster-from", from, "--cluster-to", to,
                                             "--cluster-slots", "200", "--cluster-yes"});
                });
                resharding = false;
                const std::uint64_t loads_during = c.map_loads();
                QVERIFY(dtest::settle([&] { return running == 0; }, 120000));
                QVERIFY2(failures.empty(), failures.empty() ? "" : failures.front().c_str());
                QVERIFY2(output.find("Moving slot") != std::string::npos, output.c_str());

                // Every write landed exactly once.
                long long total = 0;
                for (int loop = 0; loop < 20; ++loop) {
                    total += writes[loop];
                    QCOMPARE(c.get("count:" + std::to_string(loop)), std::to_string(writes[loop]));
                    auto p = c.pipeline();
                    for (long long n = 0; n < writes[loop]; ++n)
                        p.get("w:" + std::to_string(loop) + ":" + std::to_string(n));
                    const auto replies = p.execute();
                    for (long long n = 0; n < writes[loop]; ++n)
                        QCOMPARE(replies[static_cast<std::size_t>(n)].as_string(),
                                 std::to_string(n));
                }
                long long keys = 0;
                for (const std::string &primary : c.primaries())
                    keys += c.node_for(dtest::key_on(c, primary, "k")).dbsize();
                QCOMPARE(keys, total + 20);
                QVERIFY2(loads_during > 1, "no MOVED seen: the writes missed the moving slots");
                c.refresh();
                QCOMPARE(c.primary_of(moved_slot), primaries[1]);
            },
            std::chrono::seconds(240));
    }

    // A pipeline and a transaction routed by a map from before a slot moved: the commands the
    // old owner answers with MOVED are resent to the new one, replies still in queued order.
    void pipelineAfterASlotMoved()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                RedisCluster stale = cluster();
                RedisCluster stale_tx = cluster();
                const std::vector<std::string> primaries = c.primaries();
                const std::string moving = dtest::key_on(c, primaries[0], "moving:");
                const std::string staying = dtest::key_on(c, primaries[2], "staying:");
                const std::uint16_t slot = RedisCluster::slot_of(moving);

                // Move the (empty) slot by hand, as redis-cli --cluster reshard does.
                const std::string to_id = m_cluster->node_id(port_of(primaries[1]));
                const std::string from_id = m_cluster->node_id(port_of(primaries[0]));
                const auto setslot = [&](const std::string &node, const std::string &how,
                                         const std::string &id) {
                    return diesel::thread([&] {
                        return dtest::redis_cli({"-p", std::to_string(port_of(node)), "CLUSTER",
                                                 "SETSLOT", std::to_string(slot), how, id});
                    });
                };
                QCOMPARE(setslot(primaries[1], "IMPORTING", from_id), std::string("OK\n"));
                QCOMPARE(setslot(primaries[0], "MIGRATING", to_id), std::string("OK\n"));
                for (const std::string &primary : primaries)
                    QCOMPARE(setslot(primary, "NODE", to_id), std::string("OK\n"));

                auto p = stale.pipeline();
                p.set(moving, "v");
                p.incr(staying);
                p.get(moving);
                p.append(moving, "w");
                p.incr(staying);
                const std::vector<Reply> replies = p.execute();
                QCOMPARE(replies.size(), std::size_t(5));
                QCOMPARE(replies[0].str(), std::string("OK"));
                QCOMPARE(replies[1].integer(), 1LL);
                QCOMPARE(replies[2].str(), std::string("v"));
                QCOMPARE(replies[3].integer(), 2LL);
                QCOMPARE(replies[4].integer(), 2LL);
                QCOMPARE(stale.primary_of(slot), primaries[1]);
                QVERIFY(stale.map_loads() > 1); // a MOVED reached the pipeline
                QCOMPARE(c.get(moving), std::string("vw"));

                auto tx = stale_tx.pipeline(true);
                tx.set(moving, "1");
                tx.incr(moving);
                const std::vector<Reply> done = tx.execute();
                QCOMPARE(done.size(), std::size_t(2));
                QCOMPARE(done[1].integer(), 2LL);
                QCOMPARE(stale_tx.primary_of(slot), primaries[1]);
            },
            std::chrono::seconds(120));
    }

    // Last: the killed primary's shard keeps only its promoted replica.
    void primaryKilledWhileLoopsWork()
    {
        dtest::run_in_loop(
            [&] {
                RedisCluster c = cluster();
                const std::string victim = c.primary_of(RedisCluster::slot_of("f:0"));
                const std::uint16_t victim_port = port_of(victim);

                bool healed = false;
                int running = 10;
                std::vector<int> after(10, 0); // writes that succeeded after the promotion
                std::vector<std::string> unclear;
                int clear_errors = 0;
                std::map<std::string, std::string> written_after;
                for (int loop = 0; loop < 10; ++loop)
                    diesel::fork([&, loop] {
                        for (int n = 0; !healed || after[loop] < 20; ++n) {
                            const std::string key =
                                "f:" + std::to_string(loop) + ":" + std::to_string(n);
                            const bool was_healed = healed;
                            try {
                                c.incr("f:count:" + std::to_string(loop)); // never resent
                                c.set(key, std::to_string(n));
                                if (was_healed) {
                                    ++after[loop];
                                    written_after[key] = std::to_string(n);
                                }
                            } catch (const diesel::Error &) {
                                ++clear_errors; // the cluster did not heal in time for it
                                diesel::sleep(0.05);
                            } catch (const std::exception &e) {
                                unclear.push_back(e.what());
                                break;
                            }
                        }
                        --running;
                    });
                dtest::settle([] { return false; }, 300); // the Loops are writing
                m_cluster->node(victim_port).kill();
                QVERIFY(diesel::thread([&] { return m_cluster->wait_healthy(90); }));
                healed = true;
                QVERIFY(dtest::settle([&] { return running == 0; }, 120000));
                QVERIFY2(unclear.empty(), unclear.empty() ? "" : unclear.front().c_str());
                for (const auto &[key, value] : written_after)
                    QCOMPARE(c.get(key), value);
                c.refresh();
                QVERIFY(c.primary_of(RedisCluster::slot_of("f:0")) != victim);
                qInfo("failover: %d commands threw a clear error during the window", clear_errors);
            },
            std::chrono::seconds(240));
    }
};

QTEST_GUILESS_MAIN(TestRedisCluster)
#include "tst_redis_cluster.moc"
