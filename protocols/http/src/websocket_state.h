// SPDX-License-Identifier: MIT
// What a WebSocket keeps: its connection (and, on the client side, the Client owning it), its
// role and limits, the message being reassembled and how far closing has gone.
#pragma once

#include "websocket_reader.h"

#include <diesel/core/client.h>
#include <diesel/http/websocket.h>

#include <optional>
#include <string>

namespace diesel::http::detail {

struct WebSocketState
{
    WebSocketState(Connection &c, WebSocket::Role r, WebSocketOptions o, std::string protocol)
        : conn(&c)
        , role(r)
        , options(std::move(o))
        , subprotocol(std::move(protocol))
        , reader(r == WebSocket::Role::Server, options.max_message)
    {}

    Connection *conn;
    std::optional<Client> client; // the client side owns its connection through it
    WebSocket::Role role;
    WebSocketOptions options;
    std::string subprotocol;

    MessageReader reader;
    bool close_sent = false;
    std::optional<WebSocketClosed> closed; // set once the socket is closed, rethrown after
    std::uint64_t pongs = 0;
    std::string scratch; // masked payloads of a client and the headers of sent frames
};

} // namespace diesel::http::detail
