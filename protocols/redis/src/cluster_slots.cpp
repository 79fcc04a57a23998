// SPDX-License-Identifier: MIT
#include "cluster_slots.h"
#include "format.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace diesel::redis::detail {

namespace {

constexpr std::array<std::uint16_t, 256> crc16_table = [] {
    std::array<std::uint16_t, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        unsigned crc = i << 8;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1;
        table[i] = static_cast<std::uint16_t>(crc);
    }
    return table;
}();

std::uint16_t crc16(std::string_view bytes) noexcept
{
    std::uint16_t crc = 0;
    for (const char c : bytes)
        crc = static_cast<std::uint16_t>(
            (crc << 8) ^ crc16_table[((crc >> 8) ^ static_cast<unsigned char>(c)) & 0xff]);
    return crc;
}

// Where a command's keys are. Positions count from the command's name (0); a negative `last`
// counts from the end (-1: the last argument, -2: the one before it).
enum class Shape : std::uint8_t {
    None,     // no keys: any node answers
    Range,    // first..last stepping by step (MSET: step 2)
    Numkeys,  // optional fixed keys at first..last, then the count at `numkeys` and that many
    Streams,  // XREAD / XREADGROUP: half of what follows STREAMS
    SortStore // SORT key ... [STORE destination]
};

enum Flags : std::uint8_t {
    Read = 1,      // read-only
    Retry = 2,     // idempotent: safe to resend
    Broadcast = 4, // every primary
};

struct Entry
{
    std::string_view name;
    Shape shape;
    std::int8_t first;
    std::int8_t last;
    std::int8_t step;
    std::int8_t numkeys; // Shape::Numkeys: the position of the key count
    std::uint8_t flags;
};

// Every table entry is made here, so the narrowing casts are written once.
constexpr Entry entry(std::string_view name, Shape shape, int first, int last, int step, int at,
                      unsigned flags)
{
    return {name,
            shape,
            static_cast<std::int8_t>(first),
            static_cast<std::int8_t>(last),
            static_cast<std::int8_t>(step),
            static_cast<std::int8_t>(at),
            static_cast<std::uint8_t>(flags)};
}
constexpr Entry range(std::string_view name, int first, int last, int step, unsigned flags)
{
    return entry(name, Shape::Range, first, last, step, 0, flags);
}
constexpr Entry one(std::string_view name, unsigned flags)
{
    return range(name, 1, 1, 1, flags);
}
constexpr Entry all(std::string_view name, unsigned flags)
{
    return range(name, 1, -1, 1, flags);
}
constexpr Entry two(std::string_view name, unsigned flags)
{
    return range(name, 1, 2, 1, flags);
}
constexpr Entry none(std::string_view name, unsigned flags)
{
    return entry(name, Shape::None, 0, 0, 0, 0, flags);
}
// Keys counted at `at`, preceded by the fixed keys first..last (0, 0: none).
constexpr Entry numkeys(std::string_view name, int at, int first, int last, unsigned flags)
{
    return entry(name, Shape::Numkeys, first, last, 1, at, flags);
}

constexpr unsigned R = Read | Retry; // reads are always safe to resend
constexpr unsigned W = Retry;        // an idempotent write
constexpr unsigned N = 0;            // a write that must not run twice

// Every command the typed methods send, and common others; sorted by name (checked below).
constexpr Entry table[] = {
    one("APPEND", N),
    none("AUTH", N),
    none("BGSAVE", N),
    one("BITCOUNT", R),
    one("BITFIELD", N),
    one("BITFIELD_RO", R),
    range("BITOP", 2, -1, 1, W),
    one("BITPOS", R),
    two("BLMOVE", N),
    numkeys("BLMPOP", 2, 0, 0, N),
    range("BLPOP", 1, -2, 1, N),
    range("BRPOP", 1, -2, 1, N),
    two("BRPOPLPUSH", N),
    numkeys("BZMPOP", 2, 0, 0, N),
    range("BZPOPMAX", 1, -2, 1, N),
    range("BZPOPMIN", 1, -2, 1, N),
    none("CLIENT", N),
    none("CLUSTER", R),
    none("COMMAND", R),
    none("CONFIG", N),
    two("COPY", W),
    none("DBSIZE", R),
    one("DECR", N),
    one("DECRBY", N),
    all("DEL", W),
    one("DUMP", R),
    none("ECHO", R),
    numkeys("EVAL", 2, 0, 0, N),
    numkeys("EVALSHA", 2, 0, 0, N),
    numkeys("EVALSHA_RO", 2, 0, 0, R),
    numkeys("EVAL_RO", 2, 0, 0, R),
    all("EXISTS", R),
    one("EXPIRE", W),
    one("EXPIREAT", W),
    one("EXPIRETIME", R),
    numkeys("FCALL", 2, 0, 0, N),
    numkeys("FCALL_RO", 2, 0, 0, R),
    none("FLUSHALL", W | Broadcast),
    none("FLUSHDB", W | Broadcast),
    one("GET", R),
    one("GETBIT", R),
    one("GETDEL", N),
    one("GETEX", W),
    one("GETRANGE", R),
    one("GETSET", N),
    one("HDEL", W),
    one("HEXISTS", R),
    one("HGET", R),
    one("HGETALL", R),
    one("HINCRBY", N),
    one("HINCRBYFLOAT", N),
    one("HKEYS", R),
    one("HLEN", R),
    one("HMGET", R),
    one("HMSET", W),
    one("HRANDFIELD", R),
    one("HSCAN", R),
    one("HSET", W),
    one("HSETNX", W),
    one("HSTRLEN", R),
    one("HVALS", R),
    one("INCR", N),
    one("INCRBY", N),
    one("INCRBYFLOAT", N),
    none("INFO", R),
    none("KEYS", R),
    none("LASTSAVE", R),
    two("LCS", R),
    one("LINDEX", R),
    one("LINSERT", N),
    one("LLEN", R),
    two("LMOVE", N),
    numkeys("LMPOP", 1, 0, 0, N),
    one("LPOP", N),
    one("LPOS", R),
    one("LPUSH", N),
    one("LPUSHX", N),
    one("LRANGE", R),
    one("LREM", N),
    one("LSET", W),
    one("LTRIM", N),
    range("MEMORY", 2, 2, 1, R), // MEMORY USAGE key; other subcommands have no third word
    all("MGET", R),
    one("MOVE", N),
    range("MSET", 1, -1, 2, W),
    range("MSETNX", 1, -1, 2, N),
    range("OBJECT", 2, 2, 1, R),
    one("PERSIST", W),
    one("PEXPIRE", W),
    one("PEXPIREAT", W),
    one("PEXPIRETIME", R),
    one("PFADD", W),
    all("PFCOUNT", R),
    all("PFMERGE", W),
    none("PING", R),
    one("PSETEX", W),
    one("PTTL", R),
    none("PUBLISH", N),
    none("PUBSUB", R),
    none("RANDOMKEY", R),
    two("RENAME", N),
    two("RENAMENX", N),
    one("RESTORE", N),
    one("RPOP", N),
    two("RPOPLPUSH", N),
    one("RPUSH", N),
    one("RPUSHX", N),
    one("SADD", W),
    none("SCAN", R),
    one("SCARD", R),
    none("SCRIPT", W), // LOAD and FLUSH go to every primary: see command_keys()
    all("SDIFF", R),
    all("SDIFFSTORE", W),
    one("SET", W),
    one("SETBIT", W),
    one("SETEX", W),
    one("SETNX", W),
    one("SETRANGE", W),
    all("SINTER", R),
    numkeys("SINTERCARD", 1, 0, 0, R),
    all("SINTERSTORE", W),
    one("SISMEMBER", R),
    one("SMEMBERS", R),
    one("SMISMEMBER", R),
    two("SMOVE", N),
    entry("SORT", Shape::SortStore, 1, 1, 1, 0, N),
    one("SORT_RO", R),
    one("SPOP", N),
    one("SPUBLISH", N),
    one("SRANDMEMBER", R),
    one("SREM", W),
    one("SSCAN", R),
    one("STRLEN", R),
    one("SUBSTR", R),
    all("SUNION", R),
    all("SUNIONSTORE", W),
    none("SWAPDB", N),
    none("TIME", R),
    all("TOUCH", R),
    one("TTL", R),
    one("TYPE", R),
    all("UNLINK", W),
    none("WAIT", N),
    all("WATCH", R),
    one("XACK", W),
    one("XADD", N),
    one("XAUTOCLAIM", N),
    one("XCLAIM", N),
    one("XDEL", W),
    range("XGROUP", 2, 2, 1, N),
    range("XINFO", 2, 2, 1, R),
    one("XLEN", R),
    one("XPENDING", R),
    one("XRANGE", R),
    entry("XREAD", Shape::Streams, 0, 0, 0, 0, R),
    entry("XREADGROUP", Shape::Streams, 0, 0, 0, 0, N),
    one("XREVRANGE", R),
    one("XSETID", W),
    one("XTRIM", N),
    one("ZADD", N),
    one("ZCARD", R),
    one("ZCOUNT", R),
    numkeys("ZDIFF", 1, 0, 0, R),
    numkeys("ZDIFFSTORE", 2, 1, 1, W),
    one("ZINCRBY", N),
    numkeys("ZINTER", 1, 0, 0, R),
    numkeys("ZINTERCARD", 1, 0, 0, R),
    numkeys("ZINTERSTORE", 2, 1, 1, W),
    one("ZLEXCOUNT", R),
    numkeys("ZMPOP", 1, 0, 0, N),
    one("ZMSCORE", R),
    one("ZPOPMAX", N),
    one("ZPOPMIN", N),
    one("ZRANDMEMBER", R),
    one("ZRANGE", R),
    one("ZRANGEBYLEX", R),
    one("ZRANGEBYSCORE", R),
    two("ZRANGESTORE", W),
    one("ZRANK", R),
    one("ZREM", W),
    one("ZREMRANGEBYLEX", W),
    one("ZREMRANGEBYRANK", N),
    one("ZREMRANGEBYSCORE", W),
    one("ZREVRANGE", R),
    one("ZREVRANGEBYLEX", R),
    one("ZREVRANGEBYSCORE", R),
    one("ZREVRANK", R),
    one("ZSCAN", R),
    one("ZSCORE", R),
    numkeys("ZUNION", 1, 0, 0, R),
    numkeys("ZUNIONSTORE", 2, 1, 1, W),
};

static_assert(std::is_sorted(std::begin(table), std::end(table),
                             [](const Entry &a, const Entry &b) { return a.name < b.name; }));

// entry_of() relies on these: upper-case initials, names that fit its buffer.
static_assert(std::all_of(std::begin(table), std::end(table), [](const Entry &e) {
    return !e.name.empty() && e.name[0] >= 'A' && e.name[0] <= 'Z' && e.name.size() <= 24;
}));

// Where the entries of each initial letter start: a lookup searches only its letter's few.
constexpr std::array<std::uint16_t, 27> by_initial = [] {
    std::array<std::uint16_t, 27> starts{};
    for (std::size_t letter = 0; letter <= 26; ++letter)
        starts[letter] = static_cast<std::uint16_t>(
            std::find_if(std::begin(table), std::end(table),
                         [&](const Entry &e) {
                             return static_cast<std::size_t>(e.name[0] - 'A') >= letter;
                         }) -
            std::begin(table));
    return starts;
}();

// The table's entry for the command named `word` (any case), or null. `hint` (an index into
// the table) is tried first and set to the entry found: callers send the same command often.
const Entry *entry_of(std::string_view word, std::size_t &hint) noexcept
{
    if (hint < std::size(table) && is_word(word, table[hint].name))
        return &table[hint];
    char upper[24];
    if (word.empty() || word.size() > sizeof upper)
        return nullptr;                           // longer than any name in the table
    for (std::size_t i = 0; i < word.size(); ++i) // command names are ASCII
        upper[i] =
            word[i] >= 'a' && word[i] <= 'z' ? static_cast<char>(word[i] - 'a' + 'A') : word[i];
    const std::string_view name(upper, word.size());
    if (name[0] < 'A' || name[0] > 'Z')
        return nullptr;
    const auto letter = static_cast<std::size_t>(name[0] - 'A');
    const Entry *begin = std::begin(table) + by_initial[letter];
    const Entry *end = std::begin(table) + by_initial[letter + 1];
    const Entry *entry = std::lower_bound(
        begin, end, name, [](const Entry &e, std::string_view n) { return e.name < n; });
    if (entry == end || entry->name != name)
        return nullptr;
    hint = static_cast<std::size_t>(entry - std::begin(table));
    return entry;
}

// SCRIPT LOAD and FLUSH go to every primary: a script must be cached where EVALSHA will run.
bool broadcast_script(std::span<const std::string_view> args)
{
    return args.size() >= 2 && is_word(args[0], "SCRIPT") &&
           (is_word(args[1], "LOAD") || is_word(args[1], "FLUSH"));
}

std::size_t position(int at, std::size_t size) noexcept
{
    return at >= 0 ? static_cast<std::size_t>(at)
                   : size - static_cast<std::size_t>(-at); // may wrap: checked by the caller
}

void add_range(KeySlots &keys, std::span<const std::string_view> args, int first, int last,
               int step)
{
    const std::size_t size = args.size();
    if (size == 0 || (last < 0 && static_cast<std::size_t>(-last) > size))
        return;
    const std::size_t from = position(first, size);
    const std::size_t to = std::min(position(last, size), size - 1);
    for (std::size_t i = from; i <= to && i < size; i += static_cast<std::size_t>(step))
        keys.add(args[i]);
}

std::size_t count_at(std::span<const std::string_view> args, std::size_t at) noexcept
{
    std::size_t n = 0;
    if (at >= args.size())
        return 0;
    const std::string_view word = args[at];
    std::from_chars(word.data(), word.data() + word.size(), n);
    return n;
}

} // namespace

std::uint16_t key_slot(std::string_view key) noexcept
{
    // Only the part between the first '{' and the next '}' hashes, when it is not empty. The
    // '{' is looked for with memchr(): most keys have none, and it reads them a vector at a time.
    if (const std::size_t open = key.find('{'); open != std::string_view::npos) {
        const char *const end = key.data() + key.size();
        const char *const tag = key.data() + open + 1;
        const char *close = tag;
        while (close != end && *close != '}') // a tag is short
            ++close;
        if (close != end && close != tag)
            key = std::string_view(tag, static_cast<std::size_t>(close - tag));
    }
    return static_cast<std::uint16_t>(crc16(key) & (cluster_slots - 1));
}

std::optional<std::uint16_t> common_slot(std::span<const std::string_view> keys) noexcept
{
    const std::uint16_t slot = key_slot(keys.front());
    for (const std::string_view key : keys.subspan(1))
        if (key_slot(key) != slot)
            return std::nullopt;
    return slot;
}

void KeySlots::add(std::string_view key) noexcept
{
    const std::uint16_t slot = key_slot(key);
    if (count++ == 0)
        first = slot;
    else if (slot != first && !other)
        other = slot;
}

CommandKeys command_keys(std::span<const std::string_view> args, std::size_t &hint)
{
    CommandKeys result;
    if (args.empty())
        return result;
    const Entry *entry = entry_of(args.front(), hint);
    if (!entry)
        return result;
    result.known = true;
    result.read_only = entry->flags & Read;
    result.retry_safe = entry->flags & Retry;
    result.broadcast =
        (entry->flags & Broadcast) || (entry->shape == Shape::None && broadcast_script(args));
    switch (entry->shape) {
    case Shape::None:
        break;
    case Shape::Range:
        if (entry->first == 1 && entry->last == 1) { // one key: GET, SET, HSET, ...
            if (args.size() > 1)
                result.slots.add(args[1]);
        } else {
            add_range(result.slots, args, entry->first, entry->last, entry->step);
        }
        break;
    case Shape::Numkeys: {
        if (entry->first > 0)
            add_range(result.slots, args, entry->first, entry->last, 1);
        if (entry->numkeys > 0) {
            const auto at = static_cast<std::size_t>(entry->numkeys);
            const std::size_t n = count_at(args, at);
            for (std::size_t i = at + 1; i < args.size() && i <= at + n; ++i)
                result.slots.add(args[i]);
        }
        break;
    }
    case Shape::Streams:
        for (std::size_t i = 1; i < args.size(); ++i)
            if (is_word(args[i], "STREAMS")) {
                const std::size_t n = (args.size() - i - 1) / 2;
                for (std::size_t k = 0; k < n; ++k)
                    result.slots.add(args[i + 1 + k]);
                break;
            }
        break;
    case Shape::SortStore:
        if (args.size() > 1)
            result.slots.add(args[1]);
        for (std::size_t i = 2; i + 1 < args.size(); ++i)
            if (is_word(args[i], "STORE"))
                result.slots.add(args[i + 1]);
        break;
    }
    return result;
}

} // namespace diesel::redis::detail
