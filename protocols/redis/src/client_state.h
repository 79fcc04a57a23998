// SPDX-License-Identifier: MIT
// The inside of a RedisClient: its request channel (turns, reply positions, reconnects,
// timeouts), its parser and what the client must remember about the connection's state.
#pragma once

#include "reader.h"
#include "sentinel.h"

#include <diesel/core/request_channel.h>
#include <diesel/redis/client.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace diesel::redis::detail {

struct ClientState
{
    RedisOptions options;
    std::string name; // "redis host:port", for messages and the workbench
    // Replies are parsed here, not on a Loop's stack, so that a reply whose Loop stopped
    // waiting is discarded by the next reader from where it was left.
    ReplyReader reader;
    std::string out; // formatting buffer, reused by every command under the send turn
    bool in_multi = false;
    // The connection was lost between MULTI and EXEC: the server forgot the transaction, so
    // commands must not silently run outside it on a new connection (see run_command()).
    bool multi_lost = false;
    // Last: its callbacks use the members above. Made once the state has its address.
    std::optional<RequestChannel> channel;
    // Where a client made by from_sentinel() finds its server (null otherwise). After the
    // channel: its watch is destroyed first and nothing can mark a state being torn down.
    std::unique_ptr<SentinelSource> sentinel;
};

// Formats `args` into state.out (cleared first).
void format_into(ClientState &state, std::span<const std::string_view> args);

} // namespace diesel::redis::detail
