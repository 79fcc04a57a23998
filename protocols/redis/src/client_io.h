// SPDX-License-Identifier: MIT
// Sending commands and reading their replies on a RedisClient's connection. The caller holds the
// client's mutex and made sure it is connected.
#pragma once

#include "client_state.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace diesel::redis::detail {

// What a reply may declare or take, from the client's options.
ReplyLimits limits_of(const RedisOptions &options) noexcept;
// Writes `bytes` holding `commands` formatted commands; returns the position of the first one's
// reply. Throws ConnectionClosed, or RedisTimeout when the server takes nothing for the command
// timeout (after dropping the connection).
std::uint64_t send_commands(RedisClient &client, ClientState &state, std::string_view bytes,
                            std::uint64_t commands);
// Suspends the calling Loop until the reply at position `index` came, skipping (and dropping)
// the replies before it. On a lost connection, malformed bytes or a cancellation while waiting
// the connection is dropped (it cannot be resynchronised) and the exception passed on. The
// command timeout (plus a blocking command's own, from `args`) bounds the wait: RedisTimeout.
// `args` names the command in messages (empty: "a pipeline").
Reply read_reply(RedisClient &client, ClientState &state, std::uint64_t index,
                 std::span<const std::string_view> args);
// Sends a command whose reply nobody will wait for (from destructors). Never suspends unless
// more than 1 MiB is queued on the connection; returns whether it was sent.
bool send_detached(RedisClient &client, ClientState &state,
                   std::span<const std::string_view> args) noexcept;
// Closes the connection and forgets its parser state and reply positions.
void drop_connection(RedisClient &client, ClientState &state) noexcept;
// Follows commands that change connection state the client must restore after reconnecting
// (SELECT, AUTH) or know about (MULTI, EXEC, DISCARD).
void track_state(ClientState &state, std::span<const std::string_view> args, const Reply &reply);

} // namespace diesel::redis::detail
