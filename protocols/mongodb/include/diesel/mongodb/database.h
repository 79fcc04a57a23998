// SPDX-License-Identifier: MIT
// Database: a named database of a MongoClient (a handle: making one does no I/O).
#pragma once

#include <diesel/mongodb/collection.h>
#include <diesel/mongodb/document.h>
#include <diesel/mongodb/export.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::mongodb {

namespace detail {
struct Shared;
}

/// A database. Calls suspend the calling Loop and throw as MongoClient's do.
class DIESEL_MONGODB_EXPORT Database
{
public:
    /// The collection `name` (no I/O): db["coll"].
    Collection operator[](std::string_view name) const { return collection(name); }
    /// The same as operator[].
    Collection collection(std::string_view name) const;
    /// Drops the database.
    void drop();
    /// listCollections: one entry ({name, type, options, ...}) per collection.
    std::vector<Document> list_collections();
    /// The names of list_collections().
    std::vector<std::string> collection_names();
    /// Runs `command` on this database; returns the server's reply.
    Document command(const Document &command);
    /// The database's name.
    const std::string &name() const noexcept { return m_name; }

private:
    friend class MongoClient;
    Database(std::shared_ptr<detail::Shared> shared, std::string name) noexcept;
    std::shared_ptr<detail::Shared> m_shared;
    std::string m_name;
};

} // namespace diesel::mongodb
