// SPDX-License-Identifier: MIT
// An outside client for the harness: on its own thread, with plain blocking-free sockets (not the
// runtime under test), it sends a steady rate of lines over several connections and reads the
// replies, so that the Service being watched has a flood to serve.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace bench {

class Flooder
{
public:
    /// Starts flooding 127.0.0.1:`port` with `rate` lines/s spread over `connections`.
    Flooder(std::uint16_t port, int connections, double rate);
    /// Stops the thread and closes the connections.
    ~Flooder();
    Flooder(const Flooder &) = delete;
    Flooder &operator=(const Flooder &) = delete;

    /// Reply bytes read so far (every line's reply is as long as the line).
    std::uint64_t repliedBytes() const noexcept { return m_replied.load(); }
    /// Whether every connection was made.
    bool connected() const noexcept { return m_connected.load(); }

private:
    void run(std::uint16_t port, int connections, double rate);

    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_connected{false};
    std::atomic<std::uint64_t> m_replied{0};
    std::thread m_thread;
};

} // namespace bench
