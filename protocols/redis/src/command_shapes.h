// SPDX-License-Identifier: MIT
// Command shapes that several command families share: written once, so that the families agree
// on the order of the words.
#pragma once

#include "format.h"

#include <diesel/core/types.h>
#include <diesel/redis/args.h>
#include <diesel/redis/types.h>

#include <cstdint>
#include <string_view>

namespace diesel::redis::detail {

// The timeout of a blocking command. Redis 6 takes seconds with decimals and waits forever on 0,
// so a negative timeout is sent as 0.
Num timeout_arg(Seconds timeout);

// NAME key...: DEL, EXISTS, SINTER, ...
Command with_keys(std::string_view name, const Args &keys);

// NAME key item...: LPUSH, SADD, ZREM, HDEL, XDEL, ...
Command keyed(std::string_view name, std::string_view key, const Args &items);

// NAME key... timeout: BLPOP, BRPOP, BZPOPMIN, BZPOPMAX.
Command blocking_pop(std::string_view name, const Args &keys, Seconds timeout);

// Adds [MATCH pattern] [COUNT n], which every SCAN-family command takes.
void add_match_count(Command &c, const ScanOptions &options);

// NAME key cursor [MATCH pattern] [COUNT n]: SSCAN, HSCAN, ZSCAN. ScanOptions::type is SCAN's
// alone and is not sent.
Command key_scan(std::string_view name, std::string_view key, std::uint64_t cursor,
                 const ScanOptions &options);

} // namespace diesel::redis::detail
