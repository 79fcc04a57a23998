// SPDX-License-Identifier: MIT
// What an HttpServer shares with the Loops of its connections: they keep it alive, so a Loop
// being cancelled never sees it destroyed.
#pragma once

#include <diesel/core/address.h>
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

/// ServiceOptions of the Service under an HttpServer.
ServiceOptions service_options(const HttpServerOptions &options);

} // namespace diesel::http::detail
