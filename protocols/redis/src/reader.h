// SPDX-License-Identifier: MIT
// The RESP2 parser: hiredis's reader, building Reply values directly through its object hooks,
// within limits on what a reply may declare and take, so that a hostile peer cannot make it
// allocate at will.
#pragma once

#include <diesel/core/connection.h>
#include <diesel/redis/reply.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct redisReader;

namespace diesel::redis::detail {

// What one reply may declare or take (see RedisOptions, which sets them).
struct ReplyLimits
{
    std::size_t max_array_count = std::size_t(1) << 24;
    std::size_t max_bulk_length = std::size_t(512) << 20;
    std::size_t max_reply_size = std::size_t(1) << 30;
};

class ReplyReader
{
public:
    explicit ReplyReader(ReplyLimits limits = {});
    // hiredis holds a pointer to the reader (its privdata): it stays where it was made.
    ReplyReader(const ReplyReader &) = delete;
    ReplyReader &operator=(const ReplyReader &) = delete;
    ~ReplyReader();

    // Sets the limits (before the first feed()).
    void set_limits(ReplyLimits limits) noexcept
    {
        m_limits = limits;
        m_simple_room = simple_room(limits);
    }
    // Appends bytes received from the server. Throws RedisProtocolError once broken, past
    // max_reply_size, or when out of memory.
    void feed(std::string_view bytes);
    // Puts the next complete reply into `into` and returns true, or returns false (leaving
    // `into` nil or as it was) when more bytes are needed. Throws RedisProtocolError on malformed
    // input, past a limit or when out of memory; the reader is then broken until reset().
    bool next(Reply &into);
    // next() as a value: nullopt when more bytes are needed.
    std::optional<Reply> next();
    // The next complete reply from `conn`, suspending the calling Loop until it is complete. A
    // status, error, integer or bulk reply whole in the connection's buffer is parsed there and
    // only its bytes consumed; otherwise hiredis is fed the bytes peek() shows (it keeps them in
    // its own buffer, its design) until it completes the reply. Resumable: a
    // Loop stopping midway leaves its parse state here for the next call. Throws as next(),
    // feed() and peek(). The reply is built in `into` (assigned), which the caller owns.
    void read(Connection &conn, Reply &into);
    // read() as a value.
    Reply read(Connection &conn);
    // Without suspending: the replies whole in `conn`'s buffer that read() would parse there,
    // at most `most`, each built in slot(i) (asked for just before reply i) and followed by
    // replied(); their bytes consumed with one call. Returns how many; 0 when the next reply
    // is not such a one (read() then takes it).
    template<class Slot, class Replied>
    std::size_t take_buffered(Connection &conn, std::size_t most, Slot &&slot, Replied &&replied)
    {
        if (!idle())
            return 0;
        const std::string_view bytes = conn.peek(0);
        std::size_t used = 0;
        std::size_t taken = 0;
        try {
            for (; taken < most; ++taken) {
                const std::size_t one = take_simple(bytes.substr(used), slot(taken));
                if (one == 0)
                    break;
                used += one;
                replied();
            }
        } catch (...) {
            conn.consume(used); // the replies before it were delivered
            throw;
        }
        conn.consume(used);
        return taken;
    }
    // Forgets every buffered byte and any error (for a new connection).
    void reset() noexcept;
    // Whether an incomplete reply is buffered or being built.
    bool has_partial() const noexcept;

private:
    friend struct Hooks; // hiredis's object hooks (reader.cpp)
    // Why a hook refused an item; next() turns it into the error's message.
    enum class Refusal { None, ArrayCount, BulkLength, LineLength, ReplySize, OutOfMemory };
    struct Free
    {
        void operator()(redisReader *r) const noexcept;
    };
    redisReader &hiredis();
    // Nothing is pending in hiredis (no buffered byte, no item begun) and the reader works.
    bool idle() const noexcept;
    // A complete status, error, integer or bulk reply at the front of `bytes`, built in `into`:
    // returns the bytes it took, or 0 to leave `bytes` to hiredis (an array, an incomplete,
    // unusual or malformed reply, one past a limit), which parses them or says what is wrong.
    std::size_t take_simple(std::string_view bytes, Reply &into);
    // One more than the longest text take_simple() may build under `limits`: the shortest the
    // hooks would refuse (text past max_bulk_length, or a Reply and its text past max_reply_size).
    static std::size_t simple_room(const ReplyLimits &limits) noexcept;
    bool charge(std::size_t bytes) noexcept;
    void check_pending();
    [[noreturn]] void fail(Refusal why, std::string_view amount);
    [[noreturn]] void fail(std::string why);

    ReplyLimits m_limits;
    std::size_t m_simple_room = simple_room(m_limits);
    // Where a root array being built goes; its elements are appended as hiredis completes them.
    Reply m_root;
    // The caller's Reply while next() runs: a complete non-array root goes there directly.
    Reply *m_into = nullptr;
    // What the reply being built takes so far: its strings plus one Reply per item.
    std::size_t m_cost = 0;
    Refusal m_refusal = Refusal::None;
    std::size_t m_refused = 0; // the amount refused (a count or a length)
    std::string m_error;       // set once broken
    // Made on first use, so that reset() cannot fail; freed first (it frees into m_root).
    std::unique_ptr<redisReader, Free> m_reader;
};

} // namespace diesel::redis::detail
