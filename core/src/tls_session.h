// SPDX-License-Identifier: MIT
// One TLS session as a layer of a connection's stream: OpenSSL works on a memory BIO pair, and
// the connection moves the ciphertext between that pair and its socket (its own send/recv, so
// no SIGPIPE and no second socket path).
#pragma once

#include <diesel/core/tls.h>

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace diesel::detail {

class TlsSession
{
public:
    // WantRead: the session needs ciphertext from the peer; WantWrite: its output() is full and
    // must drain first.
    enum class Status { Done, WantRead, WantWrite, Closed, Failed };

    // Throws TlsError when the session cannot be set up.
    TlsSession(const TlsContext &context, const std::string &server_name);

    Status handshake();
    // Plaintext moved (> 0), or 0 with `status` saying why.
    std::size_t read(char *buffer, std::size_t size, Status &status);
    std::size_t write(const char *data, std::size_t size, Status &status);
    // Queues close_notify in output(), without waiting for the peer's.
    void shutdown() noexcept;
    // Whether bytes from the peer wait inside the session that a read can use without more
    // input (a reader must not wait for the socket then).
    bool has_input() const noexcept;

    // The ciphertext side. Room for bytes received from the peer (empty if full); then say how
    // many arrived.
    std::span<char> input_space() noexcept;
    void received(std::size_t n) noexcept;
    // Ciphertext to send to the peer (a part of it); then say how much the socket took.
    std::string_view output() noexcept;
    void sent(std::size_t n) noexcept;
    bool has_output() const noexcept { return BIO_ctrl_pending(m_network.get()) > 0; }

    // What went wrong last: OpenSSL's reasons and, after a failed handshake, the verify result.
    const std::string &error() const noexcept { return m_error; }

private:
    Status status_of(int result);

    struct FreeBio
    {
        void operator()(BIO *bio) const noexcept { BIO_free(bio); }
    };
    struct FreeSsl
    {
        void operator()(SSL *ssl) const noexcept { SSL_free(ssl); }
    };
    // Declared first so that it is freed after the SSL, which owns the other half of the pair.
    std::unique_ptr<BIO, FreeBio> m_network;
    std::unique_ptr<SSL, FreeSsl> m_ssl;
    std::string m_error;
    bool m_starved = false; // the last read wanted input and none came since
};

// Every queued OpenSSL error as one line (and the queue cleared).
std::string drain_openssl_errors();

} // namespace diesel::detail
