// SPDX-License-Identifier: MIT
#include "convert.h"

#include <diesel/redis/error.h>

#include <charconv>

namespace diesel::redis::detail {

void throw_unexpected(const Reply &r, const char *wanted)
{
    std::string shown = r.to_string();
    if (shown.size() > 80)
        shown = shown.substr(0, 77) + "...";
    throw RedisProtocolError("unexpected reply: wanted " + std::string(wanted) + ", got " +
                             std::string(redis::to_string(r.type())) + " " + shown);
}

std::uint64_t parse_u64(const Reply &r)
{
    const std::string &text = r.str();
    std::uint64_t value = 0;
    const char *end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end)
        throw_unexpected(r, "an unsigned number");
    return value;
}

void to_ok(Reply &&r)
{
    if (r.is_error())
        throw RedisError(r.str());
}

long long to_int(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return 0;
    return r.as_int();
}

std::optional<long long> to_opt_int(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return std::nullopt;
    return r.as_int();
}

bool to_bool(Reply &&r)
{
    if (r.is_queued())
        return false;
    return r.as_bool();
}

double to_double(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return 0;
    return r.as_double();
}

std::optional<double> to_opt_double(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return std::nullopt;
    return r.as_double();
}

std::string to_string(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return {};
    return std::move(r).as_string();
}

std::optional<std::string> to_opt_string(Reply &&r)
{
    if (r.is_queued())
        return std::nullopt;
    return std::move(r).as_optional_string();
}

std::vector<std::string> to_strings(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return {};
    return std::move(r).as_strings();
}

std::vector<std::optional<std::string>> to_opt_strings(Reply &&r)
{
    std::vector<std::optional<std::string>> out;
    if (r.is_queued() || r.is_nil())
        return out;
    auto &e = r.elements();
    out.reserve(e.size());
    for (Reply &item : e)
        out.push_back(std::move(item).as_optional_string());
    return out;
}

std::unordered_set<std::string> to_set(Reply &&r)
{
    std::unordered_set<std::string> out;
    if (r.is_queued() || r.is_nil())
        return out;
    auto &e = r.elements();
    out.reserve(e.size());
    for (Reply &item : e)
        out.insert(std::move(item).as_string());
    return out;
}

std::unordered_map<std::string, std::string> to_map(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return {};
    return std::move(r).as_map();
}

std::vector<std::pair<std::string, std::string>> to_pairs(Reply &&r)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (r.is_queued() || r.is_nil())
        return out;
    auto &e = r.elements();
    if (e.size() % 2 != 0)
        throw_unexpected(r, "an array of pairs");
    out.reserve(e.size() / 2);
    for (std::size_t i = 0; i + 1 < e.size(); i += 2)
        out.emplace_back(std::move(e[i]).as_string(),
                         e[i + 1].is_nil() ? std::string() : std::move(e[i + 1]).as_string());
    return out;
}

std::vector<ScoredMember> to_scored(Reply &&r)
{
    std::vector<ScoredMember> out;
    if (r.is_queued() || r.is_nil())
        return out;
    auto &e = r.elements();
    // Redis 7 answers some commands (ZRANDMEMBER, ZPOPMIN with RESP3) with [member, score]
    // pairs; RESP2 sends them flat. Accept both.
    if (!e.empty() && e.front().is_array()) {
        out.reserve(e.size());
        for (Reply &pair : e) {
            if (!pair.is_array() || pair.size() != 2)
                throw_unexpected(r, "an array of [member, score] pairs");
            // Two statements: the score is read before the member is moved out, whatever order
            // a compiler evaluates arguments in.
            const double score = pair[1].as_double();
            out.emplace_back(std::move(pair.elements()[0]).as_string(), score);
        }
        return out;
    }
    if (e.size() % 2 != 0)
        throw_unexpected(r, "an array of member, score pairs");
    out.reserve(e.size() / 2);
    for (std::size_t i = 0; i + 1 < e.size(); i += 2)
        out.emplace_back(std::move(e[i]).as_string(), e[i + 1].as_double());
    return out;
}

std::vector<std::optional<double>> to_opt_doubles(Reply &&r)
{
    std::vector<std::optional<double>> out;
    if (r.is_queued() || r.is_nil())
        return out;
    for (const Reply &item : r.elements())
        out.push_back(item.is_nil() ? std::nullopt : std::optional<double>(item.as_double()));
    return out;
}

std::vector<bool> to_bools(Reply &&r)
{
    std::vector<bool> out;
    if (r.is_queued() || r.is_nil())
        return out;
    for (const Reply &item : r.elements())
        out.push_back(item.as_bool());
    return out;
}

std::vector<long long> to_ints(Reply &&r)
{
    std::vector<long long> out;
    if (r.is_queued() || r.is_nil())
        return out;
    for (const Reply &item : r.elements())
        out.push_back(item.as_int());
    return out;
}

std::optional<KeyValue> to_key_value(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return std::nullopt;
    auto &e = r.elements();
    if (e.size() != 2)
        throw_unexpected(r, "a [key, value] pair");
    return KeyValue{std::move(e[0]).as_string(), std::move(e[1]).as_string()};
}

std::optional<KeyValues> to_key_values(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return std::nullopt;
    auto &e = r.elements();
    if (e.size() != 2)
        throw_unexpected(r, "a [key, values] pair");
    return KeyValues{std::move(e[0]).as_string(), std::move(e[1]).as_strings()};
}

std::optional<KeyedMember> to_keyed_member(Reply &&r)
{
    if (r.is_queued() || r.is_nil())
        return std::nullopt;
    auto &e = r.elements();
    if (e.size() != 3)
        throw_unexpected(r, "a [key, member, score] triple");
    return KeyedMember{std::move(e[0]).as_string(), std::move(e[1]).as_string(), e[2].as_double()};
}

StreamEntry to_stream_entry(Reply &&r)
{
    auto &e = r.elements();
    if (e.size() != 2)
        throw_unexpected(r, "a [id, fields] stream entry");
    StreamEntry entry;
    entry.id = std::move(e[0]).as_string();
    entry.fields = to_pairs(std::move(e[1]));
    return entry;
}

std::vector<StreamEntry> to_stream_entries(Reply &&r)
{
    std::vector<StreamEntry> out;
    if (r.is_queued() || r.is_nil())
        return out;
    auto &e = r.elements();
    out.reserve(e.size());
    for (Reply &item : e)
        if (!item.is_nil()) // XCLAIM lists deleted entries as nil
            out.push_back(to_stream_entry(std::move(item)));
    return out;
}

std::vector<StreamMessages> to_stream_messages(Reply &&r)
{
    std::vector<StreamMessages> out;
    if (r.is_queued() || r.is_nil())
        return out;
    for (Reply &stream : r.elements()) {
        auto &pair = stream.elements();
        if (pair.size() != 2)
            throw_unexpected(stream, "a [stream, entries] pair");
        out.push_back({std::move(pair[0]).as_string(), to_stream_entries(std::move(pair[1]))});
    }
    return out;
}

} // namespace diesel::redis::detail
