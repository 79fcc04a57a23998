// SPDX-License-Identifier: MIT
// Driver: one mongoc_client_t (single-threaded) whose streams are core's connections, lent to
// one Loop at a time by MongoClient's pool. It records what the transport threw while the
// driver was running (C code cannot carry exceptions) and turns a failed call into an exception.
#pragma once

#include <diesel/core/tls.h>
#include <diesel/mongodb/client.h>

#include <mongoc/mongoc.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diesel::mongodb::detail {

/// Frees driver handles (collections, databases, cursors) with their destroy function.
template<class T, void (*Destroy)(T *)>
struct Freer
{
    void operator()(T *p) const noexcept { Destroy(p); }
};
using CollectionHandle =
    std::unique_ptr<mongoc_collection_t, Freer<mongoc_collection_t, mongoc_collection_destroy>>;

/// What every driver client of one MongoClient shares: the prepared URI and the options.
struct Settings
{
    /// Parses and completes `uri`; throws MongoError.
    Settings(std::string_view uri, MongoOptions options);
    struct FreeUri
    {
        void operator()(mongoc_uri_t *u) const noexcept { mongoc_uri_destroy(u); }
    };
    std::unique_ptr<mongoc_uri_t, FreeUri> uri;
    std::string uri_text;
    MongoOptions options;
    std::optional<TlsContext> tls; // set when the URI asks for TLS
    std::string label;
    Seconds connect_timeout;
};

class Driver
{
public:
    explicit Driver(const Settings &settings);
    Driver(const Driver &) = delete;
    Driver &operator=(const Driver &) = delete;
    /// Destroys the driver's client without I/O (its goodbye commands fail at once).
    ~Driver();

    mongoc_client_t *client() const noexcept { return m_client.get(); }
    /// The collection `db`.`name` on this driver client, owned by the driver: made once and kept
    /// (making one copies the client's options and namespace, which costs more CPU than the
    /// request's I/O).
    mongoc_collection_t *collection(const std::string &db, const std::string &name);
    const Settings &settings() const noexcept { return m_settings; }
    /// False once a failure left the driver's view of the servers doubtful: the pool then makes
    /// a fresh driver client, whose first server selection scans at once instead of sleeping.
    bool is_connected() const noexcept { return !m_broken; }

    /// Runs one driver call `call(bson_error_t *) -> bool`; returns its failure as an exception
    /// to throw once the driver is back in the pool (nullptr on success).
    template<class Call>
    std::exception_ptr run(Call &&call) noexcept
    {
        m_recorded = nullptr;
        bson_error_t error{};
        bool ok = false;
        try {
            ok = call(&error);
        } catch (...) {
            m_broken = true;
            return std::current_exception();
        }
        return ok ? nullptr : failure(error);
    }

    /// From the streams: an exception the transport threw. Fatal ones (the Loop is cancelled)
    /// make every later I/O of this driver fail at once so that the driver unwinds quickly.
    void record(std::exception_ptr e) noexcept;
    /// Whether streams must fail without I/O (cancelled Loop, or closing).
    bool refuses_io() const noexcept { return m_fatal || m_closing; }
    /// Reads done by this driver's streams (Cursor::more() tells batches apart by it).
    std::uint64_t reads() const noexcept { return m_reads; }
    void count_read() noexcept { ++m_reads; }

private:
    std::exception_ptr failure(const bson_error_t &error) noexcept;
    struct FreeClient
    {
        void operator()(mongoc_client_t *c) const noexcept { mongoc_client_destroy(c); }
    };
    const Settings &m_settings;
    struct KeptCollection
    {
        std::string db;
        std::string name;
        CollectionHandle handle;
    };
    std::unique_ptr<mongoc_client_t, FreeClient> m_client;
    std::vector<KeptCollection> m_collections; // the most recently used last
    std::exception_ptr m_recorded;
    std::uint64_t m_reads = 0;
    bool m_fatal = false;
    bool m_broken = false;
    bool m_closing = false;
};

/// The driver's stream initiator: connects with a diesel Client (suspending the calling Loop).
mongoc_stream_t *initiate_stream(const mongoc_uri_t *uri, const mongoc_host_list_t *host,
                                 void *driver, bson_error_t *error);

} // namespace diesel::mongodb::detail
