// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/lists.h>

namespace diesel::redis {

using namespace detail;

namespace {
std::string_view end_word(ListEnd end)
{
    return end == ListEnd::Left ? "LEFT" : "RIGHT";
}
} // namespace

std::optional<std::string> ListCommands::blmove(std::string_view source,
                                                std::string_view destination, ListEnd from,
                                                ListEnd to, Seconds timeout)
{
    return to_opt_string(
        run({"BLMOVE", source, destination, end_word(from), end_word(to), timeout_arg(timeout)}));
}

std::optional<KeyValues> ListCommands::blmpop(Seconds timeout, const Args &keys, ListEnd from,
                                              long long count)
{
    Command c("BLMPOP");
    c.add(timeout_arg(timeout)).add(static_cast<long long>(keys.size())).add(keys);
    c.add(end_word(from)).add("COUNT").add(count);
    return to_key_values(run_command(c.span()));
}

std::optional<KeyValue> ListCommands::blpop(const Args &keys, Seconds timeout)
{
    return to_key_value(run_command(blocking_pop("BLPOP", keys, timeout).span()));
}

std::optional<KeyValue> ListCommands::brpop(const Args &keys, Seconds timeout)
{
    return to_key_value(run_command(blocking_pop("BRPOP", keys, timeout).span()));
}

std::optional<std::string> ListCommands::brpoplpush(std::string_view source,
                                                    std::string_view destination, Seconds timeout)
{
    return to_opt_string(run({"BRPOPLPUSH", source, destination, timeout_arg(timeout)}));
}

std::optional<std::string> ListCommands::lindex(std::string_view key, long long index)
{
    return to_opt_string(run({"LINDEX", key, Num(index)}));
}

long long ListCommands::linsert(std::string_view key, InsertWhere where, std::string_view pivot,
                                std::string_view element)
{
    return to_int(
        run({"LINSERT", key, where == InsertWhere::Before ? "BEFORE" : "AFTER", pivot, element}));
}

long long ListCommands::llen(std::string_view key)
{
    return to_int(run({"LLEN", key}));
}

std::optional<std::string>
ListCommands::lmove(std::string_view source, std::string_view destination, ListEnd from, ListEnd to)
{
    return to_opt_string(run({"LMOVE", source, destination, end_word(from), end_word(to)}));
}

std::optional<KeyValues> ListCommands::lmpop(const Args &keys, ListEnd from, long long count)
{
    Command c("LMPOP");
    c.add(static_cast<long long>(keys.size()))
        .add(keys)
        .add(end_word(from))
        .add("COUNT")
        .add(count);
    return to_key_values(run_command(c.span()));
}

std::optional<std::string> ListCommands::lpop(std::string_view key)
{
    return to_opt_string(run({"LPOP", key}));
}

std::vector<std::string> ListCommands::lpop(std::string_view key, long long count)
{
    return to_strings(run({"LPOP", key, Num(count)}));
}

std::optional<long long> ListCommands::lpos(std::string_view key, std::string_view element,
                                            long long rank)
{
    return to_opt_int(run({"LPOS", key, element, "RANK", Num(rank)}));
}

std::vector<long long> ListCommands::lpos_count(std::string_view key, std::string_view element,
                                                long long count, long long rank)
{
    return to_ints(run({"LPOS", key, element, "RANK", Num(rank), "COUNT", Num(count)}));
}

long long ListCommands::lpush(std::string_view key, const Args &values)
{
    return to_int(run_command(keyed("LPUSH", key, values).span()));
}

long long ListCommands::lpushx(std::string_view key, const Args &values)
{
    return to_int(run_command(keyed("LPUSHX", key, values).span()));
}

std::vector<std::string> ListCommands::lrange(std::string_view key, long long start, long long stop)
{
    return to_strings(run({"LRANGE", key, Num(start), Num(stop)}));
}

long long ListCommands::lrem(std::string_view key, long long count, std::string_view element)
{
    return to_int(run({"LREM", key, Num(count), element}));
}

void ListCommands::lset(std::string_view key, long long index, std::string_view element)
{
    to_ok(run({"LSET", key, Num(index), element}));
}

void ListCommands::ltrim(std::string_view key, long long start, long long stop)
{
    to_ok(run({"LTRIM", key, Num(start), Num(stop)}));
}

std::optional<std::string> ListCommands::rpop(std::string_view key)
{
    return to_opt_string(run({"RPOP", key}));
}

std::vector<std::string> ListCommands::rpop(std::string_view key, long long count)
{
    return to_strings(run({"RPOP", key, Num(count)}));
}

std::optional<std::string> ListCommands::rpoplpush(std::string_view source,
                                                   std::string_view destination)
{
    return to_opt_string(run({"RPOPLPUSH", source, destination}));
}

long long ListCommands::rpush(std::string_view key, const Args &values)
{
    return to_int(run_command(keyed("RPUSH", key, values).span()));
}

long long ListCommands::rpushx(std::string_view key, const Args &values)
{
    return to_int(run_command(keyed("RPUSHX", key, values).span()));
}

} // namespace diesel::redis
