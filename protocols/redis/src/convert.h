// SPDX-License-Identifier: MIT
// Reply -> typed result conversions for the command families. Every converter turns the
// "QUEUED" status (inside MULTI, or from a Pipeline) into an empty value.
#pragma once

#include <diesel/redis/reply.h>
#include <diesel/redis/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace diesel::redis::detail {

// Throws RedisProtocolError: the reply `r` is not what the command returns.
[[noreturn]] void throw_unexpected(const Reply &r, const char *wanted);
// A cursor or count sent as a bulk string.
std::uint64_t parse_u64(const Reply &r);

void to_ok(Reply &&r);
long long to_int(Reply &&r);
std::optional<long long> to_opt_int(Reply &&r);
bool to_bool(Reply &&r);
double to_double(Reply &&r);
std::optional<double> to_opt_double(Reply &&r);
std::string to_string(Reply &&r);
std::optional<std::string> to_opt_string(Reply &&r);
std::vector<std::string> to_strings(Reply &&r);
std::vector<std::optional<std::string>> to_opt_strings(Reply &&r);
std::unordered_set<std::string> to_set(Reply &&r);
std::unordered_map<std::string, std::string> to_map(Reply &&r);
std::vector<std::pair<std::string, std::string>> to_pairs(Reply &&r);
std::vector<ScoredMember> to_scored(Reply &&r);
std::vector<std::optional<double>> to_opt_doubles(Reply &&r);
std::vector<bool> to_bools(Reply &&r);
std::vector<long long> to_ints(Reply &&r);
std::optional<KeyValue> to_key_value(Reply &&r);
std::optional<KeyValues> to_key_values(Reply &&r);
std::optional<KeyedMember> to_keyed_member(Reply &&r);
StreamEntry to_stream_entry(Reply &&r);
std::vector<StreamEntry> to_stream_entries(Reply &&r);
std::vector<StreamMessages> to_stream_messages(Reply &&r);
// A SCAN-family page whose items are converted by `items`.
template<class T, class F>
ScanResult<T> to_scan(Reply &&r, F &&items)
{
    ScanResult<T> result;
    if (r.is_queued())
        return result;
    auto &e = r.elements();
    if (e.size() != 2)
        throw_unexpected(r, "a [cursor, items] pair");
    result.cursor = parse_u64(e[0]);
    result.items = items(std::move(e[1]));
    return result;
}

} // namespace diesel::redis::detail
