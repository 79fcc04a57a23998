// SPDX-License-Identifier: MIT
// MongoClient's API beyond diesel's suite: Documents and Extended JSON, errors with server codes
// (a unique index refusing a duplicate), find_one, count_documents, aggregate, indexes, listings
// and drops, URIs (several hosts, replicaSet, mongodb+srv refused).
#include "dieseltest.h"
#include "mongo_suite.h"

#include <diesel/mongodb/client.h>

#include <QTest>

#include <algorithm>

using namespace diesel::mongodb;

class TestMongoClient : public dtest::MongoSuite
{
    Q_OBJECT

private Q_SLOTS:
    void document_builds_and_reads()
    {
        const ObjectId id = ObjectId::generate();
        const Document d{{"s", "text"},
                         {"i", 7},
                         {"l", std::int64_t(1) << 40},
                         {"f", 2.5},
                         {"b", true},
                         {"n", nullptr},
                         {"id", id},
                         {"sub", Document{{"a", Array{1, "two", Document{{"three", 3}}}}}}};
        QCOMPARE(d.size(), std::size_t(8));
        QCOMPARE(d["s"].as_string(), std::string("text"));
        QCOMPARE(d["i"].as_int(), std::int64_t(7));
        QCOMPARE(int(d["i"].type()), int(Value::Type::Int32));
        QCOMPARE(d["l"].as_int(), std::int64_t(1) << 40);
        QCOMPARE(d["f"].as_double(), 2.5);
        QVERIFY(d["b"].as_bool());
        QVERIFY(d["n"].is_null());
        QVERIFY(d["id"].as_object_id() == id);
        QCOMPARE(d["sub.a.1"].as_string(), std::string("two"));
        QCOMPARE(d["sub.a.2.three"].as_int(), std::int64_t(3));
        QCOMPARE(d["sub"].as_document()["a"].as_array().size(), std::size_t(3));
        QVERIFY(!d.get("missing"));
        QVERIFY_THROWS_EXCEPTION(diesel::Error, d["missing"]);
        QVERIFY_THROWS_EXCEPTION(diesel::Error, d["s"].as_int());
        QCOMPARE(ObjectId::from_hex(id.hex()).hex(), id.hex());
        QVERIFY_THROWS_EXCEPTION(diesel::Error, ObjectId::from_hex("xyz"));
    }

    void document_json_round_trip()
    {
        const Document d{{"i", 1}, {"l", std::int64_t(2)}, {"f", 1.0}, {"s", "é"}};
        QCOMPARE(
            d.to_json(),
            std::string(
                R"({ "i" : { "$numberInt" : "1" }, "l" : { "$numberLong" : "2" }, "f" : { "$numberDouble" : "1.0" }, "s" : "é" })"));
        QCOMPARE(d.to_relaxed_json(), std::string(R"({ "i" : 1, "l" : 2, "f" : 1.0, "s" : "é" })"));
        QVERIFY(Document::from_json(d.to_json()) == d);
        const Document date = Document::from_json(R"({"when": {"$date": {"$numberLong": "0"}}})");
        QCOMPARE(int(date["when"].type()), int(Value::Type::Other));
        const Document copy{{"when", date["when"]}}; // an Other value survives a copy
        QVERIFY(copy == date);
        QVERIFY_THROWS_EXCEPTION(diesel::Error, Document::from_json("{nope"));
        const auto bytes = d.bytes();
        QVERIFY(Document::from_bson(bytes) == d);
        QVERIFY_THROWS_EXCEPTION(diesel::Error, Document::from_bson(bytes.subspan(1)));
    }

    void empty_and_moved_from_documents()
    {
        // An empty Document holds no bson_t until its first append(); it reads as {} everywhere.
        const Document empty;
        QVERIFY(empty.empty());
        QCOMPARE(empty.to_relaxed_json(), std::string("{ }"));
        QCOMPARE(empty.bytes().size(), std::size_t(5));
        QVERIFY(empty == Document::from_json("{}"));
        Document copy = empty;
        copy.append("a", 1);
        QVERIFY(empty.empty());
        QCOMPARE(copy["a"].as_int(), std::int64_t(1));
        Document moved = std::move(copy);
        QVERIFY(copy.empty()); // NOLINT(bugprone-use-after-move): a moved-from Document is empty
        QVERIFY(!copy.contains("a"));
        copy.append("b", 2);
        QCOMPARE(copy.keys(), std::vector<std::string>{"b"});
        QCOMPARE(moved.keys(), std::vector<std::string>{"a"});
        moved = empty;
        QVERIFY(moved.empty());
    }

    void more_collections_than_a_driver_keeps()
    {
        // A driver client keeps the collections it used last; older ones are made again.
        QVERIFY(dtest::run_in_loop([&] {
            MongoClient client = this->client();
            Database db = client[database()];
            for (int round = 0; round < 2; ++round)
                for (int i = 0; i < 20; ++i)
                    db["c" + std::to_string(i)].insert({{"_id", round}, {"i", i}});
            for (int i = 0; i < 20; ++i) {
                const std::vector<Document> docs = db["c" + std::to_string(i)].find().all();
                QCOMPARE(docs.size(), std::size_t(2));
                QCOMPARE(docs[1]["i"].as_int(), std::int64_t(i));
            }
        }));
    }

    void duplicate_key_is_recognisable()
    {
        QVERIFY(dtest::run_in_loop([&] {
            MongoClient client = this->client();
            Collection users = client[database()]["users"];
            QCOMPARE(users.create_index({{"email", 1}}, true), std::string("email_1"));
            users.insert({{"email", "a@example.org"}});
            try {
                users.insert({{"email", "a@example.org"}});
                QFAIL("a duplicate was inserted");
            } catch (const MongoError &e) {
                QVERIFY2(e.is_duplicate_key(), e.what());
                QCOMPARE(e.server_code(), 11000);
            }
            // The client stays usable after a server's error.
            QCOMPARE(users.count_documents(), std::int64_t(1));
            try {
                client.command(database(), {{"noSuchCommand", 1}});
                QFAIL("an unknown command succeeded");
            } catch (const MongoError &e) {
                QVERIFY(e.server_code() != 0);
                QVERIFY(!e.is_duplicate_key());
            }
        }));
    }

    void find_one_count_update_delete()
    {
        QVERIFY(dtest::run_in_loop([&] {
            MongoClient client = this->client();
            Collection c = client.database(database()).collection("items");
            c.insert(std::vector<Document>{{{"_id", 1}, {"n", 1}, {"kind", "a"}},
                                           {{"_id", 2}, {"n", 2}, {"kind", "b"}},
                                           {{"_id", 3}, {"n", 3}, {"kind", "a"}}});
            QCOMPARE((*c.find_one({{"_id", 2}}))["kind"].as_string(), std::string("b"));
            QVERIFY(!c.find_one({{"_id", 9}}));
            QCOMPARE(c.count_documents({{"kind", "a"}}), std::int64_t(2));
            QCOMPARE(c.count_documents({}, 1, 1), std::int64_t(1));
            QCOMPARE(c.update_many({{"kind", "a"}}, {{"$inc", Document{{"n", 10}}}}).modified,
                     std::int64_t(2));
            QCOMPARE((*c.find_one({{"_id", 3}}))["n"].as_int(), std::int64_t(13));
            QCOMPARE(c.update_one({{"_id", 7}}, {{"$set", Document{{"n", 7}}}}, true)
                         .upserted_id->as_int(),
                     std::int64_t(7));
            QVERIFY_THROWS_EXCEPTION(diesel::Error,
                                     c.update({}, {{"n", 0}}, {.upsert = false, .multi = true}));
            QCOMPARE(c.delete_one({{"kind", "a"}}), std::int64_t(1));
            QCOMPARE(c.count_documents(), std::int64_t(3));
        }));
    }

    void aggregate_groups()
    {
        QVERIFY(dtest::run_in_loop([&] {
            MongoClient client = this->client();
            Collection langs = client[database()]["langs"];
            langs.insert(std::vector<Document>{{{"language", "Python"}, {"type", "imperative"}},
                                               {{"language", "Haskell"}, {"type", "functional"}},
                                               {{"language", "C"}, {"type", "imperative"}}});
            std::vector<Document> groups =
                langs
                    .aggregate(
                        {{{"$group", Document{{"_id", "$type"}, {"n", Document{{"$sum", 1}}}}}},
                         {{"$sort", Document{{"_id", 1}}}}})
                    .all();
            QCOMPARE(groups.size(), std::size_t(2));
            QCOMPARE(groups[0]["_id"].as_string(), std::string("functional"));
            QCOMPARE(groups[0]["n"].as_int(), std::int64_t(1));
            QCOMPARE(groups[1]["n"].as_int(), std::int64_t(2));
        }));
    }

    void listings_and_drops()
    {
        QVERIFY(dtest::run_in_loop([&] {
            MongoClient client = this->client();
            Database db = client[database()];
            db["one"].insert({{"a", 1}});
            db["two"].insert({{"a", 2}});
            std::vector<std::string> names = db.collection_names();
            std::sort(names.begin(), names.end());
            QVERIFY((names == std::vector<std::string>{"one", "two"}));
            std::vector<std::string> dbs = client.database_names();
            QVERIFY(std::find(dbs.begin(), dbs.end(), database()) != dbs.end());
            db["one"].drop();
            db["never"].drop(); // no error for a missing collection
            QVERIFY((db.collection_names() == std::vector<std::string>{"two"}));
            client.drop_database(database());
            dbs = client.database_names();
            QVERIFY(std::find(dbs.begin(), dbs.end(), database()) == dbs.end());
            QCOMPARE(client.command("admin", {{"ping", 1}})["ok"].as_double(), 1.0);
        }));
    }

    void uris()
    {
        QVERIFY(dtest::run_in_loop([&] {
            // A replica set of several hosts is accepted (the driver's topology handling); the
            // peer is a standalone, so it is reached through a single-host URI here.
            const MongoClient rs = MongoClient::from_uri(
                "mongodb://db1.example:27017,db2.example:27018/?replicaSet=rs0");
            QVERIFY(rs.uri().find("replicaset=rs0") != std::string::npos ||
                    rs.uri().find("replicaSet=rs0") != std::string::npos);
            QVERIFY_THROWS_EXCEPTION(MongoError,
                                     MongoClient::from_uri("mongodb+srv://cluster.example/"));
            QVERIFY_THROWS_EXCEPTION(MongoError, MongoClient::from_uri("http://nope"));
            MongoClient direct = MongoClient::from_uri(m_peer->uri() + "?appname=tests", options());
            QCOMPARE(direct.command("admin", {{"ping", 1}})["ok"].as_double(), 1.0);
        }));
    }
};

QTEST_GUILESS_MAIN(TestMongoClient)
#include "tst_mongo_client.moc"
