// SPDX-License-Identifier: MIT
#include "bson_value.h"
#include "shared.h"

#include <diesel/mongodb/client.h>

namespace diesel::mongodb {

namespace detail {

Shared::Shared(std::string_view uri, MongoOptions options)
    : settings(uri, std::move(options))
    , pool([this] { return std::make_unique<Driver>(settings); }, [](Driver &) {},
           settings.options.pool_size, settings.options.pool_max, std::nullopt, settings.label)
{}

namespace {

// The documents of the array `key` of `reply`.
std::vector<Document> documents_in(const Document &reply, std::string_view key)
{
    std::vector<Document> out;
    if (std::optional<Value> list = reply.get(key); list && list->type() == Value::Type::List)
        for (const Value &v : list->as_array())
            if (v.type() == Value::Type::Nested)
                out.push_back(v.as_document());
    return out;
}

std::vector<std::string> names_of(const std::vector<Document> &entries)
{
    std::vector<std::string> out;
    for (const Document &d : entries)
        if (std::optional<Value> name = d.get("name"); name && name->type() == Value::Type::String)
            out.push_back(name->as_string());
    return out;
}

} // namespace

Document run_command(Shared &shared, const std::string &db, const Document &command)
{
    Document reply;
    shared.run([&](Driver &driver, bson_error_t *error) {
        Reply r;
        const bool ok = mongoc_client_command_simple(driver.client(), db.c_str(), command.bson(),
                                                     nullptr, &r.bson, error);
        reply = Document::copy_of(&r.bson);
        return ok;
    });
    return reply;
}

} // namespace detail

MongoClient::MongoClient(std::string host, std::uint16_t port, MongoOptions options)
    : m_shared(std::make_shared<detail::Shared>(
          "mongodb://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
              std::to_string(port) + "/",
          std::move(options)))
{}

MongoClient::MongoClient(std::shared_ptr<detail::Shared> shared) noexcept
    : m_shared(std::move(shared))
{}

MongoClient MongoClient::from_uri(std::string_view uri, MongoOptions options)
{
    return MongoClient(std::make_shared<detail::Shared>(uri, std::move(options)));
}

Database MongoClient::database(std::string_view name) const
{
    return Database(m_shared, std::string(name));
}

void MongoClient::drop_database(std::string_view name)
{
    database(name).drop();
}

std::vector<Document> MongoClient::list_databases()
{
    return detail::documents_in(command("admin", {{"listDatabases", 1}}), "databases");
}

std::vector<std::string> MongoClient::database_names()
{
    return detail::names_of(list_databases());
}

Document MongoClient::command(std::string_view db, const Document &command)
{
    return detail::run_command(*m_shared, std::string(db), command);
}

const std::string &MongoClient::uri() const noexcept
{
    return m_shared->settings.uri_text;
}

PoolStats MongoClient::pool_stats() const noexcept
{
    return m_shared->pool.stats();
}

Database::Database(std::shared_ptr<detail::Shared> shared, std::string name) noexcept
    : m_shared(std::move(shared))
    , m_name(std::move(name))
{}

Collection Database::collection(std::string_view name) const
{
    return Collection(m_shared, m_name, std::string(name));
}

void Database::drop()
{
    m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
        detail::DatabaseHandle db(mongoc_client_get_database(driver.client(), m_name.c_str()));
        return mongoc_database_drop_with_opts(db.get(), nullptr, error);
    });
}

std::vector<Document> Database::list_collections()
{
    std::vector<Document> out;
    m_shared->run([&](detail::Driver &driver, bson_error_t *error) {
        detail::DatabaseHandle db(mongoc_client_get_database(driver.client(), m_name.c_str()));
        detail::CursorHandle cursor(mongoc_database_find_collections_with_opts(db.get(), nullptr));
        const bson_t *doc = nullptr;
        while (mongoc_cursor_next(cursor.get(), &doc))
            out.push_back(Document::copy_of(doc));
        return !mongoc_cursor_error(cursor.get(), error);
    });
    return out;
}

std::vector<std::string> Database::collection_names()
{
    return detail::names_of(list_collections());
}

Document Database::command(const Document &command)
{
    return detail::run_command(*m_shared, m_name, command);
}

} // namespace diesel::mongodb
