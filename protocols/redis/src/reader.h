// SPDX-License-Identifier: MIT
// The RESP2 parser: incremental, building Reply values as elements arrive, within limits on what
// a reply may declare and take, so that a hostile peer cannot make it allocate at will.
#pragma once

#include <diesel/redis/reply.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

    // Appends bytes received from the server. Throws RedisProtocolError once broken.
    void feed(std::string_view bytes);
    // The next complete reply, or nullopt when more bytes are needed. Throws RedisProtocolError
    // on malformed input, past a limit or when out of memory; the reader is then broken until
    // reset().
    std::optional<Reply> next();
    // Forgets every buffered byte and any error (for a new connection).
    void reset() noexcept;
    // Whether bytes of an incomplete reply are buffered.
    bool has_partial() const noexcept;

private:
    enum class Step { NeedMore, Value, Opened };
    // An array being filled: its elements so far and how many are still to come.
    struct Frame
    {
        Reply array;
        std::size_t remaining;
    };
    Step parse_item(Reply &out);
    std::optional<std::string_view> line();
    long long number(std::string_view text, char type);
    void charge(std::size_t bytes);
    [[noreturn]] void fail(const std::string &why);

    ReplyLimits m_limits;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_scanned = 0; // where the search for the current line's end resumes
    std::vector<Frame> m_stack;
    // What the reply being read takes so far: its strings plus one Reply per element.
    std::size_t m_cost = 0;
    std::string m_error; // set once broken
};

} // namespace diesel::redis::detail
