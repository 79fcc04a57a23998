// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/streams.h>

namespace diesel::redis {

using namespace detail;

namespace {
void add_read_options(Command &c, const XReadOptions &o, bool group)
{
    if (o.count)
        c.add("COUNT").add(*o.count);
    if (o.block)
        c.add("BLOCK").add(static_cast<long long>(o.block->count()));
    if (group)
        c.flag(o.noack, "NOACK");
}

// STREAMS k1 k2 ... id1 id2 ...
void add_streams(Command &c, const Pairs &streams_ids)
{
    c.add("STREAMS");
    for (const auto &[stream, id] : streams_ids)
        c.add(stream);
    for (const auto &[stream, id] : streams_ids)
        c.add(id);
}

// NAME key first last [COUNT n]: XRANGE, and XREVRANGE with its bounds the other way round.
Command id_range(std::string_view name, std::string_view key, std::string_view first,
                 std::string_view last, std::optional<long long> count)
{
    Command c(name);
    c.add(key).add(first).add(last);
    if (count)
        c.add("COUNT").add(*count);
    return c;
}

long long ms(std::chrono::milliseconds d)
{
    return static_cast<long long>(d.count());
}
} // namespace

long long StreamCommands::xack(std::string_view key, std::string_view group, const Args &ids)
{
    Command c("XACK");
    c.add(key).add(group).add(ids);
    return to_int(run_command(c.span()));
}

std::string StreamCommands::xadd(std::string_view key, const Pairs &fields, std::string_view id,
                                 const XAddOptions &options)
{
    Command c("XADD");
    c.add(key).flag(options.nomkstream, "NOMKSTREAM");
    if (options.maxlen)
        c.add("MAXLEN").add(options.approximate ? "~" : "=").add(*options.maxlen);
    else if (!options.minid.empty())
        c.add("MINID").add(options.approximate ? "~" : "=").add(options.minid);
    c.add(id).add(fields);
    return to_string(run_command(c.span()));
}

AutoClaimResult StreamCommands::xautoclaim(std::string_view key, std::string_view group,
                                           std::string_view consumer,
                                           std::chrono::milliseconds min_idle,
                                           std::string_view start, long long count)
{
    Reply reply =
        run({"XAUTOCLAIM", key, group, consumer, Num(ms(min_idle)), start, "COUNT", Num(count)});
    AutoClaimResult result;
    if (reply.is_queued())
        return result;
    auto &e = reply.elements();
    if (e.size() < 2)
        throw_unexpected(reply, "[next id, entries, deleted ids]");
    result.next_id = std::move(e[0]).as_string();
    result.entries = to_stream_entries(std::move(e[1]));
    if (e.size() > 2)
        result.deleted = std::move(e[2]).as_strings();
    return result;
}

std::vector<StreamEntry> StreamCommands::xclaim(std::string_view key, std::string_view group,
                                                std::string_view consumer,
                                                std::chrono::milliseconds min_idle, const Args &ids)
{
    Command c("XCLAIM");
    c.add(key).add(group).add(consumer).add(ms(min_idle)).add(ids);
    return to_stream_entries(run_command(c.span()));
}

long long StreamCommands::xdel(std::string_view key, const Args &ids)
{
    return to_int(run_command(keyed("XDEL", key, ids).span()));
}

void StreamCommands::xgroup_create(std::string_view key, std::string_view group,
                                   std::string_view id, bool mkstream)
{
    Command c("XGROUP");
    c.add("CREATE").add(key).add(group).add(id).flag(mkstream, "MKSTREAM");
    to_ok(run_command(c.span()));
}

bool StreamCommands::xgroup_createconsumer(std::string_view key, std::string_view group,
                                           std::string_view consumer)
{
    return to_bool(run({"XGROUP", "CREATECONSUMER", key, group, consumer}));
}

long long StreamCommands::xgroup_delconsumer(std::string_view key, std::string_view group,
                                             std::string_view consumer)
{
    return to_int(run({"XGROUP", "DELCONSUMER", key, group, consumer}));
}

bool StreamCommands::xgroup_destroy(std::string_view key, std::string_view group)
{
    return to_bool(run({"XGROUP", "DESTROY", key, group}));
}

void StreamCommands::xgroup_setid(std::string_view key, std::string_view group, std::string_view id)
{
    to_ok(run({"XGROUP", "SETID", key, group, id}));
}

long long StreamCommands::xlen(std::string_view key)
{
    return to_int(run({"XLEN", key}));
}

PendingSummary StreamCommands::xpending(std::string_view key, std::string_view group)
{
    Reply reply = run({"XPENDING", key, group});
    PendingSummary summary;
    if (reply.is_queued())
        return summary;
    auto &e = reply.elements();
    if (e.size() != 4)
        throw_unexpected(reply, "[count, min id, max id, consumers]");
    summary.count = e[0].as_int();
    summary.min_id = to_string(std::move(e[1]));
    summary.max_id = to_string(std::move(e[2]));
    if (e[3].is_array())
        for (Reply &consumer : e[3].elements())
            summary.consumers.emplace_back(consumer[0].as_string(), consumer[1].as_int());
    return summary;
}

std::vector<PendingEntry>
StreamCommands::xpending_range(std::string_view key, std::string_view group, std::string_view start,
                               std::string_view end, long long count, std::string_view consumer)
{
    Command c("XPENDING");
    c.add(key).add(group).add(start).add(end).add(count);
    if (!consumer.empty())
        c.add(consumer);
    Reply reply = run_command(c.span());
    std::vector<PendingEntry> entries;
    if (reply.is_queued())
        return entries;
    for (const Reply &item : reply.elements())
        entries.push_back({item[0].as_string(), item[1].as_string(),
                           std::chrono::milliseconds(item[2].as_int()), item[3].as_int()});
    return entries;
}

std::vector<StreamEntry> StreamCommands::xrange(std::string_view key, std::string_view start,
                                                std::string_view end,
                                                std::optional<long long> count)
{
    return to_stream_entries(run_command(id_range("XRANGE", key, start, end, count).span()));
}

std::vector<StreamMessages> StreamCommands::xread(const Pairs &streams_ids,
                                                  const XReadOptions &options)
{
    Command c("XREAD");
    add_read_options(c, options, false);
    add_streams(c, streams_ids);
    return to_stream_messages(run_command(c.span()));
}

std::vector<StreamMessages> StreamCommands::xreadgroup(std::string_view group,
                                                       std::string_view consumer,
                                                       const Pairs &streams_ids,
                                                       const XReadOptions &options)
{
    Command c("XREADGROUP");
    c.add("GROUP").add(group).add(consumer);
    add_read_options(c, options, true);
    add_streams(c, streams_ids);
    return to_stream_messages(run_command(c.span()));
}

std::vector<StreamEntry> StreamCommands::xrevrange(std::string_view key, std::string_view end,
                                                   std::string_view start,
                                                   std::optional<long long> count)
{
    return to_stream_entries(run_command(id_range("XREVRANGE", key, end, start, count).span()));
}

long long StreamCommands::xtrim(std::string_view key, long long maxlen, bool approximate)
{
    return to_int(run({"XTRIM", key, "MAXLEN", approximate ? "~" : "=", Num(maxlen)}));
}

} // namespace diesel::redis
