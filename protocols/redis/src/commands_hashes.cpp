// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/hashes.h>

namespace diesel::redis {

using namespace detail;

long long HashCommands::hdel(std::string_view key, const Args &fields)
{
    return to_int(run_command(keyed("HDEL", key, fields).span()));
}

bool HashCommands::hexists(std::string_view key, std::string_view field)
{
    return to_bool(run({"HEXISTS", key, field}));
}

std::optional<std::string> HashCommands::hget(std::string_view key, std::string_view field)
{
    return to_opt_string(run({"HGET", key, field}));
}

std::unordered_map<std::string, std::string> HashCommands::hgetall(std::string_view key)
{
    return to_map(run({"HGETALL", key}));
}

long long HashCommands::hincrby(std::string_view key, std::string_view field, long long by)
{
    return to_int(run({"HINCRBY", key, field, Num(by)}));
}

double HashCommands::hincrbyfloat(std::string_view key, std::string_view field, double by)
{
    return to_double(run({"HINCRBYFLOAT", key, field, Num(by)}));
}

std::vector<std::string> HashCommands::hkeys(std::string_view key)
{
    return to_strings(run({"HKEYS", key}));
}

long long HashCommands::hlen(std::string_view key)
{
    return to_int(run({"HLEN", key}));
}

std::vector<std::optional<std::string>> HashCommands::hmget(std::string_view key,
                                                            const Args &fields)
{
    return to_opt_strings(run_command(keyed("HMGET", key, fields).span()));
}

void HashCommands::hmset(std::string_view key, const Pairs &field_values)
{
    Command c("HMSET");
    c.add(key).add(field_values);
    to_ok(run_command(c.span()));
}

std::optional<std::string> HashCommands::hrandfield(std::string_view key)
{
    return to_opt_string(run({"HRANDFIELD", key}));
}

std::vector<std::string> HashCommands::hrandfield(std::string_view key, long long count)
{
    return to_strings(run({"HRANDFIELD", key, Num(count)}));
}

std::vector<std::pair<std::string, std::string>>
HashCommands::hrandfield_withvalues(std::string_view key, long long count)
{
    return to_pairs(run({"HRANDFIELD", key, Num(count), "WITHVALUES"}));
}

ScanResult<std::pair<std::string, std::string>>
HashCommands::hscan(std::string_view key, std::uint64_t cursor, const ScanOptions &options)
{
    return to_scan<std::pair<std::string, std::string>>(
        run_command(key_scan("HSCAN", key, cursor, options).span()),
        [](Reply &&items) { return to_pairs(std::move(items)); });
}

long long HashCommands::hset(std::string_view key, std::string_view field, std::string_view value)
{
    return to_int(run({"HSET", key, field, value}));
}

long long HashCommands::hset(std::string_view key, const Pairs &field_values)
{
    Command c("HSET");
    c.add(key).add(field_values);
    return to_int(run_command(c.span()));
}

bool HashCommands::hsetnx(std::string_view key, std::string_view field, std::string_view value)
{
    return to_bool(run({"HSETNX", key, field, value}));
}

long long HashCommands::hstrlen(std::string_view key, std::string_view field)
{
    return to_int(run({"HSTRLEN", key, field}));
}

std::vector<std::string> HashCommands::hvals(std::string_view key)
{
    return to_strings(run({"HVALS", key}));
}

} // namespace diesel::redis
