// SPDX-License-Identifier: MIT
// Checks the MongoDB test peer with mongo-c-driver on its own blocking sockets (no diesel), so
// that a handshake or framing mismatch shows up here rather than inside the diesel stream.
// Usage: c_driver_check PORT (with_peer.js starts the peer and passes its port). Exit 0: ok.
#include <mongoc/mongoc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

struct Free
{
    void operator()(mongoc_client_t *p) const { mongoc_client_destroy(p); }
    void operator()(mongoc_client_pool_t *p) const { mongoc_client_pool_destroy(p); }
    void operator()(mongoc_uri_t *p) const { mongoc_uri_destroy(p); }
    void operator()(mongoc_collection_t *p) const { mongoc_collection_destroy(p); }
    void operator()(mongoc_cursor_t *p) const { mongoc_cursor_destroy(p); }
};
template<class T>
using Owned = std::unique_ptr<T, Free>;

// An owned bson_t. Not unique_ptr<bson_t>: bson_t's alignment attribute is dropped (and warned
// about) when the type is a template argument.
class Doc
{
public:
    explicit Doc(bson_t *doc)
        : m_doc(doc)
    {}
    Doc(Doc &&other) noexcept
        : m_doc(std::exchange(other.m_doc, nullptr))
    {}
    Doc(const Doc &) = delete;
    Doc &operator=(const Doc &) = delete;
    Doc &operator=(Doc &&) = delete;
    ~Doc()
    {
        if (m_doc)
            bson_destroy(m_doc);
    }
    bson_t *get() const { return m_doc; }

private:
    bson_t *m_doc;
};

int failures = 0;

void expect(bool ok, const char *what, const bson_error_t *error = nullptr)
{
    if (ok)
        return;
    ++failures;
    std::fprintf(stderr, "FAIL %s%s%s\n", what, error ? ": " : "", error ? error->message : "");
}

// A reply's int32 or int64 field as a number; -1 when missing.
long long field(const bson_t *doc, const char *name)
{
    bson_iter_t it;
    return bson_iter_init_find(&it, doc, name) && BSON_ITER_HOLDS_NUMBER(&it)
               ? bson_iter_as_int64(&it)
               : -1;
}

void crud(mongoc_client_t *client)
{
    bson_error_t error;
    bson_t reply;
    Doc ping(BCON_NEW("ping", BCON_INT32(1)));
    expect(mongoc_client_command_simple(client, "admin", ping.get(), nullptr, &reply, &error),
           "ping", &error);
    bson_destroy(&reply);

    Owned<mongoc_collection_t> coll(mongoc_client_get_collection(client, "cdriver", "c"));
    // The driver sends the documents as an OP_MSG kind 1 sequence.
    constexpr int count = 250;
    std::vector<Doc> docs;
    const bson_t *raw[count];
    for (int i = 0; i < count; ++i) {
        docs.emplace_back(BCON_NEW("i", BCON_INT32(i), "big", BCON_INT64(5000000000LL + i)));
        raw[i] = docs.back().get();
    }
    expect(mongoc_collection_insert_many(coll.get(), raw, count, nullptr, &reply, &error),
           "insert_many", &error);
    expect(field(&reply, "insertedCount") == 250, "insertedCount 250");
    bson_destroy(&reply);

    // 240 documents in batches of 30: a first batch and seven getMores, in sort order, with
    // int64 values kept as int64.
    Doc filter(BCON_NEW("i", "{", "$gte", BCON_INT32(10), "}"));
    Doc opts(BCON_NEW("sort", "{", "i", BCON_INT32(-1), "}", "batchSize", BCON_INT32(30)));
    Owned<mongoc_cursor_t> cursor(
        mongoc_collection_find_with_opts(coll.get(), filter.get(), opts.get(), nullptr));
    const bson_t *doc = nullptr;
    int seen = 0;
    bool ordered = true;
    bool wide = true;
    while (mongoc_cursor_next(cursor.get(), &doc)) {
        ordered = ordered && field(doc, "i") == 249 - seen;
        bson_iter_t it;
        wide = wide && bson_iter_init_find(&it, doc, "big") && BSON_ITER_HOLDS_INT64(&it);
        ++seen;
    }
    expect(!mongoc_cursor_error(cursor.get(), &error), "cursor", &error);
    expect(seen == 240 && ordered, "find over several batches");
    expect(wide, "int64 round trip");

    Doc low(BCON_NEW("i", "{", "$lt", BCON_INT32(5), "}"));
    Doc inc(BCON_NEW("$inc", "{", "i", BCON_INT32(1000), "}"));
    expect(mongoc_collection_update_many(coll.get(), low.get(), inc.get(), nullptr, &reply, &error),
           "update_many", &error);
    expect(field(&reply, "matchedCount") == 5 && field(&reply, "modifiedCount") == 5,
           "update_many counts");
    bson_destroy(&reply);

    Doc fresh(BCON_NEW("name", BCON_UTF8("fresh")));
    Doc set(BCON_NEW("$set", "{", "v", BCON_INT32(7), "}"));
    Doc upsert(BCON_NEW("upsert", BCON_BOOL(true)));
    expect(mongoc_collection_update_one(coll.get(), fresh.get(), set.get(), upsert.get(), &reply,
                                        &error),
           "upsert", &error);
    expect(field(&reply, "upsertedCount") == 1, "upsertedCount 1");
    bson_destroy(&reply);

    Doc big(BCON_NEW("i", "{", "$gte", BCON_INT32(1000), "}"));
    expect(mongoc_collection_delete_many(coll.get(), big.get(), nullptr, &reply, &error),
           "delete_many", &error);
    expect(field(&reply, "deletedCount") == 5, "deletedCount 5");
    bson_destroy(&reply);
    Doc all(bson_new());
    expect(mongoc_collection_count_documents(coll.get(), all.get(), nullptr, nullptr, nullptr,
                                             &error) == 246,
           "count_documents 246", &error);

    Doc one(BCON_NEW("_id", BCON_UTF8("x")));
    expect(mongoc_collection_insert_one(coll.get(), one.get(), nullptr, nullptr, &error),
           "insert_one", &error);
    expect(!mongoc_collection_insert_one(coll.get(), one.get(), nullptr, nullptr, &error) &&
               error.code == 11000,
           "duplicate _id is error 11000");

    Doc unknown(BCON_NEW("noSuchCommand", BCON_INT32(1)));
    expect(
        !mongoc_client_command_simple(client, "admin", unknown.get(), nullptr, nullptr, &error) &&
            error.code == 59,
        "unknown command is error 59");
    expect(mongoc_collection_drop(coll.get(), &error), "drop", &error);
}

// A command on "__stall" is never answered: the driver's socket timeout ends it.
void stall(mongoc_client_t *client)
{
    Owned<mongoc_collection_t> coll(mongoc_client_get_collection(client, "cdriver", "__stall"));
    Doc all(bson_new());
    bson_error_t error;
    const auto n =
        mongoc_collection_count_documents(coll.get(), all.get(), nullptr, nullptr, nullptr, &error);
    expect(n < 0 && error.domain == MONGOC_ERROR_STREAM, "a stalled command times out");
}

// A pool monitors from a background thread with streaming (awaitable) hellos; commands keep
// working across several heartbeats.
void pooled(const std::string &port)
{
    const std::string text = "mongodb://127.0.0.1:" + port + "/?heartbeatFrequencyMS=500";
    Owned<mongoc_uri_t> uri(mongoc_uri_new(text.c_str()));
    Owned<mongoc_client_pool_t> pool(mongoc_client_pool_new(uri.get()));
    for (int round = 0; round < 3; ++round) {
        mongoc_client_t *client = mongoc_client_pool_pop(pool.get());
        Doc ping(BCON_NEW("ping", BCON_INT32(1)));
        bson_error_t error;
        expect(mongoc_client_command_simple(client, "admin", ping.get(), nullptr, nullptr, &error),
               "pooled ping", &error);
        mongoc_client_pool_push(pool.get(), client);
        // Longer than the heartbeat: a streamed hello arrives meanwhile.
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: c_driver_check PORT\n");
        return 2;
    }
    mongoc_init();
    {
        const std::string text = std::string("mongodb://127.0.0.1:") + argv[1] +
                                 "/?serverSelectionTimeoutMS=5000&socketTimeoutMS=1000";
        Owned<mongoc_client_t> client(mongoc_client_new(text.c_str()));
        expect(client != nullptr, "client");
        if (client) {
            crud(client.get());
            stall(client.get());
        }
        pooled(argv[1]);
    }
    mongoc_cleanup();
    if (failures == 0)
        std::puts("mongo peer c driver check: ok");
    return failures == 0 ? 0 : 1;
}
