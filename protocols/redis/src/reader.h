// SPDX-License-Identifier: MIT
// The RESP2 parser: hiredis's reader, building Reply values directly through its object hooks.
#pragma once

#include <diesel/redis/reply.h>

#include <memory>
#include <optional>
#include <string_view>

struct redisReader;

namespace diesel::redis::detail {

class ReplyReader
{
public:
    ReplyReader();
    ReplyReader(const ReplyReader &) = delete;
    ReplyReader &operator=(const ReplyReader &) = delete;
    ~ReplyReader();

    // Appends bytes received from the server.
    void feed(std::string_view bytes);
    // The next complete reply, or nullopt when more bytes are needed. Throws RedisProtocolError
    // on malformed input; the reader is then broken until reset().
    std::optional<Reply> next();
    // Forgets every buffered byte and any error (for a new connection).
    void reset();
    // Whether bytes of an incomplete reply are buffered.
    bool has_partial() const noexcept;

    // Where the reply being built goes (used by hiredis's hooks).
    Reply m_root;

private:
    struct Free
    {
        void operator()(redisReader *r) const noexcept;
    };
    std::unique_ptr<redisReader, Free> m_reader;
};

} // namespace diesel::redis::detail
