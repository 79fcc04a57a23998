// SPDX-License-Identifier: MIT
// The Riak client's exceptions. All derive from diesel::Error; a lost connection raises the core's
// diesel::ConnectionClosed, a request past its timeout diesel::RequestTimeout.
#pragma once

#include <diesel/core/error.h>
#include <diesel/riak/export.h>

#include <cstdint>
#include <string>

namespace diesel::riak {

/// Riak answered with an error response (RpbErrorResp); what() is its message. The connection
/// stays usable.
class DIESEL_RIAK_EXPORT RiakError : public Error
{
public:
    /// Riak's errcode and errmsg.
    RiakError(std::uint32_t code, const std::string &message);
    /// Riak's errcode (0 for most errors).
    std::uint32_t riak_code() const noexcept { return m_code; }
    /// Riak's errmsg, as what().
    std::string message() const { return what(); }

private:
    std::uint32_t m_code;
};

/// The peer sent what is not Riak PBC: a frame over RiakOptions::max_frame, an empty frame, an
/// unknown or unexpected message code, a message that does not parse. The connection is
/// dropped (it cannot be resynchronised); the next call reconnects.
class DIESEL_RIAK_EXPORT RiakProtocolError : public Error
{
public:
    /// Takes the message saying what was wrong.
    using Error::Error;
};

} // namespace diesel::riak
