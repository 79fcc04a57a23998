// SPDX-License-Identifier: MIT
#include "tls_session.h"

#include <diesel/core/error.h>
#include <diesel/core/tls.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace diesel {

namespace {

template<class T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const noexcept { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

[[noreturn]] void fail(const std::string &what)
{
    const std::string reasons = detail::drain_openssl_errors();
    throw TlsError(reasons.empty() ? what : what + ": " + reasons);
}

std::shared_ptr<SSL_CTX> new_context(bool server)
{
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx)
        fail("cannot create a TLS context");
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // A peer that drops the TCP connection without close_notify is treated as a close.
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    return std::shared_ptr<SSL_CTX>(ctx, &SSL_CTX_free);
}

BioPtr memory_bio(std::string_view text)
{
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio)
        fail("cannot read PEM text");
    return bio;
}

void add_extension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        fail("cannot add a certificate extension");
}

} // namespace

TlsContext::TlsContext(std::shared_ptr<ssl_ctx_st> ctx, bool server, bool verify)
    : m_ctx(std::move(ctx))
    , m_server(server)
    , m_verify(verify)
{}

TlsContext TlsContext::server(const std::string &cert_file, const std::string &key_file)
{
    auto ctx = new_context(true);
    if (SSL_CTX_use_certificate_chain_file(ctx.get(), cert_file.c_str()) != 1)
        fail("cannot load the certificate '" + cert_file + "'");
    if (SSL_CTX_use_PrivateKey_file(ctx.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1)
        fail("cannot load the private key '" + key_file + "'");
    if (SSL_CTX_check_private_key(ctx.get()) != 1)
        fail("the private key '" + key_file + "' does not match the certificate");
    return TlsContext(std::move(ctx), true, false);
}

TlsContext TlsContext::server_from_pem(std::string_view cert_pem, std::string_view key_pem)
{
    auto ctx = new_context(true);
    BioPtr cert_bio = memory_bio(cert_pem);
    X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    if (!cert || SSL_CTX_use_certificate(ctx.get(), cert.get()) != 1)
        fail("cannot load the certificate");
    while (X509 *extra = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr))
        if (SSL_CTX_add_extra_chain_cert(ctx.get(), extra) != 1) {
            X509_free(extra);
            fail("cannot load the certificate chain");
        }
    ERR_clear_error(); // the end of the PEM text reads as an error
    BioPtr key_bio = memory_bio(key_pem);
    KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!key || SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1)
        fail("cannot load the private key");
    if (SSL_CTX_check_private_key(ctx.get()) != 1)
        fail("the private key does not match the certificate");
    return TlsContext(std::move(ctx), true, false);
}

TlsContext TlsContext::server_self_signed(const std::string &common_name)
{
    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        fail("cannot generate a key");
    X509Ptr cert(X509_new());
    if (!cert)
        fail("cannot create a certificate");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(common_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    const std::string san = "DNS:" + common_name + ",IP:127.0.0.1,IP:::1";
    add_extension(cert.get(), NID_subject_alt_name, san.c_str());
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        fail("cannot sign the certificate");

    auto ctx = new_context(true);
    if (SSL_CTX_use_certificate(ctx.get(), cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1)
        fail("cannot use the self-signed certificate");
    return TlsContext(std::move(ctx), true, false);
}

TlsContext TlsContext::client(bool verify, const std::string &ca_file)
{
    auto ctx = new_context(false);
    if (verify) {
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
        const int ok = ca_file.empty()
                           ? SSL_CTX_set_default_verify_paths(ctx.get())
                           : SSL_CTX_load_verify_locations(ctx.get(), ca_file.c_str(), nullptr);
        if (ok != 1)
            fail(ca_file.empty() ? std::string("cannot load the system's trust store")
                                 : "cannot load the CA file '" + ca_file + "'");
    } else {
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    }
    return TlsContext(std::move(ctx), false, verify);
}

TlsContext TlsContext::client_trusting(std::string_view pem)
{
    auto ctx = new_context(false);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    X509_STORE *store = SSL_CTX_get_cert_store(ctx.get());
    BioPtr bio = memory_bio(pem);
    int added = 0;
    while (X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        const int ok = X509_STORE_add_cert(store, cert);
        X509_free(cert);
        if (ok != 1)
            fail("cannot trust the certificate");
        ++added;
    }
    ERR_clear_error();
    if (added == 0)
        throw TlsError("no certificate in the PEM text to trust");
    return TlsContext(std::move(ctx), false, true);
}

std::string TlsContext::certificate_pem() const
{
    X509 *cert = m_ctx ? SSL_CTX_get0_certificate(m_ctx.get()) : nullptr;
    if (!cert)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        fail("cannot write the certificate");
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace diesel
