// SPDX-License-Identifier: MIT
// Lua scripting: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO, SCRIPT LOAD/EXISTS/FLUSH/KILL.
#pragma once

#include <diesel/redis/commands/base.h>
#include <diesel/redis/export.h>

#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

/// The scripting commands. On a RedisClient each suspends the calling Loop until the reply came;
/// on a Pipeline or inside MULTI it is queued and returns an empty value. A script's result is
/// returned as a Reply since a script can return anything.
class DIESEL_REDIS_EXPORT ScriptingCommands : public detail::CommandSink
{
public:
    /// EVAL: runs a Lua script with KEYS and ARGV.
    Reply eval(std::string_view script, const Args &keys = {}, const Args &args = {});
    /// EVAL_RO: a read-only script (may run on a replica).
    Reply eval_ro(std::string_view script, const Args &keys = {}, const Args &args = {});
    /// EVALSHA: runs a loaded script by its SHA1 (RedisError "NOSCRIPT" when unknown).
    Reply evalsha(std::string_view sha1, const Args &keys = {}, const Args &args = {});
    /// EVALSHA_RO.
    Reply evalsha_ro(std::string_view sha1, const Args &keys = {}, const Args &args = {});
    /// SCRIPT EXISTS: whether each SHA1 is loaded.
    std::vector<bool> script_exists(const Args &sha1s);
    /// SCRIPT FLUSH: forgets every loaded script.
    void script_flush();
    /// SCRIPT KILL: stops the running read-only script.
    void script_kill();
    /// SCRIPT LOAD: loads a script; returns its SHA1 for evalsha().
    std::string script_load(std::string_view script);
};

} // namespace diesel::redis
