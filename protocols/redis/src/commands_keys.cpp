// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/keys.h>

namespace diesel::redis {

using namespace detail;

namespace {
// NAME key amount [NX|XX|GT|LT]: EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT.
Command expiry(std::string_view name, std::string_view key, long long amount, ExpireIf when)
{
    Command c(name);
    c.add(key).add(amount);
    switch (when) {
    case ExpireIf::Always:
        break;
    case ExpireIf::Nx:
        c.add("NX");
        break;
    case ExpireIf::Xx:
        c.add("XX");
        break;
    case ExpireIf::Gt:
        c.add("GT");
        break;
    case ExpireIf::Lt:
        c.add("LT");
        break;
    }
    return c;
}

void add_sort_options(Command &c, const SortOptions &o)
{
    if (!o.by.empty())
        c.add("BY").add(o.by);
    if (o.limit)
        c.add("LIMIT").add(o.limit->first).add(o.limit->second);
    for (const std::string &pattern : o.get)
        c.add("GET").add(pattern);
    c.flag(o.desc, "DESC").flag(o.alpha, "ALPHA");
}

void add_scan_options(Command &c, const ScanOptions &o)
{
    add_match_count(c, o);
    if (!o.type.empty())
        c.add("TYPE").add(o.type);
}
} // namespace

bool KeyCommands::copy(std::string_view source, std::string_view destination, bool replace)
{
    Command c("COPY");
    c.add(source).add(destination).flag(replace, "REPLACE");
    return to_bool(run_command(c.span()));
}

long long KeyCommands::del_(const Args &keys)
{
    return to_int(run_command(with_keys("DEL", keys).span()));
}

std::optional<std::string> KeyCommands::dump(std::string_view key)
{
    return to_opt_string(run({"DUMP", key}));
}

long long KeyCommands::exists(const Args &keys)
{
    return to_int(run_command(with_keys("EXISTS", keys).span()));
}

bool KeyCommands::expire(std::string_view key, std::chrono::seconds ttl, ExpireIf when)
{
    return to_bool(run_command(expiry("EXPIRE", key, ttl.count(), when).span()));
}

bool KeyCommands::expireat(std::string_view key, std::chrono::system_clock::time_point at,
                           ExpireIf when)
{
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch());
    return to_bool(run_command(expiry("EXPIREAT", key, seconds.count(), when).span()));
}

long long KeyCommands::expiretime(std::string_view key)
{
    return to_int(run({"EXPIRETIME", key}));
}

std::vector<std::string> KeyCommands::keys(std::string_view pattern)
{
    return to_strings(run({"KEYS", pattern}));
}

bool KeyCommands::move(std::string_view key, int db)
{
    return to_bool(run({"MOVE", key, Num(db)}));
}

std::optional<std::string> KeyCommands::object_encoding(std::string_view key)
{
    return to_opt_string(run({"OBJECT", "ENCODING", key}));
}

std::optional<long long> KeyCommands::object_idletime(std::string_view key)
{
    return to_opt_int(run({"OBJECT", "IDLETIME", key}));
}

std::optional<long long> KeyCommands::object_refcount(std::string_view key)
{
    return to_opt_int(run({"OBJECT", "REFCOUNT", key}));
}

bool KeyCommands::persist(std::string_view key)
{
    return to_bool(run({"PERSIST", key}));
}

bool KeyCommands::pexpire(std::string_view key, std::chrono::milliseconds ttl, ExpireIf when)
{
    return to_bool(run_command(expiry("PEXPIRE", key, ttl.count(), when).span()));
}

bool KeyCommands::pexpireat(std::string_view key, std::chrono::system_clock::time_point at,
                            ExpireIf when)
{
    return to_bool(run_command(expiry("PEXPIREAT", key, epoch_ms(at), when).span()));
}

long long KeyCommands::pexpiretime(std::string_view key)
{
    return to_int(run({"PEXPIRETIME", key}));
}

long long KeyCommands::pttl(std::string_view key)
{
    return to_int(run({"PTTL", key}));
}

std::optional<std::string> KeyCommands::randomkey()
{
    return to_opt_string(run({"RANDOMKEY"}));
}

void KeyCommands::rename(std::string_view key, std::string_view newkey)
{
    to_ok(run({"RENAME", key, newkey}));
}

bool KeyCommands::renamenx(std::string_view key, std::string_view newkey)
{
    return to_bool(run({"RENAMENX", key, newkey}));
}

void KeyCommands::restore(std::string_view key, std::chrono::milliseconds ttl,
                          std::string_view serialized, bool replace)
{
    Command c("RESTORE");
    c.add(key).add(static_cast<long long>(ttl.count())).add(serialized).flag(replace, "REPLACE");
    to_ok(run_command(c.span()));
}

ScanResult<std::string> KeyCommands::scan(std::uint64_t cursor, const ScanOptions &options)
{
    Command c("SCAN");
    c.add(cursor);
    add_scan_options(c, options);
    return to_scan<std::string>(run_command(c.span()),
                                [](Reply &&items) { return to_strings(std::move(items)); });
}

std::vector<std::string> KeyCommands::scan_all(const ScanOptions &options)
{
    std::vector<std::string> keys;
    std::uint64_t cursor = 0;
    do {
        ScanResult<std::string> page = scan(cursor, options);
        keys.insert(keys.end(), std::make_move_iterator(page.items.begin()),
                    std::make_move_iterator(page.items.end()));
        cursor = page.cursor;
    } while (cursor != 0);
    return keys;
}

std::vector<std::string> KeyCommands::sort(std::string_view key, const SortOptions &options)
{
    Command c("SORT");
    c.add(key);
    add_sort_options(c, options);
    return to_strings(run_command(c.span()));
}

long long KeyCommands::sort_store(std::string_view key, std::string_view destination,
                                  const SortOptions &options)
{
    Command c("SORT");
    c.add(key);
    add_sort_options(c, options);
    c.add("STORE").add(destination);
    return to_int(run_command(c.span()));
}

long long KeyCommands::touch(const Args &keys)
{
    return to_int(run_command(with_keys("TOUCH", keys).span()));
}

long long KeyCommands::ttl(std::string_view key)
{
    return to_int(run({"TTL", key}));
}

std::string KeyCommands::type(std::string_view key)
{
    return to_string(run({"TYPE", key}));
}

long long KeyCommands::unlink(const Args &keys)
{
    return to_int(run_command(with_keys("UNLINK", keys).span()));
}

long long KeyCommands::wait(long long replicas, std::chrono::milliseconds timeout)
{
    return to_int(run({"WAIT", Num(replicas), Num(static_cast<long long>(timeout.count()))}));
}

} // namespace diesel::redis
