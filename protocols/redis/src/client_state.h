// SPDX-License-Identifier: MIT
// The inside of a RedisClient: its parser, reply bookkeeping and the lock that makes Loops
// sharing one client take turns.
#pragma once

#include "reader.h"

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>
#include <diesel/redis/client.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace diesel::redis::detail {

// A fair (FIFO) lock owned by a Loop, re-entrant for its owner. Loops waiting for it show as
// waiting on a Lock named after the client in the workbench.
class ClientMutex
{
public:
    // Suspends the calling Loop while another Loop holds the lock.
    void lock(std::string_view name);
    void unlock() noexcept;
    bool held_by_caller() const noexcept;
    bool held() const noexcept { return m_owner != nullptr; }

    class Guard
    {
    public:
        Guard(ClientMutex &mutex, std::string_view name)
            : m_mutex(mutex)
        {
            mutex.lock(name);
        }
        Guard(const Guard &) = delete;
        Guard &operator=(const Guard &) = delete;
        ~Guard() { m_mutex.unlock(); }

    private:
        ClientMutex &m_mutex;
    };

private:
    Loop *m_owner = nullptr;
    int m_depth = 0;
    diesel::detail::IntrusiveList<WaitNode> m_waiters;
};

struct ClientState
{
    std::string host;
    std::uint16_t port = 0;
    RedisOptions options;
    std::string name; // "redis host:port", for messages and the workbench
    ReplyReader reader;
    std::string out; // formatting buffer, reused by every command
    // Replies are matched to commands by position: `sent` commands were written on this
    // connection and `received` replies read. A command whose reply nobody waits for (a DISCARD
    // from a destructor) only bumps `sent`; the next reader skips its reply.
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    bool in_multi = false;
    // The connection was lost between MULTI and EXEC: the server forgot the transaction, so
    // commands must not silently run outside it on a new connection (see run_command()).
    bool multi_lost = false;
    bool connected_once = false;
    ClientMutex mutex;
};

// Formats `args` into state.out (cleared first).
void format_into(ClientState &state, std::span<const std::string_view> args);

} // namespace diesel::redis::detail
