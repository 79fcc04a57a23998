// SPDX-License-Identifier: MIT
// A RedisClient on its RequestChannel: the channel's options from the client's, sending commands
// and reading their replies with Redis's errors.
#pragma once

#include "client_state.h"

#include <cstddef>
#include <span>
#include <string_view>

namespace diesel::redis::detail {

// What a reply may declare or take, from the client's options.
ReplyLimits limits_of(const RedisOptions &options) noexcept;
// Makes state.channel for host:port: command_timeout as the request timeout, the handshake
// (AUTH, SELECT, CLIENT SETNAME) on every new connection, the reader reset when one goes.
void open_channel(ClientState &state, const std::string &host, std::uint16_t port);
// Writes `bytes` holding `commands` formatted commands under the send turn the caller holds
// (`turn`); `args`
// is the command when there is one (its blocking time extends the timeout; empty: a pipeline).
// Throws ConnectionClosed, RedisTimeout, and what connecting throws.
RequestChannel::Ticket send_commands(ClientState &state, const RequestChannel::Hold &turn,
                                     std::string_view bytes, std::size_t commands,
                                     std::span<const std::string_view> args);
// Suspends the calling Loop until the ticket's next reply came. A lost connection, malformed
// bytes or the command timeout drop the connection (RedisTimeout for the timeout); a Loop
// cancelled while waiting leaves the reply to be discarded by the next reader. `args` names the
// command in messages (empty: "a pipeline").
Reply read_reply(ClientState &state, RequestChannel::Ticket &ticket,
                 std::span<const std::string_view> args);
// read_reply() into the caller's `into` (assigned): the reply is built there, not moved there.
void read_reply(ClientState &state, RequestChannel::Ticket &ticket,
                std::span<const std::string_view> args, Reply &into);
// The first step of reading: ticket.await(), its timeout as RedisTimeout.
Connection &await_reply(ClientState &state, RequestChannel::Ticket &ticket,
                        std::span<const std::string_view> args);
// Called in a catch block while reading: drops the connection when the stream cannot go on and
// rethrows the exception with Redis's wording (a cancellation is rethrown as it is).
[[noreturn]] void reading_failed(ClientState &state, RequestChannel::Ticket &ticket,
                                 std::span<const std::string_view> args);
// read_reply() of a pipeline's `count` replies, each built in slot(k) for k = 0 .. count - 1 in
// turn (slot(k) is asked for just before reply k is read; it may be asked again for the same k).
// One wait for the read turn, one handler for the whole batch, and the replies already whole
// in the buffer taken together; the ticket still counts each reply as it is read, so a Loop
// stopping midway leaves only the rest to discard.
template<class Slot>
void read_replies(ClientState &state, RequestChannel::Ticket &ticket, std::size_t count,
                  Slot &&slot)
{
    Connection &conn = await_reply(state, ticket, {});
    try {
        for (std::size_t k = 0; k < count;) {
            const std::size_t first = k;
            k += state.reader.take_buffered(
                conn, count - k, [&](std::size_t i) -> Reply & { return slot(first + i); },
                [&] { ticket.replied(); });
            if (k < count) {
                state.reader.read(conn, slot(k)); // suspends until it is whole
                ticket.replied();
                ++k;
            }
        }
    } catch (...) {
        reading_failed(state, ticket, {});
    }
}
// Follows commands that change connection state the client must restore after reconnecting
// (SELECT, AUTH) or know about (MULTI, EXEC, DISCARD).
void track_state(ClientState &state, std::span<const std::string_view> args, const Reply &reply);

} // namespace diesel::redis::detail
