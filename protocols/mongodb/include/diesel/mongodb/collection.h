// SPDX-License-Identifier: MIT
// Collection: insert, find, update, delete, count, aggregate and indexes, as in PyMongo (and in
// the guide's diesel API: update(spec, doc, upsert, multi), delete(spec)).
#pragma once

#include <diesel/mongodb/cursor.h>
#include <diesel/mongodb/document.h>
#include <diesel/mongodb/export.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::mongodb {

namespace detail {
struct Shared;
}

/// What find() returns and in which order.
struct DIESEL_MONGODB_EXPORT FindOptions
{
    /// Fields to return ({"three": 1}); none: whole documents.
    std::optional<Document> projection{};
    /// Documents passed over first.
    std::int64_t skip = 0;
    /// At most this many documents; 0: no limit.
    std::int64_t limit = 0;
    /// {"x": 1} ascending, {"x": -1} descending.
    std::optional<Document> sort{};
    /// Documents per reply batch (0: the server's choice).
    std::int32_t batch_size = 0;
};

/// How update() applies.
struct DIESEL_MONGODB_EXPORT UpdateOptions
{
    /// Insert the document when nothing matches.
    bool upsert = false;
    /// Update every match, not just the first (operators only: a replacement is one document).
    bool multi = false;
};

/// What an update did.
struct DIESEL_MONGODB_EXPORT UpdateResult
{
    /// Documents matched by the filter, and changed by the update.
    std::int64_t matched = 0;
    std::int64_t modified = 0;
    /// The _id of the document an upsert inserted.
    std::optional<Value> upserted_id;
};

/// A collection of a database (a handle: making one does no I/O). Calls suspend the calling Loop
/// and throw as MongoClient's do; a write refused by a unique index throws MongoError whose
/// is_duplicate_key() is true.
class DIESEL_MONGODB_EXPORT Collection
{
public:
    /// Inserts `doc` (given an ObjectId _id when it has none); returns its _id.
    Value insert(const Document &doc);
    /// Inserts the documents in order in one command; returns their _ids.
    std::vector<Value> insert(const std::vector<Document> &docs);
    /// A cursor over the matches. No I/O until it is read: sort() may still be applied.
    Cursor find(const Document &filter = {}, FindOptions options = {});
    /// The first match, or nullopt.
    std::optional<Document> find_one(const Document &filter = {}, FindOptions options = {});
    /// Updates the first (multi: every) match of `filter`. An `update` whose keys are operators
    /// ("$set", "$inc", ...) modifies; any other replaces the whole document (not with multi).
    UpdateResult update(const Document &filter, const Document &update, UpdateOptions options = {});
    /// update() of the first match / of every match.
    UpdateResult update_one(const Document &filter, const Document &update, bool upsert = false);
    UpdateResult update_many(const Document &filter, const Document &update, bool upsert = false);
    /// Deletes the first match / every match; returns how many were deleted.
    std::int64_t delete_one(const Document &filter);
    std::int64_t delete_many(const Document &filter);
    /// Number of matches (skip and limit as in find()).
    std::int64_t count_documents(const Document &filter = {}, std::int64_t skip = 0,
                                 std::int64_t limit = 0);
    /// Runs an aggregation pipeline ({"$match": ...}, {"$group": ...}); a cursor over its output.
    Cursor aggregate(const std::vector<Document> &pipeline);
    /// Creates an index on `keys` ({"x": 1}); returns its name. A unique index refuses duplicates.
    std::string create_index(const Document &keys, bool unique = false);
    /// Drops the collection (no error when it does not exist).
    void drop();
    /// The collection's name and its database's.
    const std::string &name() const noexcept { return m_name; }
    const std::string &database_name() const noexcept { return m_db; }

private:
    friend class Database;
    Collection(std::shared_ptr<detail::Shared> shared, std::string db, std::string name) noexcept;
    std::shared_ptr<detail::Shared> m_shared;
    std::string m_db;
    std::string m_name;
};

} // namespace diesel::mongodb
