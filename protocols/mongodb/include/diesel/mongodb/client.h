// SPDX-License-Identifier: MIT
// MongoClient: the guide's PyMongo-like client on mongo-c-driver, whose sockets are core's
// connections, so a call suspends only the calling Loop.
//
//     diesel::mongodb::MongoClient d("localhost");
//     d.drop_database("dieselsample");
//     d["dieselsample"]["test"].insert({{"language", "C"}, {"type", "imperative"}});
//
// The driver's client (mongoc_client_t) is single-threaded: each call borrows one from a
// ConnectionPool for its duration (a Cursor for its lifetime), so Loops never share one mid-call.
#pragma once

#include <diesel/core/pool.h>
#include <diesel/core/tls.h>
#include <diesel/core/types.h>
#include <diesel/mongodb/database.h>
#include <diesel/mongodb/document.h>
#include <diesel/mongodb/error.h>
#include <diesel/mongodb/export.h>

#include <cstddef>
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

/// How a MongoClient connects and how long it waits. Options written in a URI win over these.
struct DIESEL_MONGODB_EXPORT MongoOptions
{
    /// Longest wait for a reply (the driver's socketTimeoutMS); past it the connection is dropped
    /// and the call throws diesel::RequestTimeout. The next call reconnects.
    Seconds request_timeout{30};
    /// Longest wait to connect and for the handshake's reply (connectTimeoutMS).
    Seconds connect_timeout{10};
    /// Driver clients kept idle, and lent at once at most (0: no limit; see ConnectionPool).
    std::size_t pool_size = 5;
    std::size_t pool_max = 0;
    /// The context of tls=true URIs; none: TlsContext::client() (verifying, system trust store).
    std::optional<TlsContext> tls;
    /// Shown in the workbench and in errors ("mongodb 127.0.0.1:27017").
    std::string label;
};

/// A client of a MongoDB server or replica set. Copies share one pool of driver clients; it may
/// be used from any Loop of the thread that created it. Every call that talks to the server
/// suspends the calling Loop and throws MongoError, ConnectionClosed, RequestTimeout or what
/// connecting throws (ClientConnectionError, ConnectTimeout).
class DIESEL_MONGODB_EXPORT MongoClient
{
public:
    /// A client of host:port (mongodb://host:port/). It connects on the first call.
    explicit MongoClient(std::string host = "localhost", std::uint16_t port = 27017,
                         MongoOptions options = {});
    /// A client from a connection string: several hosts, replicaSet=, tls=true, timeouts.
    /// Throws MongoError for a URI the driver refuses and for mongodb+srv:// (its DNS lookup
    /// would block the thread).
    static MongoClient from_uri(std::string_view uri, MongoOptions options = {});

    /// The database `name` (no I/O): client["db"]["coll"].
    Database operator[](std::string_view name) const { return database(name); }
    /// The same as operator[].
    Database database(std::string_view name) const;
    /// Suspends the calling Loop until the database `name` is dropped.
    void drop_database(std::string_view name);
    /// Suspends the calling Loop for listDatabases; returns its entries ({name, sizeOnDisk, ...}).
    std::vector<Document> list_databases();
    /// The names of list_databases().
    std::vector<std::string> database_names();
    /// Suspends the calling Loop for the command `command` on `db`; returns the server's reply.
    Document command(std::string_view db, const Document &command);
    /// The connection string in use (with the options this client adds).
    const std::string &uri() const noexcept;
    /// The pool of driver clients' counters.
    PoolStats pool_stats() const noexcept;

private:
    explicit MongoClient(std::shared_ptr<detail::Shared> shared) noexcept;
    std::shared_ptr<detail::Shared> m_shared;
};

} // namespace diesel::mongodb
