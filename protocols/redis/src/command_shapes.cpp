// SPDX-License-Identifier: MIT
#include "command_shapes.h"

namespace diesel::redis::detail {

Num timeout_arg(Seconds timeout)
{
    return Num(timeout.count() < 0 ? 0.0 : timeout.count());
}

Command with_keys(std::string_view name, const Args &keys)
{
    Command c(name);
    c.add(keys);
    return c;
}

Command keyed(std::string_view name, std::string_view key, const Args &items)
{
    Command c(name);
    c.add(key).add(items);
    return c;
}

Command blocking_pop(std::string_view name, const Args &keys, Seconds timeout)
{
    Command c(name);
    c.add(keys).add(timeout_arg(timeout));
    return c;
}

void add_match_count(Command &c, const ScanOptions &options)
{
    if (!options.match.empty())
        c.add("MATCH").add(options.match);
    if (options.count > 0)
        c.add("COUNT").add(options.count);
}

Command key_scan(std::string_view name, std::string_view key, std::uint64_t cursor,
                 const ScanOptions &options)
{
    Command c(name);
    c.add(key).add(cursor);
    add_match_count(c, options);
    return c;
}

} // namespace diesel::redis::detail
