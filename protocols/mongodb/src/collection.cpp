// SPDX-License-Identifier: MIT
#include "bson_value.h"
#include "cursor_state.h"

#include <diesel/mongodb/collection.h>

namespace diesel::mongodb {

namespace {

std::int64_t count_in(const detail::Reply &reply, const char *key)
{
    bson_iter_t it;
    if (bson_iter_init_find(&it, &reply.bson, key) && BSON_ITER_HOLDS_NUMBER(&it))
        return bson_iter_as_int64(&it);
    return 0;
}

// When `doc` has no _id: a copy with an ObjectId _id first (what the server would add, known
// here so that insert() can return it). Otherwise nullopt, and `id` is its _id.
std::optional<Document> with_generated_id(const Document &doc, Value &id)
{
    if (std::optional<Value> existing = doc.get("_id")) {
        id = std::move(*existing);
        return std::nullopt;
    }
    id = ObjectId::generate();
    Document out{{"_id", id}};
    for (const std::string &key : doc.keys())
        out.append(key, doc[key]);
    return out;
}

// The driver's delete_one and delete_many take the same arguments.
using DeleteFn = bool (*)(mongoc_collection_t *, const bson_t *, const bson_t *, bson_t *,
                          bson_error_t *);

bool is_operator_update(const Document &update)
{
    const std::vector<std::string> keys = update.keys();
    return !keys.empty() && keys.front().starts_with('$');
}

// Runs a delete; returns the deleted count.
std::int64_t remove(detail::Shared &shared, const std::string &db, const std::string &name,
                    const Document &filter, DeleteFn fn)
{
    std::int64_t deleted = 0;
    shared.run([&](detail::Driver &driver, bson_error_t *error) {
        mongoc_collection_t *coll = driver.collection(db, name);
        detail::Reply reply;
        const bool ok = fn(coll, filter.bson(), nullptr, &reply.bson, error);
        deleted = count_in(reply, "deletedCount");
        return ok;
    });
    return deleted;
}

} // namespace

Collection::Collection(std::shared_ptr<detail::Shared> shared, std::string db,
                       std::string name) noexcept
    : m_shared(std::move(shared))
    , m_db(std::move(db))
    , m_name(std::move(name))
{}

Value Collection::insert(const Document &doc)
{
    Value id;
    const std::optional<Document> generated = with_generated_id(doc, id);
    const Document &full = generated ? *generated : doc;
    m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
        mongoc_collection_t *coll = driver.collection(m_db, m_name);
        return mongoc_collection_insert_one(coll, full.bson(), nullptr, nullptr, error);
    });
    return id;
}

std::vector<Value> Collection::insert(const std::vector<Document> &docs)
{
    std::vector<Value> ids(docs.size());
    if (docs.empty())
        return ids;
    std::vector<Document> generated;
    // bson_t's alignment attribute does not survive a template argument: keep void pointers.
    std::vector<const void *> pointers;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        std::optional<Document> with_id = with_generated_id(docs[i], ids[i]);
        if (with_id)
            generated.push_back(std::move(*with_id)); // its bson_t stays where it is
        pointers.push_back(with_id ? generated.back().bson() : docs[i].bson());
    }
    m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
        mongoc_collection_t *coll = driver.collection(m_db, m_name);
        return mongoc_collection_insert_many(coll,
                                             reinterpret_cast<const bson_t **>(pointers.data()),
                                             pointers.size(), nullptr, nullptr, error);
    });
    return ids;
}

Cursor Collection::find(const Document &filter, FindOptions options)
{
    auto state = std::make_unique<detail::CursorState>();
    state->shared = m_shared;
    state->db = m_db;
    state->collection = m_name;
    state->filter = filter;
    state->options = std::move(options);
    return Cursor(std::move(state));
}

std::optional<Document> Collection::find_one(const Document &filter, FindOptions options)
{
    options.limit = 1;
    return find(filter, std::move(options)).next();
}

UpdateResult Collection::update(const Document &filter, const Document &update,
                                UpdateOptions options)
{
    const bool operators = is_operator_update(update);
    if (!operators && options.multi)
        throw Error("mongodb: update(multi) needs update operators ($set, ...): a replacement "
                    "replaces one document");
    const Document opts{{"upsert", options.upsert}};
    UpdateResult result;
    m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
        mongoc_collection_t *coll = driver.collection(m_db, m_name);
        detail::Reply reply;
        bool ok = false;
        if (!operators)
            ok = mongoc_collection_replace_one(coll, filter.bson(), update.bson(), opts.bson(),
                                               &reply.bson, error);
        else if (options.multi)
            ok = mongoc_collection_update_many(coll, filter.bson(), update.bson(), opts.bson(),
                                               &reply.bson, error);
        else
            ok = mongoc_collection_update_one(coll, filter.bson(), update.bson(), opts.bson(),
                                              &reply.bson, error);
        result.matched = count_in(reply, "matchedCount");
        result.modified = count_in(reply, "modifiedCount");
        bson_iter_t it;
        if (bson_iter_init_find(&it, &reply.bson, "upsertedId"))
            result.upserted_id = detail::value_of(it);
        return ok;
    });
    return result;
}

UpdateResult Collection::update_one(const Document &filter, const Document &update, bool upsert)
{
    return this->update(filter, update, {.upsert = upsert, .multi = false});
}

UpdateResult Collection::update_many(const Document &filter, const Document &update, bool upsert)
{
    return this->update(filter, update, {.upsert = upsert, .multi = true});
}

std::int64_t Collection::delete_one(const Document &filter)
{
    return remove(*m_shared, m_db, m_name, filter, mongoc_collection_delete_one);
}

std::int64_t Collection::delete_many(const Document &filter)
{
    return remove(*m_shared, m_db, m_name, filter, mongoc_collection_delete_many);
}

std::int64_t Collection::count_documents(const Document &filter, std::int64_t skip,
                                         std::int64_t limit)
{
    return detail::count_matches(*m_shared, m_db, m_name, filter, skip, limit);
}

Cursor Collection::aggregate(const std::vector<Document> &pipeline)
{
    auto state = std::make_unique<detail::CursorState>();
    state->shared = m_shared;
    state->db = m_db;
    state->collection = m_name;
    state->pipeline = pipeline;
    return Cursor(std::move(state));
}

std::string Collection::create_index(const Document &keys, bool unique)
{
    std::string name;
    for (const std::string &key : keys.keys())
        name += (name.empty() ? "" : "_") + key + "_" + std::to_string(keys[key].as_int());
    Document index{{"key", keys}, {"name", name}};
    if (unique)
        index.append("unique", true);
    const Document command{{"createIndexes", m_name}, {"indexes", Array{index}}};
    m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
        detail::Reply reply;
        return mongoc_client_write_command_with_opts(driver.client(), m_db.c_str(), command.bson(),
                                                     nullptr, &reply.bson, error);
    });
    return name;
}

void Collection::drop()
{
    try {
        m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
            mongoc_collection_t *coll = driver.collection(m_db, m_name);
            return mongoc_collection_drop_with_opts(coll, nullptr, error);
        });
    } catch (const MongoError &e) {
        if (e.server_code() != 26) // NamespaceNotFound: already gone
            throw;
    }
}

} // namespace diesel::mongodb
