// SPDX-License-Identifier: MIT
#include "tls_session.h"

#include <diesel/core/error.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

namespace diesel::detail {

std::string drain_openssl_errors()
{
    std::string text;
    while (unsigned long code = ERR_get_error()) {
        char line[256];
        ERR_error_string_n(code, line, sizeof line);
        if (!text.empty())
            text += "; ";
        text += line;
    }
    return text;
}

TlsSession::TlsSession(const TlsContext &context, const std::string &server_name)
    : m_ssl(SSL_new(context.native()))
{
    BIO *inside = nullptr;
    BIO *network = nullptr;
    if (!m_ssl || BIO_new_bio_pair(&inside, 0, &network, 0) != 1)
        throw TlsError("cannot create a TLS session: " + drain_openssl_errors());
    m_network.reset(network);
    SSL_set_bio(m_ssl.get(), inside, inside); // the SSL owns its half
    SSL_set_mode(m_ssl.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (context.is_server()) {
        SSL_set_accept_state(m_ssl.get());
        return;
    }
    SSL_set_connect_state(m_ssl.get());
    if (server_name.empty())
        return;
    unsigned char ip[16];
    const bool is_ip = ::inet_pton(AF_INET, server_name.c_str(), ip) == 1 ||
                       ::inet_pton(AF_INET6, server_name.c_str(), ip) == 1;
    if (!is_ip) // SNI; the SSL_set_tlsext_host_name macro, without its C cast
        SSL_ctrl(m_ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char *>(server_name.c_str()));
    if (context.verifies_peer()) {
        X509_VERIFY_PARAM *param = SSL_get0_param(m_ssl.get());
        const int ok = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, server_name.c_str())
                             : X509_VERIFY_PARAM_set1_host(param, server_name.c_str(), 0);
        if (ok != 1)
            throw TlsError("cannot verify the name '" + server_name + "'");
    }
}

TlsSession::Status TlsSession::status_of(int result)
{
    switch (SSL_get_error(m_ssl.get(), result)) {
    case SSL_ERROR_WANT_READ:
        return Status::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Status::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        return Status::Closed;
    case SSL_ERROR_SYSCALL:
        m_error = drain_openssl_errors();
        return m_error.empty() ? Status::Closed : Status::Failed;
    default:
        m_error = drain_openssl_errors();
        if (const long verify = SSL_get_verify_result(m_ssl.get()); verify != X509_V_OK)
            m_error += std::string(" (certificate: ") + X509_verify_cert_error_string(verify) + ")";
        return Status::Failed;
    }
}

TlsSession::Status TlsSession::handshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl.get());
    return result == 1 ? Status::Done : status_of(result);
}

std::size_t TlsSession::read(char *buffer, std::size_t size, Status &status)
{
    ERR_clear_error();
    std::size_t n = 0;
    const int result = SSL_read_ex(m_ssl.get(), buffer, size, &n);
    status = result == 1 ? Status::Done : status_of(result);
    m_starved = status == Status::WantRead;
    return result == 1 ? n : 0;
}

std::size_t TlsSession::write(const char *data, std::size_t size, Status &status)
{
    ERR_clear_error();
    std::size_t n = 0;
    const int result = SSL_write_ex(m_ssl.get(), data, size, &n);
    status = result == 1 ? Status::Done : status_of(result);
    return result == 1 ? n : 0;
}

bool TlsSession::has_input() const noexcept
{
    return !m_starved &&
           (SSL_has_pending(m_ssl.get()) == 1 || BIO_ctrl_pending(SSL_get_rbio(m_ssl.get())) > 0);
}

std::span<char> TlsSession::input_space() noexcept
{
    char *space = nullptr;
    const int n = BIO_nwrite0(m_network.get(), &space);
    return n > 0 ? std::span<char>(space, static_cast<std::size_t>(n)) : std::span<char>();
}

void TlsSession::received(std::size_t n) noexcept
{
    char *space = nullptr;
    BIO_nwrite(m_network.get(), &space, static_cast<int>(n));
    m_starved = m_starved && n == 0;
}

std::string_view TlsSession::output() noexcept
{
    char *bytes = nullptr;
    const int n = BIO_nread0(m_network.get(), &bytes);
    return n > 0 ? std::string_view(bytes, static_cast<std::size_t>(n)) : std::string_view();
}

void TlsSession::sent(std::size_t n) noexcept
{
    char *bytes = nullptr;
    BIO_nread(m_network.get(), &bytes, static_cast<int>(n));
}

void TlsSession::shutdown() noexcept
{
    ERR_clear_error();
    SSL_shutdown(m_ssl.get());
    ERR_clear_error();
}

} // namespace diesel::detail
