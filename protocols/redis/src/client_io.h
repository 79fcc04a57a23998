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
// Writes `bytes` holding `commands` formatted commands (the caller holds the send turn); `args`
// is the command when there is one (its blocking time extends the timeout; empty: a pipeline).
// Throws ConnectionClosed, RedisTimeout, and what connecting throws.
RequestChannel::Ticket send_commands(ClientState &state, std::string_view bytes,
                                     std::size_t commands, std::span<const std::string_view> args);
// Suspends the calling Loop until the ticket's next reply came. A lost connection, malformed
// bytes or the command timeout drop the connection (RedisTimeout for the timeout); a Loop
// cancelled while waiting leaves the reply to be discarded by the next reader. `args` names the
// command in messages (empty: "a pipeline").
Reply read_reply(ClientState &state, RequestChannel::Ticket &ticket,
                 std::span<const std::string_view> args);
// read_reply() into the caller's `into` (assigned): the reply is built there, not moved there.
void read_reply(ClientState &state, RequestChannel::Ticket &ticket,
                std::span<const std::string_view> args, Reply &into);
// Follows commands that change connection state the client must restore after reconnecting
// (SELECT, AUTH) or know about (MULTI, EXEC, DISCARD).
void track_state(ClientState &state, std::span<const std::string_view> args, const Reply &reply);

} // namespace diesel::redis::detail
