// SPDX-License-Identifier: MIT
// libcurl made cooperative: transfers run on the thread's Hub (one curl multi handle per Hub,
// its sockets and timers on the Hub's own watchers and timers), so a curl call suspends only the
// calling Loop — HTTPS, HTTP/2, proxies, cookies, everything curl does.
#pragma once

#include <diesel/core/error.h>
#include <diesel/core/types.h>
#include <diesel/http/export.h>
#include <diesel/http/headers.h>
#include <diesel/http/response.h>

#include <curl/curl.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace diesel::http {

/// The error category of curl's CURLcode values: Error::code() of a CurlError or a CurlTimeout
/// compares equal to std::error_code(CURLE_COULDNT_CONNECT, curl_category()).
DIESEL_HTTP_EXPORT const std::error_category &curl_category() noexcept;

/// A curl transfer failed (refused, TLS verification, bad URL, ...): code() holds the CURLcode
/// (curl_category()), what() curl's own message and the URL.
class DIESEL_HTTP_EXPORT CurlError : public Error
{
public:
    /// An error with message `what` and curl's `code`.
    CurlError(const std::string &what, CURLcode code);
    /// The CURLcode behind it.
    CURLcode curl_code() const noexcept { return static_cast<CURLcode>(code().value()); }
};

/// The response body was larger than CurlOptions::max_body; the transfer was aborted there.
class DIESEL_HTTP_EXPORT CurlBodyTooLarge : public CurlError
{
public:
    using CurlError::CurlError;
};

/// A curl transfer outlasted CurlOptions::timeout (CURLE_OPERATION_TIMEDOUT, in code()).
class DIESEL_HTTP_EXPORT CurlTimeout : public RequestTimeout
{
public:
    /// A timeout with message `what` (code() is CURLE_OPERATION_TIMEDOUT).
    explicit CurlTimeout(const std::string &what);
};

/// Cookies shared by every transfer given it (a curl share handle): a cookie one response
/// sets is sent by later requests of any Loop, on any thread, that use the same jar.
class DIESEL_HTTP_EXPORT CookieJar
{
public:
    /// An empty jar.
    CookieJar();
    CookieJar(const CookieJar &) = delete;
    CookieJar &operator=(const CookieJar &) = delete;
    /// Frees the cookies; no transfer may be using the jar any more.
    ~CookieJar();

    /// The cookies held, one line each in curl's Netscape format (domain, path, name, value...).
    std::vector<std::string> cookies() const;
    /// The curl share handle, for easy handles of your own (CURLOPT_SHARE).
    CURLSH *native_handle() const noexcept;

private:
    struct State;
    std::unique_ptr<State> d;
};

/// Which HTTP version curl asks for.
enum class CurlHttpVersion {
    Default,             ///< curl's choice: HTTP/2 over TLS when the server offers it, else 1.1
    Http1_1,             ///< HTTP/1.1 only
    Http2,               ///< HTTP/2 over TLS (ALPN) and as an upgrade of plain HTTP/1.1
    Http2PriorKnowledge, ///< HTTP/2 from the first byte, also without TLS
};

/// Settings of curl_request() and curl_get().
struct DIESEL_HTTP_EXPORT CurlOptions
{
    /// Bounds the whole transfer (CurlTimeout); none: unbounded.
    std::optional<Seconds> timeout = Seconds(30);
    /// Bounds connecting (TCP and TLS handshake) alone; none: curl's default (300 s).
    std::optional<Seconds> connect_timeout;
    /// How many redirects to follow (any host); 0 returns the redirect itself.
    int max_redirects = 0;
    bool verify_tls = true; ///< check the server's certificate and name
    std::string ca_file;    ///< PEM file of trusted CAs; empty: the system's
    CurlHttpVersion http_version = CurlHttpVersion::Default;
    std::string proxy; ///< "http://host:port", "socks5://..."; empty: none (environment ignored)
    /// Cookies kept across calls; null: cookies are neither stored nor sent.
    std::shared_ptr<CookieJar> cookies;
    std::size_t max_body = 256 * 1024 * 1024; ///< larger response body: CurlBodyTooLarge
    std::size_t max_header_bytes = 64 * 1024; ///< larger response head: CurlError
    std::string user_agent = "diesel";        ///< the User-Agent field; empty: none
    /// Called last on the easy handle before the transfer: any curl option not covered above.
    std::function<void(CURL *)> configure;
};

/// A response fetched by curl: HttpClient's Response plus what curl knows about the transfer.
struct DIESEL_HTTP_EXPORT CurlResponse : Response
{
    int http_version = 0;      ///< 10, 11, 20 (or 30): the version the response came in
    std::string effective_url; ///< the URL of the last request (after redirects)
};

/// Suspends the calling Loop until curl has fetched `url` with `method` (HEAD fetches no
/// body), `headers` and `body` (sent when not empty). Other Loops run meanwhile. Throws
/// CurlError, CurlBodyTooLarge, CurlTimeout; cancelling the Loop aborts the transfer.
DIESEL_HTTP_EXPORT CurlResponse curl_request(std::string_view method, const std::string &url,
                                             const Headers &headers = {},
                                             std::string_view body = {},
                                             const CurlOptions &options = {});
/// curl_request("GET", url, {}, {}, options).
DIESEL_HTTP_EXPORT CurlResponse curl_get(const std::string &url, const CurlOptions &options = {});

/// Suspends the calling Loop until the transfer of `easy` — a handle configured by you — is
/// done, and returns its result like curl_easy_perform() (curl's callbacks run on the Hub, so
/// they must not suspend). Throws CurlError if the handle cannot be added (it is busy already);
/// if the Loop is cancelled the handle is taken out of the transfer first.
DIESEL_HTTP_EXPORT CURLcode perform(CURL *easy);

/// Closes this thread's curl multi handle and the connections it keeps for reuse; the next
/// transfer opens a new one. Throws diesel::Error while transfers are running on it.
DIESEL_HTTP_EXPORT void curl_reset();

} // namespace diesel::http
