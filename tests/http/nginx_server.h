// SPDX-License-Identifier: MIT
// A real nginx for the client tests: a generated configuration in a temporary folder, one worker,
// on a free port; stopped by the destructor.
#pragma once

#include <QProcess>
#include <QTemporaryDir>

#include <cstdint>
#include <memory>
#include <string>

namespace dtest {

class NginxServer
{
public:
    /// Writes the configuration and starts nginx (from PATH, or /usr/sbin); blocks the thread
    /// until it accepts connections. Throws std::runtime_error with nginx's error log when it
    /// cannot. `server_block` is the body of its server {} (listen is added).
    explicit NginxServer(const std::string &server_block);
    NginxServer(const NginxServer &) = delete;
    NginxServer &operator=(const NginxServer &) = delete;
    /// Stops nginx (SIGTERM, then SIGKILL).
    ~NginxServer();

    std::uint16_t port() const noexcept { return m_port; }
    /// The folder of its configuration, logs and files (for files to serve).
    std::string dir() const;
    /// Its error log (for failure messages).
    std::string log() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    std::uint16_t m_port = 0;
};

/// Starts nginx in initTestCase(): fails the test with the fixture's message instead of throwing.
bool start_nginx(std::unique_ptr<NginxServer> &server, const std::string &server_block);

} // namespace dtest
