// SPDX-License-Identifier: MIT
#include "command_shapes.h"
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/hll_bits.h>

namespace diesel::redis {

using namespace detail;

namespace {
std::string_view unit_word(BitUnit unit)
{
    return unit == BitUnit::Bit ? "BIT" : "BYTE";
}

std::string_view op_word(BitOp op)
{
    switch (op) {
    case BitOp::And:
        return "AND";
    case BitOp::Or:
        return "OR";
    case BitOp::Xor:
        return "XOR";
    case BitOp::Not:
        break;
    }
    return "NOT";
}
} // namespace

bool HyperLogLogCommands::pfadd(std::string_view key, const Args &elements)
{
    return to_bool(run_command(keyed("PFADD", key, elements).span()));
}

long long HyperLogLogCommands::pfcount(const Args &keys)
{
    return to_int(run_command(with_keys("PFCOUNT", keys).span()));
}

void HyperLogLogCommands::pfmerge(std::string_view destination, const Args &sources)
{
    to_ok(run_command(keyed("PFMERGE", destination, sources).span()));
}

long long BitmapCommands::bitcount(std::string_view key)
{
    return to_int(run({"BITCOUNT", key}));
}

long long BitmapCommands::bitcount(std::string_view key, long long start, long long end,
                                   BitUnit unit)
{
    return to_int(run({"BITCOUNT", key, Num(start), Num(end), unit_word(unit)}));
}

std::vector<std::optional<long long>> BitmapCommands::bitfield(std::string_view key,
                                                               const Args &operations)
{
    Reply reply = run_command(keyed("BITFIELD", key, operations).span());
    std::vector<std::optional<long long>> out;
    if (reply.is_queued())
        return out;
    for (const Reply &item : reply.elements())
        out.push_back(item.is_nil() ? std::nullopt : std::optional<long long>(item.as_int()));
    return out;
}

long long BitmapCommands::bitop(BitOp op, std::string_view destination, const Args &keys)
{
    Command c("BITOP");
    c.add(op_word(op)).add(destination).add(keys);
    return to_int(run_command(c.span()));
}

long long BitmapCommands::bitpos(std::string_view key, bool bit, std::optional<long long> start,
                                 std::optional<long long> end, BitUnit unit)
{
    Command c("BITPOS");
    c.add(key).add(bit ? "1" : "0");
    if (start) {
        c.add(*start);
        if (end)
            c.add(*end).add(unit_word(unit));
    }
    return to_int(run_command(c.span()));
}

bool BitmapCommands::getbit(std::string_view key, long long offset)
{
    return to_bool(run({"GETBIT", key, Num(offset)}));
}

bool BitmapCommands::setbit(std::string_view key, long long offset, bool value)
{
    return to_bool(run({"SETBIT", key, Num(offset), value ? "1" : "0"}));
}

} // namespace diesel::redis
