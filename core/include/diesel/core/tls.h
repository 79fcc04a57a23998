// SPDX-License-Identifier: MIT
// TLS for Services and Clients, through OpenSSL.
#pragma once

#include <diesel/core/export.h>

#include <memory>
#include <string>
#include <string_view>

struct ssl_ctx_st;

namespace diesel {

/// A shareable OpenSSL context: a server's certificate and key, or a client's trust settings.
/// Copies share one SSL_CTX. Every factory throws TlsError with OpenSSL's reason on failure.
class DIESEL_CORE_EXPORT TlsContext
{
public:
    /// A server context from PEM files.
    static TlsContext server(const std::string &cert_file, const std::string &key_file);
    /// A server context from PEM text (certificate chain and private key).
    static TlsContext server_from_pem(std::string_view cert_pem, std::string_view key_pem);
    /// A server context with a fresh self-signed certificate for `common_name` (for demos and
    /// tests; clients must trust certificate_pem() or skip verification).
    static TlsContext server_self_signed(const std::string &common_name = "localhost");
    /// A client context. With `verify` (the default) the peer's chain is checked against the
    /// system's trust store (or `ca_file` when given) and its name against the host.
    static TlsContext client(bool verify = true, const std::string &ca_file = {});
    /// A verifying client context that trusts exactly the certificates in `pem`.
    static TlsContext client_trusting(std::string_view pem);

    /// The certificate of a server context, as PEM (empty for client contexts).
    std::string certificate_pem() const;
    bool is_server() const noexcept { return m_server; }
    bool verifies_peer() const noexcept { return m_verify; }
    /// The OpenSSL context, for settings this class does not offer.
    ssl_ctx_st *native() const noexcept { return m_ctx.get(); }

private:
    TlsContext(std::shared_ptr<ssl_ctx_st> ctx, bool server, bool verify);
    std::shared_ptr<ssl_ctx_st> m_ctx;
    bool m_server = false;
    bool m_verify = false;
};

} // namespace diesel
