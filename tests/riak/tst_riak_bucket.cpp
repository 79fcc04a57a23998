// SPDX-License-Identifier: MIT
// Bucket against the Riak PBC peer: vector clocks tracked per key, siblings made by writers with
// stale vclocks folded by the resolver and written back, one resolution for many Loops, JSON.
#include "dieseltest.h"
#include "riak_suite.h"

#include <diesel/diesel.h>
#include <diesel/riak.h>

#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <set>
#include <string>

using namespace diesel::riak;

namespace {
// Keeps every character of both values once, sorted: concurrent writers' additions merge.
std::string merge_sets(Timestamp, std::string_view v1, Timestamp, std::string_view v2)
{
    std::set<char> all(v1.begin(), v1.end());
    all.insert(v2.begin(), v2.end());
    return std::string(all.begin(), all.end());
}

// Two writers that read the same version of `key` and write "<old><letter>" without seeing
// each other: with allow_mult the node keeps both as siblings.
void conflict(RiakClient &c, const std::string &bucket, const std::string &key,
              const std::string &letters)
{
    c.put(bucket, key, "a");
    const std::string stale = c.get(bucket, key).vclock;
    for (char letter : letters)
        c.put(bucket, key, std::string("a") + letter, {.vclock = stale});
}

std::vector<std::string> values(const Object &o)
{
    std::vector<std::string> out;
    for (const Content &s : o.siblings)
        out.push_back(s.value);
    std::sort(out.begin(), out.end());
    return out;
}
} // namespace

class TestRiakBucket : public dtest::RiakSuite
{
    Q_OBJECT

private:
    RiakClient client() const { return RiakClient(m_peer->host(), m_peer->port(), options()); }

private Q_SLOTS:
    void siblingsResolvedWrittenBackSeenByAThirdReader()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.set_bucket_props(b, {.allow_mult = true});
            conflict(c, b, "k", "bc");
            QCOMPARE(values(c.get(b, "k")), (std::vector<std::string>{"ab", "ac"}));

            Bucket bucket(c, b, merge_sets);
            QCOMPARE(bucket.get("k"), std::optional<std::string>("abc"));
            QCOMPARE(bucket.resolutions(), std::uint64_t(1));

            RiakClient third = client();
            QCOMPARE(values(third.get(b, "k")), std::vector<std::string>{"abc"});
            QCOMPARE(bucket.get("k"), std::optional<std::string>("abc"));
            QCOMPARE(bucket.resolutions(), std::uint64_t(1)); // nothing left to resolve
        }));
    }

    void tenLoopsReadingOneConflictedKeyWriteOneResolution()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.set_bucket_props(b, {.allow_mult = true});
            conflict(c, b, "k", "bcd"); // three siblings: two resolver calls per resolution
            int calls = 0;
            Bucket bucket(
                c, b, [&](Timestamp t1, std::string_view v1, Timestamp t2, std::string_view v2) {
                    ++calls;
                    diesel::sleep(0.01); // a slow resolver: the other Loops arrive meanwhile
                    return merge_sets(t1, v1, t2, v2);
                });
            diesel::Countdown done(10);
            std::vector<std::string> seen;
            for (int i = 0; i < 10; ++i) {
                diesel::fork([&] {
                    seen.push_back(bucket.get("k").value_or("not found"));
                    done.tick();
                });
            }
            done.wait();
            QCOMPARE(seen, std::vector<std::string>(10, "abcd"));
            QCOMPARE(calls, 2);
            QCOMPARE(bucket.resolutions(), std::uint64_t(1));
            QCOMPARE(values(c.get(b, "k")), std::vector<std::string>{"abcd"});
        }));
    }

    void putAfterGetIsNotABlindWrite()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.set_bucket_props(b, {.allow_mult = true});
            Bucket bucket(c, b);
            bucket.put("k", "one");
            QCOMPARE(bucket.get("k"), std::optional<std::string>("one"));
            bucket.put("k", "two"); // with the vclock of the get: replaces
            QCOMPARE(values(c.get(b, "k")), std::vector<std::string>{"two"});
            bucket.put("k", "three"); // with the vclock the last put returned
            QCOMPARE(values(c.get(b, "k")), std::vector<std::string>{"three"});

            Bucket stranger(c, b); // knows no vclock: its write is concurrent
            stranger.put("k", "four");
            QCOMPARE(values(c.get(b, "k")), (std::vector<std::string>{"four", "three"}));
            QCOMPARE(bucket.get("k"), std::optional<std::string>("four")); // newest wins
            QCOMPARE(values(c.get(b, "k")), std::vector<std::string>{"four"});
        }));
    }

    void deleteThenGetIsNotFound()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.set_bucket_props(b, {.allow_mult = true});
            Bucket bucket(c, b);
            bucket.delete_("bar"); // the guide's cleanup: nothing there yet
            bucket.put("bar", "a test for you!");
            QCOMPARE(bucket.get("bar"), std::optional<std::string>("a test for you!"));
            bucket.delete_("bar");
            QCOMPARE(bucket.get("bar"), std::optional<std::string>());
            bucket.put("bar", "again");
            QCOMPARE(values(c.get(b, "bar")), std::vector<std::string>{"again"});
        }));
    }

    void lastWriteWinsLeavesNoSiblings()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.set_bucket_props(b, {.allow_mult = true, .last_write_wins = true});
            conflict(c, b, "k", "bc");
            QCOMPARE(values(c.get(b, "k")), std::vector<std::string>{"ac"});
        }));
    }

    void resolverErrorReachesEveryWaitingLoop()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.set_bucket_props(b, {.allow_mult = true});
            conflict(c, b, "k", "bc");
            Bucket bucket(
                c, b, [](Timestamp, std::string_view, Timestamp, std::string_view) -> std::string {
                    diesel::sleep(0.01);
                    throw std::runtime_error("cannot merge");
                });
            diesel::Countdown done(3);
            int failed = 0;
            for (int i = 0; i < 3; ++i) {
                diesel::fork([&] {
                    try {
                        bucket.get("k");
                    } catch (const std::runtime_error &e) {
                        failed += std::string(e.what()) == "cannot merge";
                    }
                    done.tick();
                });
            }
            done.wait();
            QCOMPARE(failed, 3);
            QCOMPARE(values(c.get(b, "k")).size(), std::size_t(2)); // nothing written
        }));
    }

    void jsonValues()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            Bucket bucket(c, b);
            const QJsonDocument doc(QJsonObject{{QStringLiteral("name"), QStringLiteral("ann")},
                                                {QStringLiteral("age"), 42}});
            bucket.put_json("k", doc);
            QCOMPARE(bucket.get_json("k"), std::optional<QJsonDocument>(doc));
            QCOMPARE(c.get(b, "k").siblings.at(0).content_type, std::string("application/json"));
            QVERIFY(!bucket.get_json("missing"));
            bucket.put("raw", "not json");
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bucket.get_json("raw"));
        }));
    }
};

QTEST_GUILESS_MAIN(TestRiakBucket)
#include "tst_riak_bucket.moc"
