// SPDX-License-Identifier: MIT
#include "driver.h"

#include <diesel/core/error.h>
#include <diesel/mongodb/error.h>

#include <QLoggingCategory>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace diesel::mongodb::detail {

namespace {

// Collections a driver client keeps (an application rarely uses more at a time).
constexpr std::size_t kKeptCollections = 16;

Q_LOGGING_CATEGORY(lcMongo, "diesel.mongodb", QtInfoMsg)

// The driver's log goes to the diesel.mongodb category instead of stderr.
void log_handler(mongoc_log_level_t level, const char *domain, const char *message, void *)
{
    // A dropped driver client refuses its goodbye (endSessions) on purpose: see ~Driver().
    const bool goodbye = std::strstr(message, "\"endSessions\"") != nullptr;
    if (level <= MONGOC_LOG_LEVEL_WARNING && !goodbye)
        qCWarning(lcMongo, "%s: %s", domain, message);
    else if (level <= MONGOC_LOG_LEVEL_INFO && !goodbye)
        qCInfo(lcMongo, "%s: %s", domain, message);
    else
        qCDebug(lcMongo, "%s: %s", domain, message);
}

std::int32_t milliseconds(Seconds s)
{
    return std::int32_t(std::clamp(s.count() * 1000.0, 1.0, 2147483647.0));
}

// Server codes saying the server changed state (stepped down, shutting down): the driver then
// marks it unknown and would re-select it, so this driver client is replaced instead.
bool state_change(std::uint32_t code)
{
    switch (code) {
    case 91:
    case 189:
    case 10107:
    case 11600:
    case 11602:
    case 13435:
    case 13436:
        return true;
    default:
        return false;
    }
}

std::string host_list(const mongoc_uri_t *uri)
{
    std::string out;
    for (const mongoc_host_list_t *h = mongoc_uri_get_hosts(uri); h; h = h->next)
        out += (out.empty() ? "" : ",") + std::string(h->host_and_port);
    return out;
}

} // namespace

Settings::Settings(std::string_view text, MongoOptions opts)
    : options(std::move(opts))
{
    static std::once_flag init;
    std::call_once(init, [] {
        mongoc_init();
        mongoc_log_set_handler(log_handler, nullptr);
    });
    bson_error_t error{};
    const std::string s(text);
    uri.reset(mongoc_uri_new_with_error(s.c_str(), &error));
    if (!uri)
        throw MongoError(std::string("mongodb: invalid URI: ") + error.message, 0, error.domain,
                         error.code);
    if (mongoc_uri_get_srv_hostname(uri.get()))
        throw MongoError("mongodb: mongodb+srv:// is not supported (its DNS lookup would block "
                         "the thread): list the hosts instead",
                         0);
    mongoc_uri_t *u = uri.get();
    // One scan per server selection and no retry inside a call: the driver's other paths sleep
    // the thread between attempts. A failed call replaces the driver client; the next one
    // connects afresh.
    mongoc_uri_set_option_as_bool(u, MONGOC_URI_SERVERSELECTIONTRYONCE, true);
    mongoc_uri_set_option_as_bool(u, MONGOC_URI_RETRYREADS, false);
    mongoc_uri_set_option_as_bool(u, MONGOC_URI_RETRYWRITES, false);
    if (!mongoc_uri_has_option(u, MONGOC_URI_CONNECTTIMEOUTMS))
        mongoc_uri_set_option_as_int32(u, MONGOC_URI_CONNECTTIMEOUTMS,
                                       milliseconds(options.connect_timeout));
    if (!mongoc_uri_has_option(u, MONGOC_URI_SOCKETTIMEOUTMS))
        mongoc_uri_set_option_as_int32(u, MONGOC_URI_SOCKETTIMEOUTMS,
                                       milliseconds(options.request_timeout));
    connect_timeout =
        Seconds(mongoc_uri_get_option_as_int32(u, MONGOC_URI_CONNECTTIMEOUTMS, 10000) / 1000.0);
    if (mongoc_uri_get_tls(u)) {
        if (options.tls)
            tls = options.tls;
        else if (mongoc_uri_get_option_as_bool(u, MONGOC_URI_TLSALLOWINVALIDCERTIFICATES, false))
            tls = TlsContext::client(false);
        else
            tls = TlsContext::client(true,
                                     mongoc_uri_get_option_as_utf8(u, MONGOC_URI_TLSCAFILE, ""));
    }
    uri_text = mongoc_uri_get_string(u);
    label = options.label.empty() ? "mongodb " + host_list(u) : options.label;
}

Driver::Driver(const Settings &settings)
    : m_settings(settings)
{
    bson_error_t error{};
    m_client.reset(mongoc_client_new_from_uri_with_error(settings.uri.get(), &error));
    if (!m_client)
        throw MongoError(m_settings.label + ": " + error.message, 0, error.domain, error.code);
    mongoc_client_set_error_api(m_client.get(), MONGOC_ERROR_API_VERSION_2);
    mongoc_client_set_stream_initiator(m_client.get(), initiate_stream, this);
}

Driver::~Driver()
{
    // endSessions and the like would suspend the Loop that drops the driver: refuse them.
    m_closing = true;
    m_collections.clear(); // before the client they belong to
    m_client.reset();
}

mongoc_collection_t *Driver::collection(const std::string &db, const std::string &name)
{
    const auto kept =
        std::find_if(m_collections.begin(), m_collections.end(),
                     [&](const KeptCollection &c) { return c.name == name && c.db == db; });
    if (kept != m_collections.end()) {
        std::rotate(kept, kept + 1, m_collections.end());
        return m_collections.back().handle.get();
    }
    if (m_collections.size() == kKeptCollections)
        m_collections.erase(m_collections.begin());
    m_collections.push_back(
        {db, name,
         CollectionHandle(mongoc_client_get_collection(m_client.get(), db.c_str(), name.c_str()))});
    return m_collections.back().handle.get();
}

void Driver::record(std::exception_ptr e) noexcept
{
    bool fatal = false;
    try {
        std::rethrow_exception(e);
    } catch (const ConnectionClosed &) {
    } catch (const ClientConnectionError &) {
    } catch (const TlsError &) {
    } catch (const TimeoutError &) {
    } catch (...) {
        // LoopCancelled, ParentDied, NotInLoop: nothing more may suspend in this call.
        fatal = true;
    }
    if (fatal && !m_fatal) {
        m_fatal = true;
        m_recorded = e;
    } else if (!m_recorded) {
        m_recorded = e;
    }
}

std::exception_ptr Driver::failure(const bson_error_t &error) noexcept
{
    try {
        if (m_recorded) {
            m_broken = m_closing = true;
            return m_recorded;
        }
        const bool server =
            error.domain == MONGOC_ERROR_SERVER || error.domain == MONGOC_ERROR_WRITE_CONCERN;
        if (error.domain == MONGOC_ERROR_STREAM || error.domain == MONGOC_ERROR_SERVER_SELECTION ||
            error.domain == MONGOC_ERROR_PROTOCOL || (server && state_change(error.code)))
            m_broken = true;
        // A doubtful driver client is on its way out: its cursors die without a word to the
        // server (a killCursors to a stalled server would wait the request timeout again).
        m_closing = m_broken;
        const std::string what = m_settings.label + ": " + error.message;
        if (error.domain == MONGOC_ERROR_STREAM)
            return std::make_exception_ptr(ConnectionClosed(what));
        return std::make_exception_ptr(
            MongoError(what, server ? std::int32_t(error.code) : 0, error.domain, error.code));
    } catch (...) {
        return std::current_exception();
    }
}

} // namespace diesel::mongodb::detail
