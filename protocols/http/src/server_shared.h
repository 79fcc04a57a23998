// SPDX-License-Identifier: MIT
// What an HttpServer shares with the Loops of its connections: they keep it alive, so a Loop
// being cancelled never sees it destroyed.
#pragma once

#include <diesel/core/address.h>
#include <diesel/core/connection.h>
#include <diesel/core/event.h>
#include <diesel/http/server.h>

#include <cstddef>
#include <cstdint>

namespace diesel::http::detail {

struct ServerShared
{
    ServerShared(Handler h, HttpServerOptions o)
        : handler(std::move(h))
        , options(std::move(o))
    {}

    Handler handler;
    HttpServerOptions options;
    std::uint64_t requests = 0;
    std::size_t in_flight = 0;
    bool stopping = false;
    Event drained{"http requests drained"};
};

/// The body of each connection's Loop: reads requests and answers them until the connection
/// closes, a request asks to close, or the server stops.
void serve_connection(ServerShared &shared, const Address &peer);

/// Reads and drops what the peer still sends for a moment (at most 2 s, 0.5 s without a byte)
/// before a refusal closes the connection: unread bytes at close make the kernel send a reset,
/// which can destroy the refusal before the peer reads it (nginx's lingering close).
void drain_before_close(Connection &conn);

/// ServiceOptions of the Service under an HttpServer.
ServiceOptions service_options(const HttpServerOptions &options);

} // namespace diesel::http::detail
