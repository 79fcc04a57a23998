// SPDX-License-Identifier: MIT
// The shell of the hostile-input suites' fake servers: a diesel Service on a free port of
// 127.0.0.1 whose connections are numbered from 1 in the order they came; each suite adds its
// protocol's framing in `serve`.
#pragma once

#include <diesel/diesel.h>

#include <cstdint>
#include <functional>

namespace dtest {

class FakeServer
{
public:
    using Serve = std::function<void(int connection)>;
    /// Starts listening; each accepted connection runs `serve(its number)` in its own Loop.
    explicit FakeServer(Serve serve)
        : m_service(
              [this, serve = std::move(serve)](const diesel::Address &) { serve(++m_connections); },
              0, "127.0.0.1")
    {
        m_service.start();
    }
    FakeServer(const FakeServer &) = delete;
    FakeServer &operator=(const FakeServer &) = delete;
    ~FakeServer() { m_service.stop(); }

    std::uint16_t port() const { return m_service.port(); }
    /// Connections accepted so far.
    int connections() const noexcept { return m_connections; }

private:
    int m_connections = 0;
    diesel::Service m_service;
};

/// Keeps a fake server's connection open and silent until the client goes.
inline void stall()
{
    for (;;)
        diesel::receive();
}

} // namespace dtest
