// SPDX-License-Identifier: MIT
#include "blocking.h"
#include "client_io.h"
#include "format.h"

#include <diesel/core/connection.h>
#include <diesel/core/detail/deadline.h>
#include <diesel/core/error.h>
#include <diesel/redis/error.h>

#include <charconv>
#include <new>

namespace diesel::redis::detail {

namespace {
std::string describe(std::span<const std::string_view> args)
{
    return args.empty() ? std::string("a pipeline") : command_name(args);
}

// Bounds the waits of the command at hand on `conn` by the command timeout plus what a blocking
// command asks for; returns the timeout for messages (zero: none).
Clock::duration arm_deadline(Connection &conn, const ClientState &state,
                             std::span<const std::string_view> args)
{
    const std::optional<Seconds> &timeout = state.options.command_timeout;
    const BlockingTime blocking = blocking_time(args);
    const Clock::duration limit =
        timeout ? diesel::detail::duration_of(*timeout) : Clock::duration{};
    if (limit == Clock::duration{} || blocking.forever) {
        conn.set_deadline(std::nullopt);
        return {};
    }
    conn.set_deadline(Clock::now() + limit + blocking.extra);
    return limit + blocking.extra;
}

std::string seconds_text(Clock::duration d)
{
    std::string text = std::to_string(std::chrono::duration<double>(d).count());
    text.erase(text.find_last_not_of('0') + 1);
    if (text.ends_with('.'))
        text.pop_back();
    return text + " s";
}
} // namespace

ReplyLimits limits_of(const RedisOptions &options) noexcept
{
    return ReplyLimits{options.max_array_count, options.max_bulk_length, options.max_reply_size};
}

void format_into(ClientState &state, std::span<const std::string_view> args)
{
    state.out.clear();
    append_command(state.out, args);
}

void drop_connection(RedisClient &client, ClientState &state) noexcept
{
    client.close();
    state.reader.reset();
    state.sent = 0;
    state.received = 0;
    if (state.in_multi)
        state.multi_lost = true;
    state.in_multi = false;
}

std::uint64_t send_commands(RedisClient &client, ClientState &state, std::string_view bytes,
                            std::uint64_t commands)
{
    try {
        Connection &conn = client.connection();
        arm_deadline(conn, state, {});
        conn.send(bytes);
    } catch (const ConnectionTimeout &e) {
        drop_connection(client, state);
        throw RedisTimeout(state.name + ": the server took no bytes within the command timeout (" +
                           e.what() + "); connection closed");
    } catch (const ConnectionClosed &e) {
        drop_connection(client, state);
        throw ConnectionClosed(state.name + ": connection lost: " + e.what());
    }
    const std::uint64_t first = state.sent;
    state.sent += commands;
    return first;
}

Reply read_reply(RedisClient &client, ClientState &state, std::uint64_t index,
                 std::span<const std::string_view> args)
{
    Connection &conn = client.connection();
    const Clock::duration timeout = arm_deadline(conn, state, args);
    try {
        for (;;) {
            if (std::optional<Reply> reply = state.reader.next()) {
                if (state.received++ == index) {
                    conn.set_deadline(std::nullopt);
                    return std::move(*reply);
                }
                continue; // a reply nobody waits for (see send_detached)
            }
            state.reader.feed(conn.receive());
        }
    } catch (const ConnectionTimeout &) {
        drop_connection(client, state);
        throw RedisTimeout(state.name + ": no reply to " + describe(args) + " within " +
                           seconds_text(timeout) +
                           " (RedisOptions::command_timeout); connection closed");
    } catch (const ConnectionClosed &e) {
        drop_connection(client, state);
        throw ConnectionClosed(state.name + ": connection lost while waiting for the reply to " +
                                   describe(args) + ": " + e.what(),
                               e.buffered());
    } catch (const RedisProtocolError &e) {
        drop_connection(client, state);
        throw RedisProtocolError(state.name + ": " + e.what() + " (reply to " + describe(args) +
                                 "; connection closed)");
    } catch (const std::bad_alloc &) {
        drop_connection(client, state);
        throw RedisProtocolError(state.name + ": out of memory reading the reply to " +
                                 describe(args) + " (connection closed)");
    } catch (...) {
        // Cancelled (or ParentDied) mid-reply: the reply will still arrive, and nothing could
        // tell it from the next command's. Start over on a new connection.
        drop_connection(client, state);
        throw;
    }
}

bool send_detached(RedisClient &client, ClientState &state,
                   std::span<const std::string_view> args) noexcept
{
    if (!client.is_connected())
        return false;
    try {
        std::string bytes;
        append_command(bytes, args);
        client.connection().send(bytes);
        ++state.sent;
        return true;
    } catch (...) {
        // Called from destructors: a failure only means the connection is gone, which the next
        // command finds out by itself.
        return false;
    }
}

void track_state(ClientState &state, std::span<const std::string_view> args, const Reply &reply)
{
    const std::string_view word = args.front();
    switch (word.size()) {
    case 4:
        if (is_word(word, "EXEC")) {
            state.in_multi = false;
        } else if (is_word(word, "AUTH") && !reply.is_error()) {
            if (args.size() == 2) {
                state.options.password.assign(args[1]);
                state.options.username.clear();
            } else if (args.size() == 3) {
                state.options.username.assign(args[1]);
                state.options.password.assign(args[2]);
            }
        }
        break;
    case 5:
        if (is_word(word, "MULTI") && !reply.is_error())
            state.in_multi = true;
        break;
    case 6:
        if (is_word(word, "SELECT") && !reply.is_error() && args.size() == 2) {
            int db = 0;
            const auto r = std::from_chars(args[1].data(), args[1].data() + args[1].size(), db);
            if (r.ec == std::errc())
                state.options.db = db;
        }
        break;
    case 7:
        if (is_word(word, "DISCARD"))
            state.in_multi = false;
        break;
    default:
        break;
    }
}

} // namespace diesel::redis::detail
