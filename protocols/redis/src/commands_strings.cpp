// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/strings.h>

namespace diesel::redis {

using namespace detail;

namespace {
void add_set_options(Command &c, const SetOptions &o)
{
    if (o.ttl)
        c.add("PX").add(static_cast<long long>(o.ttl->count()));
    if (o.at)
        c.add("PXAT").add(epoch_ms(*o.at));
    c.flag(o.nx, "NX").flag(o.xx, "XX").flag(o.keepttl, "KEEPTTL");
}
} // namespace

long long StringCommands::append(std::string_view key, std::string_view value)
{
    return to_int(run({"APPEND", key, value}));
}

long long StringCommands::decr(std::string_view key)
{
    return to_int(run({"DECR", key}));
}

long long StringCommands::decrby(std::string_view key, long long by)
{
    return to_int(run({"DECRBY", key, Num(by)}));
}

std::optional<std::string> StringCommands::get(std::string_view key)
{
    return to_opt_string(run({"GET", key}));
}

std::optional<std::string> StringCommands::getdel(std::string_view key)
{
    return to_opt_string(run({"GETDEL", key}));
}

std::optional<std::string> StringCommands::getex(std::string_view key, const ExpiryOptions &expiry)
{
    Command c("GETEX");
    c.add(key);
    if (expiry.ttl)
        c.add("PX").add(static_cast<long long>(expiry.ttl->count()));
    if (expiry.at)
        c.add("PXAT").add(epoch_ms(*expiry.at));
    c.flag(expiry.persist, "PERSIST");
    return to_opt_string(run_command(c.span()));
}

std::string StringCommands::getrange(std::string_view key, long long start, long long end)
{
    return to_string(run({"GETRANGE", key, Num(start), Num(end)}));
}

std::optional<std::string> StringCommands::getset(std::string_view key, std::string_view value)
{
    return to_opt_string(run({"GETSET", key, value}));
}

long long StringCommands::incr(std::string_view key)
{
    return to_int(run({"INCR", key}));
}

long long StringCommands::incrby(std::string_view key, long long by)
{
    return to_int(run({"INCRBY", key, Num(by)}));
}

double StringCommands::incrbyfloat(std::string_view key, double by)
{
    return to_double(run({"INCRBYFLOAT", key, Num(by)}));
}

std::string StringCommands::lcs(std::string_view key1, std::string_view key2)
{
    return to_string(run({"LCS", key1, key2}));
}

long long StringCommands::lcs_len(std::string_view key1, std::string_view key2)
{
    return to_int(run({"LCS", key1, key2, "LEN"}));
}

std::vector<std::optional<std::string>> StringCommands::mget(const Args &keys)
{
    return to_opt_strings(run_command(with_keys("MGET", keys).span()));
}

void StringCommands::mset(const Pairs &key_values)
{
    Command c("MSET");
    c.add(key_values);
    to_ok(run_command(c.span()));
}

bool StringCommands::msetnx(const Pairs &key_values)
{
    Command c("MSETNX");
    c.add(key_values);
    return to_bool(run_command(c.span()));
}

void StringCommands::psetex(std::string_view key, std::chrono::milliseconds ttl,
                            std::string_view value)
{
    to_ok(run({"PSETEX", key, Num(static_cast<long long>(ttl.count())), value}));
}

bool StringCommands::set(std::string_view key, std::string_view value, const SetOptions &options)
{
    if (!options.ttl && !options.at && !options.nx && !options.xx && !options.keepttl)
        return to_bool(run({"SET", key, value})); // the common case without a vector
    Command c("SET");
    c.add(key).add(value);
    add_set_options(c, options);
    return to_bool(run_command(c.span()));
}

std::optional<std::string> StringCommands::set_get(std::string_view key, std::string_view value,
                                                   const SetOptions &options)
{
    Command c("SET");
    c.add(key).add(value);
    add_set_options(c, options);
    c.add("GET");
    return to_opt_string(run_command(c.span()));
}

void StringCommands::setex(std::string_view key, std::chrono::seconds ttl, std::string_view value)
{
    to_ok(run({"SETEX", key, Num(static_cast<long long>(ttl.count())), value}));
}

bool StringCommands::setnx(std::string_view key, std::string_view value)
{
    return to_bool(run({"SETNX", key, value}));
}

long long StringCommands::setrange(std::string_view key, long long offset, std::string_view value)
{
    return to_int(run({"SETRANGE", key, Num(offset), value}));
}

long long StringCommands::strlen(std::string_view key)
{
    return to_int(run({"STRLEN", key}));
}

} // namespace diesel::redis
