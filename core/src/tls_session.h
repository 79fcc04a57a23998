// SPDX-License-Identifier: MIT
// One TLS session over a non-blocking socket.
#pragma once

#include <diesel/core/tls.h>

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string>

namespace diesel::detail {

class TlsSession
{
public:
    enum class Status { Done, WantRead, WantWrite, Closed, Failed };

    // Throws TlsError when the session cannot be set up.
    TlsSession(const TlsContext &context, int fd, const std::string &server_name);

    Status handshake();
    // Bytes moved (> 0), or 0 with `status` saying why.
    std::size_t read(char *buffer, std::size_t size, Status &status);
    std::size_t write(const char *data, std::size_t size, Status &status);
    // Sends close_notify, without waiting for the peer's.
    void shutdown() noexcept;
    // What went wrong last: OpenSSL's reasons and, after a failed handshake, the verify result.
    const std::string &error() const noexcept { return m_error; }

private:
    Status status_of(int result);

    struct Free
    {
        void operator()(SSL *ssl) const noexcept { SSL_free(ssl); }
    };
    std::unique_ptr<SSL, Free> m_ssl;
    std::string m_error;
};

// Every queued OpenSSL error as one line (and the queue cleared).
std::string drain_openssl_errors();

} // namespace diesel::detail
