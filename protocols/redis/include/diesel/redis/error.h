// SPDX-License-Identifier: MIT
// The Redis client's exceptions. All derive from diesel::Error; a lost connection raises the
// core's diesel::ConnectionClosed.
#pragma once

#include <diesel/core/error.h>
#include <diesel/redis/export.h>

#include <string>
#include <string_view>

namespace diesel::redis {

/// The server answered with an error reply ("-ERR ...", "-WRONGTYPE ..."); what() is its text.
class DIESEL_REDIS_EXPORT RedisError : public Error
{
public:
    /// The server's error text, as what().
    explicit RedisError(const std::string &server_text);
    /// The error's first word: "ERR", "WRONGTYPE", "NOSCRIPT", "EXECABORT", ...
    std::string_view prefix() const noexcept;
};

/// The peer sent bytes that are not RESP2 (or nest deeper than hiredis's 7 levels), a reply past
/// one of RedisOptions' limits (max_array_count, max_bulk_length, max_reply_size; also when
/// memory ran out reading it), or a reply of a type the command cannot have. The connection is
/// closed: it cannot be resynchronised.
class DIESEL_REDIS_EXPORT RedisProtocolError : public Error
{
public:
    /// Takes the message: what was malformed and how the connection ended.
    using Error::Error;
};

/// A command's reply did not come within RedisOptions::command_timeout (plus a blocking
/// command's own timeout). The connection is dropped; the next command reconnects.
class DIESEL_REDIS_EXPORT RedisTimeout : public TimeoutError
{
public:
    /// Takes the message naming the command and the timeout.
    using TimeoutError::TimeoutError;
};

/// EXEC returned nil: a key under WATCH changed, so the transaction did not run.
class DIESEL_REDIS_EXPORT RedisTransactionError : public Error
{
public:
    /// Takes the message.
    using Error::Error;
};

/// A RedisLock could not be taken: another holder has the key.
class DIESEL_REDIS_EXPORT LockNotAcquired : public Error
{
public:
    /// Takes the message naming the key.
    using Error::Error;
};

} // namespace diesel::redis
