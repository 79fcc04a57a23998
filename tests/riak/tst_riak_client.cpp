// SPDX-License-Identifier: MIT
// RiakClient against the Riak PBC peer: every call, its options, streamed replies, Riak's error
// responses, and the client id sent again on a new connection.
#include "dieseltest.h"
#include "riak_suite.h"

#include <diesel/diesel.h>
#include <diesel/riak.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace diesel::riak;

class TestRiakClient : public dtest::RiakSuite
{
    Q_OBJECT

private:
    RiakClient client() const { return RiakClient(m_peer->host(), m_peer->port(), options()); }

private Q_SLOTS:
    void pingServerInfoAndClientId()
    {
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.ping();
            const ServerInfo info = c.server_info();
            QCOMPARE(info.node, std::string("riak@127.0.0.1"));
            QVERIFY(!info.server_version.empty());
            QCOMPARE(c.client_id().size(), std::size_t(4)); // Riak's default: 4 random bytes
            c.set_client_id("diesel-1");
            QCOMPARE(c.client_id(), std::string("diesel-1"));
            // A new connection gets the client id again before anything else.
            c.close();
            QCOMPARE(c.client_id(), std::string("diesel-1"));
            QCOMPARE(c.channel().connects(), std::uint64_t(2));
        }));
    }

    void putAndGetEveryField()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            QVERIFY(!c.get(b, "missing").found());
            Content content;
            content.value = R"({"n":1})";
            content.content_type = "application/json";
            content.charset = "utf-8";
            content.usermeta = {{"owner", "me"}};
            content.indexes = {{"age_int", "42"}, {"name_bin", "ann"}};
            PutOptions put;
            put.return_body = true;
            const PutResult stored = c.put(b, "k", content, put);
            QVERIFY(stored.key.empty()); // we chose the key
            QCOMPARE(stored.object.siblings.size(), std::size_t(1));
            QVERIFY(!stored.object.vclock.empty());

            const Object got = c.get(b, "k");
            QCOMPARE(got.siblings.size(), std::size_t(1));
            const Content &s = got.siblings[0];
            QCOMPARE(s.value, content.value);
            QCOMPARE(s.content_type, content.content_type);
            QCOMPARE(s.charset, content.charset);
            QVERIFY(s.usermeta == content.usermeta);
            QVERIFY(s.indexes == content.indexes);
            QVERIFY(!s.vtag.empty());
            QVERIFY(s.last_modified.has_value());
            const auto age = std::chrono::system_clock::now() - *s.last_modified;
            QVERIFY(age < std::chrono::minutes(5) && age > -std::chrono::minutes(5));
            QCOMPARE(got.vclock, stored.object.vclock);
        }));
    }

    void getOptions()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.put(b, "k", "value");
            GetOptions head;
            head.head = true;
            const Object h = c.get(b, "k", head);
            QCOMPARE(h.siblings.size(), std::size_t(1));
            QVERIFY(h.siblings[0].value.empty());
            QVERIFY(h.siblings[0].last_modified.has_value());

            GetOptions modified;
            modified.if_modified = h.vclock;
            QVERIFY(c.get(b, "k", modified).unchanged);
            c.put(b, "k", "newer", {.vclock = h.vclock});
            const Object changed = c.get(b, "k", modified);
            QVERIFY(!changed.unchanged);
            QCOMPARE(changed.siblings.at(0).value, std::string("newer"));

            GetOptions quorums;
            quorums.r = quorum::one;
            quorums.pr = 1;
            quorums.basic_quorum = true;
            quorums.notfound_ok = false;
            QCOMPARE(c.get(b, "k", quorums).siblings.at(0).value, std::string("newer"));
        }));
    }

    void putOptions()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            PutOptions none_match;
            none_match.if_none_match = true;
            c.put(b, "k", "first", none_match);
            try {
                c.put(b, "k", "second", none_match);
                QFAIL("if_none_match on an existing key succeeded");
            } catch (const RiakError &e) {
                QCOMPARE(std::string(e.what()), std::string("match_found"));
            }
            const Object o = c.get(b, "k");
            PutOptions not_modified;
            not_modified.if_not_modified = true;
            not_modified.vclock = o.vclock;
            not_modified.w = 2;
            not_modified.dw = quorum::majority;
            not_modified.pw = 1;
            c.put(b, "k", "second", not_modified); // the vclock is current
            QVERIFY_THROWS_EXCEPTION(RiakError, c.put(b, "k", "third", not_modified));

            // No key: Riak chooses one.
            const PutResult made = c.put(b, "", "anonymous");
            QVERIFY(!made.key.empty());
            QCOMPARE(c.get(b, made.key).siblings.at(0).value, std::string("anonymous"));

            PutOptions head;
            head.return_head = true;
            const PutResult h = c.put(b, "h", "body", head);
            QCOMPARE(h.object.siblings.size(), std::size_t(1));
            QVERIFY(h.object.siblings[0].value.empty());
        }));
    }

    void deleteWithVclockLeavesATombstone()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            c.put(b, "k", "v");
            const Object o = c.get(b, "k");
            c.delete_(b, "k", {.vclock = o.vclock, .rw = quorum::all});
            QVERIFY(!c.get(b, "k").found());
            GetOptions tomb;
            tomb.deleted_vclock = true;
            const Object t = c.get(b, "k", tomb);
            QVERIFY(!t.found());
            QVERIFY(!t.vclock.empty());
            QVERIFY(t.vclock != o.vclock);
            c.delete_(b, "never-there"); // deleting nothing is fine, as in Riak
        }));
    }

    void listBucketsAndKeysStream()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            for (int i = 0; i < 250; ++i) // the peer sends 100 keys a frame
                c.put(b, "key" + std::to_string(i), "v");
            std::set<std::string> keys;
            c.list_keys(b, [&](std::string_view key) { keys.emplace(key); });
            QCOMPARE(keys.size(), std::size_t(250));
            QVERIFY(keys.count("key249"));
            std::vector<std::string> buckets;
            c.list_buckets([&](std::string_view name) { buckets.emplace_back(name); });
            QVERIFY(std::find(buckets.begin(), buckets.end(), b) != buckets.end());

            // A callback that throws: the rest of the stream is discarded, the client goes on.
            int seen = 0;
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, c.list_keys(b, [&](std::string_view) {
                if (++seen == 150)
                    throw std::runtime_error("enough");
            }));
            c.ping();
            QCOMPARE(c.channel().connects(), std::uint64_t(1));
        }));
    }

    void bucketProperties()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            BucketProps props = c.bucket_props(b);
            QCOMPARE(props.n_val.value_or(0), 3u);
            QCOMPARE(props.allow_mult.value_or(true), false);
            QCOMPARE(props.last_write_wins.value_or(true), false);
            c.set_bucket_props(b, {.n_val = 2, .allow_mult = true});
            props = c.bucket_props(b);
            QCOMPARE(props.n_val.value_or(0), 2u);
            QCOMPARE(props.allow_mult.value_or(false), true);
            c.set_bucket_props(b, {.last_write_wins = true});
            QCOMPARE(c.bucket_props(b).last_write_wins.value_or(false), true);
            c.reset_bucket_props(b);
            QCOMPARE(c.bucket_props(b).n_val.value_or(0), 3u);
        }));
    }

    void secondaryIndexesExactRangeAndPages()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            for (int i = 0; i < 300; ++i) {
                Content content;
                content.value = "v";
                content.indexes = {{"n_int", std::to_string(i)},
                                   {"parity_bin", i % 2 ? "odd" : "even"}};
                c.put(b, "k" + std::to_string(i), std::move(content));
            }
            std::vector<std::string> exact;
            c.index(IndexQuery::exact(b, "n_int", "7"),
                    [&](std::string_view, std::string_view key) { exact.emplace_back(key); });
            QCOMPARE(exact, std::vector<std::string>{"k7"});

            std::size_t odd = 0;
            c.index(IndexQuery::exact(b, "parity_bin", "odd"),
                    [&](std::string_view, std::string_view) { ++odd; });
            QCOMPARE(odd, std::size_t(150)); // streamed over several frames

            // A range in pages of 40 with terms, following the continuation to the end.
            IndexQuery q = IndexQuery::range(b, "n_int", "10", "109");
            q.return_terms = true;
            q.max_results = 40;
            std::vector<int> terms;
            int pages = 0;
            for (;;) {
                const IndexPage page = c.index(q, [&](std::string_view term, std::string_view key) {
                    terms.push_back(std::stoi(std::string(term)));
                    QCOMPARE(std::string(key), "k" + std::string(term));
                });
                ++pages;
                if (page.continuation.empty())
                    break;
                QCOMPARE(page.results, std::size_t(40));
                q.continuation = page.continuation;
            }
            QCOMPARE(pages, 3);
            QCOMPARE(terms.size(), std::size_t(100));
            QVERIFY(std::is_sorted(terms.begin(), terms.end()));
            QCOMPARE(terms.front(), 10);
            QCOMPARE(terms.back(), 109);
        }));
    }

    void mapReduceStreamsPhases()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            for (int i = 1; i <= 10; ++i)
                c.put(b, "k" + std::to_string(i), std::to_string(i));
            const std::string js = R"({"inputs":")" + b + R"(","query":[
                {"map":{"language":"javascript","source":"function(v){return [parseInt(v.values[0].data)*2];}","keep":true}},
                {"reduce":{"language":"javascript","name":"Riak.reduceSum"}}]})";
            std::map<std::uint32_t, std::vector<double>> phases;
            c.map_reduce(js, [&](std::uint32_t phase, std::string_view json) {
                for (const auto &v : diesel::riak::from_json(json).array())
                    phases[phase].push_back(v.toDouble());
            });
            QCOMPARE(phases[0].size(), std::size_t(10));
            QCOMPARE(phases[1], std::vector<double>{110});

            const std::string erlang = R"({"inputs":")" + b + R"(","query":[
                {"map":{"language":"erlang","module":"riak_kv_mapreduce","function":"map_object_value"}},
                {"reduce":{"language":"erlang","module":"riak_kv_mapreduce","function":"reduce_string_to_integer"}},
                {"reduce":{"language":"erlang","module":"riak_kv_mapreduce","function":"reduce_sum"}}]})";
            double sum = 0;
            c.map_reduce(erlang, [&](std::uint32_t phase, std::string_view json) {
                QCOMPARE(phase, 2u);
                sum = diesel::riak::from_json(json).array().at(0).toDouble();
            });
            QCOMPARE(sum, 55.0);

            // A failing job is Riak's error response; the connection goes on.
            QVERIFY_THROWS_EXCEPTION(
                RiakError,
                c.map_reduce(
                    R"({"inputs":")" + b +
                        R"(","query":[{"map":{"language":"javascript","name":"Riak.nope"}}]})",
                    [](std::uint32_t, std::string_view) {}));
            c.ping();
        }));
    }

    void riakErrorResponse()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            try {
                c.get(b, "k", {.r = 5}); // more than n_val = 3
                QFAIL("no error");
            } catch (const RiakError &e) {
                QCOMPARE(std::string(e.what()), std::string("{n_val_violation,3}"));
                QCOMPARE(e.riak_code(), 0u);
            }
            QVERIFY_THROWS_EXCEPTION(RiakError, c.put("", "k", "v"));
            c.ping(); // the same connection
            QCOMPARE(c.channel().connects(), std::uint64_t(1));
        }));
    }

    void manyLoopsShareOneConnection()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c = client();
            diesel::Countdown done(20);
            for (int i = 0; i < 20; ++i) {
                diesel::fork([&, i] {
                    const std::string key = "k" + std::to_string(i);
                    for (int round = 0; round < 10; ++round) {
                        c.put(b, key, std::to_string(round));
                        QCOMPARE(c.get(b, key).siblings.at(0).value, std::to_string(round));
                    }
                    done.tick();
                });
            }
            done.wait();
            QCOMPARE(c.channel().connects(), std::uint64_t(1));
        }));
    }
};

QTEST_GUILESS_MAIN(TestRiakClient)
#include "tst_riak_client.moc"
