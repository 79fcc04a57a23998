// SPDX-License-Identifier: MIT
// HyperLogLog and bitmap commands against a real redis-server.
#include "dieseltest.h"
#include "redis_suite.h"

#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QTest>

#include <string>
#include <vector>

using diesel::redis::BitOp;
using diesel::redis::BitUnit;
using diesel::redis::RedisClient;

class TestRedisHllBits : public dtest::RedisSuite
{
    Q_OBJECT

private Q_SLOTS:
    void hyperLogLog()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QVERIFY(c.pfadd("visitors", {"a", "b", "c"}));
            QVERIFY(!c.pfadd("visitors", {"a"}));
            QCOMPARE(c.pfcount("visitors"), 3LL);
            std::vector<std::string> many;
            for (int i = 0; i < 1000; ++i)
                many.push_back("user" + std::to_string(i));
            c.pfadd("more", many);
            const long long estimate = c.pfcount("more");
            QVERIFY2(estimate > 950 && estimate < 1050, std::to_string(estimate).c_str());
            c.pfmerge("all", {"visitors", "more"});
            const long long merged = c.pfcount("all");
            QVERIFY(merged > 950 && merged < 1060);
            QCOMPARE(c.pfcount({"visitors", "visitors"}), 3LL);
        });
    }

    void bitmaps()
    {
        dtest::run_in_loop([&] {
            RedisClient c = client();
            QVERIFY(!c.setbit("b", 7, true)); // old value 0
            QVERIFY(c.setbit("b", 7, true));
            QVERIFY(c.getbit("b", 7));
            QVERIFY(!c.getbit("b", 6));
            QCOMPARE(*c.get("b"), std::string("\x01"));
            c.set("s", "foobar");
            QCOMPARE(c.bitcount("s"), 26LL);
            QCOMPARE(c.bitcount("s", 1, 1), 6LL);
            QCOMPARE(c.bitcount("s", 5, 30, BitUnit::Bit), 17LL);
            c.set("p", std::string("\xff\xf0\x00", 3));
            QCOMPARE(c.bitpos("p", false), 12LL);
            QCOMPARE(c.bitpos("p", true, 2), -1LL);
            QCOMPARE(c.bitpos("p", true, 7, 15, BitUnit::Bit), 7LL);
            c.set("k1", "foobar");
            c.set("k2", "abcdef");
            QCOMPARE(c.bitop(BitOp::And, "and", {"k1", "k2"}), 6LL);
            QCOMPARE(*c.get("and"), std::string("`bc`ab"));
            QCOMPARE(c.bitop(BitOp::Not, "not", "b"), 1LL);
            QCOMPARE(*c.get("not"), std::string("\xfe"));
            const auto fields =
                c.bitfield("bf", {"INCRBY", "u8", "0", "200", "INCRBY", "u8", "0", "100", "GET",
                                  "u8", "0", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "250"});
            QCOMPARE(fields, (std::vector<std::optional<long long>>{200, 44, 44, std::nullopt}));
        });
    }
};

QTEST_GUILESS_MAIN(TestRedisHllBits)
#include "tst_redis_hll_bits.moc"
