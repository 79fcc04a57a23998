// SPDX-License-Identifier: MIT
// The MongoDB client's exceptions. A lost connection raises core's diesel::ConnectionClosed, a
// reply later than the request timeout diesel::RequestTimeout, a server that cannot be reached
// what connecting raises (diesel::ClientConnectionError, diesel::ConnectTimeout).
#pragma once

#include <diesel/core/error.h>
#include <diesel/mongodb/export.h>

#include <cstdint>
#include <string>

namespace diesel::mongodb {

/// The server refused a command (server_code() is its code), or the driver refused a call
/// (server_code() is 0: a bad URI, no suitable server, an invalid document). what() is the
/// message.
class DIESEL_MONGODB_EXPORT MongoError : public Error
{
public:
    /// `domain` and `driver_code` are libmongoc's; `server_code` the server's (0: none).
    MongoError(const std::string &message, std::int32_t server_code, std::uint32_t domain = 0,
               std::uint32_t driver_code = 0);
    /// The server's error code (11000 for a duplicate key), 0 when the error is the driver's.
    std::int32_t server_code() const noexcept { return m_server_code; }
    /// libmongoc's error domain and code (mongoc_error_domain_t, mongoc_error_code_t).
    std::uint32_t domain() const noexcept { return m_domain; }
    std::uint32_t driver_code() const noexcept { return m_driver_code; }
    /// A unique index refused the write (codes 11000, 11001, 12582).
    bool is_duplicate_key() const noexcept;

private:
    std::int32_t m_server_code;
    std::uint32_t m_domain;
    std::uint32_t m_driver_code;
};

} // namespace diesel::mongodb
