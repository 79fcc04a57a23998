// SPDX-License-Identifier: MIT
// diesel's own MongoDB suite (tests/protocol/test_mongodb.py), case by case, against the peer.
#include "dieseltest.h"
#include "mongo_suite.h"

#include <diesel/mongodb/client.h>

#include <QTest>

#include <algorithm>
#include <set>

using namespace diesel::mongodb;

namespace {

// diesel's filt(): the document without its _id.
Document filt(const Document &d)
{
    Document out;
    for (const std::string &key : d.keys())
        if (key != "_id")
            out.append(key, d[key]);
    return out;
}

std::vector<Document> filt(const std::vector<Document> &docs)
{
    std::vector<Document> out;
    for (const Document &d : docs)
        out.push_back(filt(d));
    return out;
}

std::vector<std::string> json_of(const std::vector<Document> &docs)
{
    std::vector<std::string> out;
    for (const Document &d : docs)
        out.push_back(d.to_json());
    return out;
}

} // namespace

class TestMongoCollection : public dtest::MongoSuite
{
    Q_OBJECT

    // diesel's harness: a client, the test's database dropped first.
    template<class Body>
    void with_db(Body body)
    {
        QVERIFY(dtest::run_in_loop([&] {
            MongoClient client = this->client();
            client.drop_database(database());
            body(client[database()]);
        }));
    }

    // 500 documents {x: 0..499} inserted one by one, as diesel's cases do.
    static void insert_500(Collection c)
    {
        for (int x = 0; x < 500; ++x)
            c.insert({{"x", x}});
    }

private Q_SLOTS:
    void empty()
    {
        with_db([](Database db) {
            QVERIFY(db["cempty"].find().all().empty());
            QVERIFY(!db["cempty"].find().one());
        });
    }

    void insert()
    {
        with_db([](Database db) {
            const Value id = db["ionly"].insert({{"one", "two"}});
            QCOMPARE(int(id.type()), int(Value::Type::Oid));
            QCOMPARE(db["ionly"].find().one()->to_json(),
                     (Document{{"_id", id}, {"one", "two"}}).to_json());
        });
    }

    void insert_many()
    {
        with_db([](Database db) {
            std::vector<Document> inp = {{{"one", "two"}}, {{"three", "four"}}};
            QCOMPARE(db["imult"].insert(inp).size(), std::size_t(2));
            std::vector<std::string> all = json_of(filt(db["imult"].find().all()));
            std::vector<std::string> want = json_of(inp);
            std::sort(all.begin(), all.end());
            std::sort(want.begin(), want.end());
            QVERIFY(all == want);
        });
    }

    void update_basic()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}, {"three", "four"}};
            db["up1"].insert(d);
            QVERIFY(filt(*db["up1"].find().one()) == d);
            db["up1"].update({{"one", "two"}}, {{"three", "five"}});
            const Document updated = filt(*db["up1"].find().one());
            QVERIFY(!updated.contains("one"));
            QCOMPARE(updated["three"].as_string(), std::string("five"));
        });
    }

    void update_set()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}, {"three", "four"}};
            db["up2"].insert(d);
            QVERIFY(filt(*db["up2"].find().one()) == d);
            db["up2"].update({{"one", "two"}}, {{"$set", Document{{"three", "five"}}}});
            const Document updated = filt(*db["up2"].find().one());
            QCOMPARE(updated["one"].as_string(), std::string("two"));
            QCOMPARE(updated["three"].as_string(), std::string("five"));
        });
    }

    void update_not_multi()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}, {"three", "four"}};
            db["up3"].insert(d);
            db["up3"].insert(d);
            const UpdateResult r =
                db["up3"].update({{"one", "two"}}, {{"$set", Document{{"three", "five"}}}});
            QCOMPARE(r.matched, std::int64_t(1));
            std::set<std::string> threes;
            for (const Document &doc : db["up3"].find())
                threes.insert(doc["three"].as_string());
            QVERIFY((threes == std::set<std::string>{"four", "five"}));
        });
    }

    void update_multi()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}, {"three", "four"}};
            db["up4"].insert(d);
            db["up4"].insert(d);
            const UpdateResult r = db["up4"].update(
                {{"one", "two"}}, {{"$set", Document{{"three", "five"}}}}, {.multi = true});
            QCOMPARE(r.modified, std::int64_t(2));
            std::set<std::string> threes;
            for (const Document &doc : db["up4"].find())
                threes.insert(doc["three"].as_string());
            QVERIFY((threes == std::set<std::string>{"five"}));
        });
    }

    void update_miss()
    {
        with_db([](Database db) {
            db["up5"].insert({{"one", "two"}, {"three", "four"}});
            const std::vector<std::string> snap = json_of(db["up5"].find().all());
            const UpdateResult r = db["up5"].update(
                {{"one", "nottwo"}}, {{"$set", Document{{"three", "five"}}}}, {.multi = true});
            QCOMPARE(r.matched, std::int64_t(0));
            QVERIFY(snap == json_of(db["up5"].find().all()));
        });
    }

    void update_all()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}, {"three", "four"}};
            db["up6"].insert(d);
            db["up6"].insert(d);
            db["up6"].update({}, {{"$set", Document{{"three", "five"}}}}, {.multi = true});
            const std::vector<Document> all = db["up6"].find().all();
            QCOMPARE(all.size(), std::size_t(2));
            for (const Document &doc : all)
                QCOMPARE(doc["three"].as_string(), std::string("five"));
        });
    }

    void update_upsert()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}, {"three", "four"}};
            db["up7"].insert(d);
            db["up7"].insert(d);
            QCOMPARE(db["up7"].find().all().size(), std::size_t(2));
            const UpdateResult r =
                db["up7"].update({{"not", "there"}}, {{"this is", "good"}}, {.upsert = true});
            QVERIFY(r.upserted_id.has_value());
            QCOMPARE(db["up7"].find().all().size(), std::size_t(3));
            QCOMPARE(db["up7"].find({{"this is", "good"}}).all().size(), std::size_t(1));
        });
    }

    void delete_miss()
    {
        with_db([](Database db) {
            db["del1"].insert({{"one", "two"}});
            QCOMPARE(db["del1"].find().all().size(), std::size_t(1));
            QCOMPARE(db["del1"].delete_many({{"not", "me"}}), std::int64_t(0));
            QCOMPARE(db["del1"].find().all().size(), std::size_t(1));
        });
    }

    void delete_target()
    {
        with_db([](Database db) {
            db["del2"].insert({{"one", "two"}});
            db["del2"].insert({{"three", "four"}});
            QCOMPARE(db["del2"].find().all().size(), std::size_t(2));
            QCOMPARE(db["del2"].delete_many({{"one", "two"}}), std::int64_t(1));
            const std::vector<Document> left = db["del2"].find().all();
            QCOMPARE(left.size(), std::size_t(1));
            QVERIFY(left[0].contains("three"));
        });
    }

    void delete_all()
    {
        with_db([](Database db) {
            db["del3"].insert({{"one", "two"}});
            db["del3"].insert({{"three", "four"}});
            QCOMPARE(db["del3"].find().all().size(), std::size_t(2));
            QCOMPARE(db["del3"].delete_many({}), std::int64_t(2));
            QCOMPARE(db["del3"].find().all().size(), std::size_t(0));
        });
    }

    void query_basic()
    {
        with_db([](Database db) {
            const Document d{{"one", "two"}};
            db["onerec"].insert(d);
            QVERIFY(filt(db["onerec"].find().all()) == std::vector<Document>{d});
            QVERIFY(filt(*db["onerec"].find().one()) == d);
            int x = 0;
            for (const Document &r : db["onerec"].find()) {
                QVERIFY(filt(r) == d);
                ++x;
            }
            QCOMPARE(x, 1);
        });
    }

    void query_one()
    {
        with_db([](Database db) {
            db["q0"].insert(std::vector<Document>{{{"one", "two"}}, {{"three", "four"}}});
            QCOMPARE(db["q0"].find().all().size(), std::size_t(2));
            QCOMPARE(db["q0"].find({{"one", "two"}}).all().size(), std::size_t(1));
            QVERIFY_THROWS_EXCEPTION(diesel::Error, db["q0"].find().one());
        });
    }

    void query_miss()
    {
        with_db([](Database db) {
            db["q1"].insert({{"one", "two"}});
            QVERIFY(db["q1"].find({{"one", "nope"}}).all().empty());
        });
    }

    void query_subfields()
    {
        with_db([](Database db) {
            db["q2"].insert({{"one", "two"}, {"three", "four"}});
            const std::vector<Document> got =
                db["q2"].find({{"one", "two"}}, {.projection = Document{{"three", 1}}}).all();
            const std::vector<Document> want = {Document{{"three", "four"}}};
            QVERIFY(filt(got) == want);
        });
    }

    void deterministic_order_when_static()
    {
        with_db([](Database db) {
            insert_500(db["q3"]);
            const std::vector<std::string> snap = json_of(db["q3"].find().all());
            QCOMPARE(snap.size(), std::size_t(500));
            for (int i = 0; i < 100; ++i)
                QVERIFY(snap == json_of(db["q3"].find().all()));
        });
    }

    void skip()
    {
        with_db([](Database db) {
            insert_500(db["q4"]);
            const std::vector<std::string> snap = json_of(db["q4"].find().all());
            const std::vector<std::string> with_skip =
                json_of(db["q4"].find({}, {.skip = 250}).all());
            QVERIFY(std::vector<std::string>(snap.begin() + 250, snap.end()) == with_skip);
        });
    }

    void limit()
    {
        with_db([](Database db) {
            insert_500(db["q5"]);
            const std::vector<std::string> snap = json_of(db["q5"].find().all());
            const std::vector<std::string> with_limit =
                json_of(db["q5"].find({}, {.limit = 150}).all());
            QVERIFY(std::vector<std::string>(snap.begin(), snap.begin() + 150) == with_limit);
        });
    }

    void skip_limit()
    {
        with_db([](Database db) {
            insert_500(db["q6"]);
            const std::vector<std::string> snap = json_of(db["q6"].find().all());
            const std::vector<std::string> got =
                json_of(db["q6"].find({}, {.skip = 300, .limit = 150}).all());
            QVERIFY(std::vector<std::string>(snap.begin() + 300, snap.begin() + 450) == got);
        });
    }

    void cursor_count()
    {
        with_db([](Database db) {
            insert_500(db["c1"]);
            Cursor c = db["c1"].find();
            QCOMPARE(c.count(), std::int64_t(500));
            QCOMPARE(c.all().size(), std::size_t(500));
            Cursor d = db["c1"].find({}, {.skip = 100, .limit = 150});
            QCOMPARE(d.count(), std::int64_t(150));
            QCOMPARE(d.all().size(), std::size_t(150));
            QVERIFY_THROWS_EXCEPTION(diesel::Error, d.count()); // already read
        });
    }

    void cursor_sort()
    {
        with_db([](Database db) {
            insert_500(db["c2"]);
            std::vector<Document> snap = db["c2"].find().sort("x", 1).all();
            QCOMPARE(snap.size(), std::size_t(500));
            for (int x = 0; x < 500; ++x)
                QCOMPARE(snap[std::size_t(x)]["x"].as_int(), std::int64_t(x));
            snap = db["c2"].find().sort("x", -1).all();
            QCOMPARE(snap.size(), std::size_t(500));
            for (int x = 0; x < 500; ++x)
                QCOMPARE(snap[std::size_t(x)]["x"].as_int(), std::int64_t(499 - x));
        });
    }
};

QTEST_GUILESS_MAIN(TestMongoCollection)
#include "tst_mongo_collection.moc"
