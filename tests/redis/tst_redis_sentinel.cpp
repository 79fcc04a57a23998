// SPDX-License-Identifier: MIT
// RedisClient::from_sentinel against a real primary, replica and three Sentinels started once
// for the program: it finds the primary and a replica, and follows SENTINEL FAILOVER.
#include "dieseltest.h"
#include "redis_sentinel_nodes.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <string>

using diesel::redis::RedisClient;
using diesel::redis::SentinelRole;

class TestRedisSentinel : public QObject
{
    Q_OBJECT

    std::unique_ptr<dtest::RedisSentinelNodes> m_nodes;

    RedisClient client(SentinelRole role = SentinelRole::Primary) const
    {
        return RedisClient::from_sentinel(m_nodes->sentinels(),
                                          dtest::RedisSentinelNodes::master_name, {}, role);
    }

private Q_SLOTS:
    void initTestCase()
    {
        try {
            m_nodes = std::make_unique<dtest::RedisSentinelNodes>();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void cleanupTestCase() { m_nodes.reset(); }

    void cleanup() { dtest::expect_clean(); }

    void findsThePrimaryAndAReplica()
    {
        dtest::run_in_loop([&] {
            RedisClient primary = client();
            QCOMPARE(primary.port(), m_nodes->primary().port());
            QVERIFY(primary.set("sentinel:key", "v1"));
            QCOMPARE(primary.call({"WAIT", "1", "10000"}).integer(), 1LL);
            RedisClient replica = client(SentinelRole::Replica);
            QCOMPARE(replica.port(), m_nodes->replica().port());
            QCOMPARE(replica.get("sentinel:key"), std::string("v1"));
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, replica.set("sentinel:key", "x"));
        });
    }

    void noSentinelAnswers()
    {
        dtest::run_in_loop([&] {
            const std::uint16_t closed = dtest::free_port();
            QVERIFY_THROWS_EXCEPTION(
                diesel::ClientConnectionError,
                RedisClient::from_sentinel({{"127.0.0.1", closed}}, "mymaster"));
            // A name the Sentinels do not monitor.
            QVERIFY_THROWS_EXCEPTION(diesel::ClientConnectionError,
                                     RedisClient::from_sentinel(m_nodes->sentinels(), "nobody"));
        });
    }

    // Last: the replica is the primary afterwards.
    void followsAFailover()
    {
        dtest::run_in_loop(
            [&] {
                RedisClient c = client();
                const std::uint16_t old_primary = c.port();
                const std::uint16_t new_primary = m_nodes->replica().port();
                QCOMPARE(c.incr("sentinel:n"), 1LL);

                // A Loop keeps writing through the failover.
                bool failed_over = false;
                long long acknowledged = 1;
                int clear_errors = 0;
                int after = 0;
                std::string unclear;
                bool done = false;
                // The Sentinels report the promoted replica while the failover is still
                // reconfiguring, before +switch-master is announced; meanwhile the old primary
                // still takes writes. So `after` counts only the writes the new primary took.
                diesel::fork([&] {
                    while (after < 20) {
                        try {
                            acknowledged = c.incr("sentinel:n");
                            after += failed_over && c.port() == new_primary;
                        } catch (const diesel::Error &) {
                            ++clear_errors; // in the window: then it must succeed again
                            diesel::sleep(0.05);
                        } catch (const std::exception &e) {
                            unclear = e.what();
                            break;
                        }
                        diesel::sleep(0.005);
                    }
                    done = true;
                });
                RedisClient sentinel(m_nodes->sentinels().front().host,
                                     m_nodes->sentinels().front().port);
                QCOMPARE(sentinel.call({"SENTINEL", "FAILOVER", "mymaster"}).str(),
                         std::string("OK"));
                QVERIFY(
                    dtest::settle([&] { return m_nodes->master_port() == new_primary; }, 90000));
                failed_over = true;
                QVERIFY(dtest::settle([&] { return done; }, 90000));
                QVERIFY2(unclear.empty(), unclear.c_str());
                QCOMPARE(c.port(), new_primary);
                QVERIFY(c.port() != old_primary);
                // The counter lives on in the new primary; what was acknowledged is there.
                RedisClient direct(m_nodes->replica().host(), new_primary);
                QCOMPARE(direct.get("sentinel:n"), std::to_string(acknowledged));
                qInfo("sentinel failover: %d commands threw a clear error during the window",
                      clear_errors);
            },
            std::chrono::seconds(200));
    }
};

QTEST_GUILESS_MAIN(TestRedisSentinel)
#include "tst_redis_sentinel.moc"
