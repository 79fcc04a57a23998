// SPDX-License-Identifier: MIT
// Script: a Lua script run by its SHA1, loaded when the server does not know it (yet).
#pragma once

#include <diesel/redis/args.h>
#include <diesel/redis/export.h>
#include <diesel/redis/reply.h>

#include <string>

namespace diesel::redis {

class RedisClient;

/// A Lua script that runs by EVALSHA, as redis-py's register_script(): SCRIPT LOAD on first use,
/// and again when the server answers NOSCRIPT (after a restart or SCRIPT FLUSH).
class DIESEL_REDIS_EXPORT Script
{
public:
    /// A script with this Lua source; nothing is sent until the first run.
    explicit Script(std::string source)
        : m_source(std::move(source))
    {}

    /// Runs the script on `client` with KEYS and ARGV: suspends the calling Loop until the
    /// result came. Throws RedisError for errors the script raises.
    Reply operator()(RedisClient &client, const Args &keys = {}, const Args &args = {});
    /// The Lua source.
    const std::string &source() const noexcept { return m_source; }
    /// The SHA1 the server gave it; empty before the first run.
    const std::string &sha1() const noexcept { return m_sha1; }

private:
    std::string m_source;
    std::string m_sha1;
};

} // namespace diesel::redis
