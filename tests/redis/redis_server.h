// SPDX-License-Identifier: MIT
// A real redis-server for the tests: started on a free port with no persistence, stopped (or
// killed and restarted on the same port) by the test.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dtest {

class RedisServer
{
public:
    /// Finds the binary ($DIESEL_REDIS_SERVER, else redis-server on PATH, else /usr/bin) and
    /// starts it on a free port; blocks the thread until it answers PING. Throws
    /// std::runtime_error with a clear message when it cannot. `extra` is appended to its
    /// command line ("--cluster-enabled", "yes", ...). A non-empty `config` is written to a
    /// config file in its directory, given first (a Sentinel needs one it can rewrite).
    explicit RedisServer(std::vector<std::string> extra = {}, const std::string &config = {});
    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;
    /// Stops the server (SIGTERM, then SIGKILL).
    ~RedisServer();

    std::uint16_t port() const noexcept { return m_port; }
    std::string host() const { return "127.0.0.1"; }
    /// Kills the server at once (SIGKILL), as a crash would.
    void kill();
    /// Starts it again on the same port; blocks until it answers.
    void restart();
    bool running() const noexcept { return m_pid > 0; }
    /// The server's log (for failure messages).
    std::string log() const;
    /// Its own temporary directory (config files, nodes.conf).
    const std::string &dir() const noexcept { return m_dir; }

private:
    void launch();
    bool wait_ready(int timeout_ms);
    std::string m_binary;
    std::vector<std::string> m_extra;
    std::string m_config_file;
    std::string m_dir;
    std::uint16_t m_port = 0;
    pid_t m_pid = -1;
};

/// Starts the suite's server in initTestCase(): fails the test with the fixture's message (no
/// redis-server, it would not start) instead of throwing.
bool start_redis(std::unique_ptr<RedisServer> &server);

/// FLUSHALL on `server`, from a Loop of its own (call it outside Loops, from init()).
void flush_redis(const RedisServer &server);

} // namespace dtest
