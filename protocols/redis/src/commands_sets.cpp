// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/sets.h>

namespace diesel::redis {

using namespace detail;

long long SetCommands::sadd(std::string_view key, const Args &members)
{
    return to_int(run_command(keyed("SADD", key, members).span()));
}

long long SetCommands::scard(std::string_view key)
{
    return to_int(run({"SCARD", key}));
}

std::unordered_set<std::string> SetCommands::sdiff(const Args &keys)
{
    return to_set(run_command(with_keys("SDIFF", keys).span()));
}

long long SetCommands::sdiffstore(std::string_view destination, const Args &keys)
{
    return to_int(run_command(keyed("SDIFFSTORE", destination, keys).span()));
}

std::unordered_set<std::string> SetCommands::sinter(const Args &keys)
{
    return to_set(run_command(with_keys("SINTER", keys).span()));
}

long long SetCommands::sintercard(const Args &keys, long long limit)
{
    Command c("SINTERCARD");
    c.add(static_cast<long long>(keys.size())).add(keys);
    if (limit > 0)
        c.add("LIMIT").add(limit);
    return to_int(run_command(c.span()));
}

long long SetCommands::sinterstore(std::string_view destination, const Args &keys)
{
    return to_int(run_command(keyed("SINTERSTORE", destination, keys).span()));
}

bool SetCommands::sismember(std::string_view key, std::string_view member)
{
    return to_bool(run({"SISMEMBER", key, member}));
}

std::unordered_set<std::string> SetCommands::smembers(std::string_view key)
{
    return to_set(run({"SMEMBERS", key}));
}

std::vector<bool> SetCommands::smismember(std::string_view key, const Args &members)
{
    return to_bools(run_command(keyed("SMISMEMBER", key, members).span()));
}

bool SetCommands::smove(std::string_view source, std::string_view destination,
                        std::string_view member)
{
    return to_bool(run({"SMOVE", source, destination, member}));
}

std::optional<std::string> SetCommands::spop(std::string_view key)
{
    return to_opt_string(run({"SPOP", key}));
}

std::vector<std::string> SetCommands::spop(std::string_view key, long long count)
{
    return to_strings(run({"SPOP", key, Num(count)}));
}

std::optional<std::string> SetCommands::srandmember(std::string_view key)
{
    return to_opt_string(run({"SRANDMEMBER", key}));
}

std::vector<std::string> SetCommands::srandmember(std::string_view key, long long count)
{
    return to_strings(run({"SRANDMEMBER", key, Num(count)}));
}

long long SetCommands::srem(std::string_view key, const Args &members)
{
    return to_int(run_command(keyed("SREM", key, members).span()));
}

ScanResult<std::string> SetCommands::sscan(std::string_view key, std::uint64_t cursor,
                                           const ScanOptions &options)
{
    return to_scan<std::string>(run_command(key_scan("SSCAN", key, cursor, options).span()),
                                [](Reply &&items) { return to_strings(std::move(items)); });
}

std::unordered_set<std::string> SetCommands::sunion(const Args &keys)
{
    return to_set(run_command(with_keys("SUNION", keys).span()));
}

long long SetCommands::sunionstore(std::string_view destination, const Args &keys)
{
    return to_int(run_command(keyed("SUNIONSTORE", destination, keys).span()));
}

} // namespace diesel::redis
