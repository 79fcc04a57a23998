// SPDX-License-Identifier: MIT
// Server, connection and publish commands against a real redis-server, and AUTH with a
// password and an ACL user.
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
using diesel::redis::RedisOptions;

class TestRedisServer : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void pingEchoInfoDbsize()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.ping(), std::string("PONG"));
            QCOMPARE(c.ping("hello"), std::string("hello"));
            QCOMPARE(c.echo("a\r\nb"), std::string("a\r\nb"));
            const auto info = c.info("server");
            QVERIFY(info.count("redis_version"));
            QCOMPARE(info.at("tcp_port"), std::to_string(m_server->port()));
            QVERIFY(c.info_text().find("# Keyspace") != std::string::npos);
            QCOMPARE(c.dbsize(), 0LL);
            c.set("a", "1");
            QCOMPARE(c.dbsize(), 1LL);
            c.flushdb();
            QCOMPARE(c.dbsize(), 0LL);
            c.set("a", "1");
            c.flushall(true);
            QCOMPARE(c.dbsize(), 0LL);
            const auto now = std::chrono::system_clock::now();
            const auto server_time = c.time();
            QVERIFY(server_time - now < 5s && now - server_time < 5s);
            QVERIFY(c.lastsave() > 0);
            c.set("m", std::string(1000, 'x'));
            QVERIFY(*c.memory_usage("m") > 1000);
            QCOMPARE(c.memory_usage("nope"), std::nullopt);
        });
    }

    void selectAndSwapdb()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("k", "zero");
            c.select(5);
            QCOMPARE(c.get("k"), std::nullopt);
            c.set("k", "five");
            c.swapdb(0, 5);
            QCOMPARE(*c.get("k"), std::string("zero"));
            c.select(0);
            QCOMPARE(*c.get("k"), std::string("five"));
            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError, c.select(100000));
        });
    }

    void configAndClient()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.config_set("maxmemory-policy", "allkeys-lru");
            QCOMPARE(c.config_get("maxmemory-policy").at("maxmemory-policy"),
                     std::string("allkeys-lru"));
            c.config_set("maxmemory-policy", "noeviction");
            c.config_resetstat();
            QVERIFY(c.client_id() > 0);
            QCOMPARE(c.client_getname(), std::nullopt);
            c.client_setname("tester");
            QCOMPARE(c.client_getname(), std::optional<std::string>("tester"));
            QVERIFY(c.client_list().find("name=tester") != std::string::npos);
            RedisOptions options;
            options.client_name = "named-at-connect";
            RedisClient named(m_server->host(), m_server->port(), options);
            QCOMPARE(named.client_getname(), std::optional<std::string>("named-at-connect"));
        });
    }

    void publishAndPubsubIntrospection()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QCOMPARE(c.publish("nobody", "hello"), 0LL);
            QCOMPARE(c.pubsub_channels(), std::vector<std::string>{});
            QCOMPARE(c.pubsub_numpat(), 0LL);
            const auto numsub = c.pubsub_numsub({"a", "b"});
            QCOMPARE(numsub.size(), std::size_t(2));
            QCOMPARE(numsub[1], (std::pair<std::string, long long>("b", 0)));
        });
    }

    void authWithPasswordAndAclUser()
    {
        dtest::run_in_loop([&] {
            RedisClient admin = client();
            admin.config_set("requirepass", "s3cret");
            admin.auth("s3cret");
            admin.call({"ACL", "SETUSER", "app", "on", ">apppass", "~*", "+@all"});

            QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisError,
                                     RedisClient(m_server->host(), m_server->port(), 0, "wrong"));
            RedisClient with_password(m_server->host(), m_server->port(), 0, "s3cret");
            QCOMPARE(with_password.ping(), std::string("PONG"));
            RedisClient with_user(m_server->host(), m_server->port(), 2, "apppass", "app");
            with_user.set("k", "v");
            QCOMPARE(with_user.call({"ACL", "WHOAMI"}).str(), std::string("app"));
            // The credentials and the database are restored after a reconnect.
            const long long id = with_user.client_id();
            with_user.call({"CLIENT", "KILL", "ID", std::to_string(id), "SKIPME", "no"});
            diesel::sleep(0.1);
            QCOMPARE(*with_user.get("k"), std::string("v"));
            QVERIFY(with_user.client_id() != id);

            admin.call({"ACL", "DELUSER", "app"});
            admin.config_set("requirepass", "");
        });
    }

    void bgsave()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            c.set("k", "v");
            c.bgsave();
            // Let the child finish before the next test flushes.
            for (int i = 0; i < 100; ++i) {
                if (c.info("persistence").at("rdb_bgsave_in_progress") == "0")
                    break;
                diesel::sleep(0.05);
            }
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisServer)
#include "tst_redis_server.moc"
