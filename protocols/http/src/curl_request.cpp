// SPDX-License-Identifier: MIT
// curl_request(): an easy handle set up from CurlOptions, its response collected within the
// limits, its failure turned into the curl layer's exceptions; perform() and curl_reset().
#include "curl_multi.h"

#include <diesel/core/detail/deadline.h>
#include <diesel/core/detail/seconds_text.h>
#include <diesel/core/hub.h>
#include <diesel/http/curl.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>

namespace diesel::http {

namespace {

struct ListDeleter
{
    void operator()(curl_slist *list) const noexcept { curl_slist_free_all(list); }
};
using List = std::unique_ptr<curl_slist, ListDeleter>;

// What curl's callbacks fill in. They run on the Hub's stack while the Loop waits: they only
// append, and refuse what breaks a limit (curl then aborts with CURLE_WRITE_ERROR).
struct Collector
{
    CurlResponse response;
    std::size_t max_body = 0;
    std::size_t max_header_bytes = 0;
    std::size_t header_bytes = 0;
    bool body_too_large = false;
    bool head_too_large = false;

    static std::size_t on_body(char *data, std::size_t size, std::size_t n, void *self)
    {
        auto &c = *static_cast<Collector *>(self);
        const std::size_t bytes = size * n;
        if (bytes > c.max_body - c.response.body.size()) {
            c.body_too_large = true;
            return 0;
        }
        c.response.body.append(data, bytes);
        return bytes;
    }

    static std::size_t on_header(char *data, std::size_t size, std::size_t n, void *self)
    {
        auto &c = *static_cast<Collector *>(self);
        const std::size_t bytes = size * n;
        std::string_view line(data, bytes);
        if (line.starts_with("HTTP/")) {
            // A new response (after a redirect or a 100 Continue): its fields replace these.
            c.response.headers.clear();
            c.header_bytes = 0;
        }
        c.header_bytes += bytes;
        if (c.header_bytes > c.max_header_bytes) {
            c.head_too_large = true;
            return 0;
        }
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.remove_suffix(1);
        if (line.empty() || line.starts_with("HTTP/"))
            return bytes;
        auto &fields = c.response.headers.fields();
        if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
            fields.back().value += ' ';
            fields.back().value += trim(line);
            return bytes;
        }
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos)
            c.response.headers.add(std::string(line.substr(0, colon)),
                                   std::string(trim(line.substr(colon + 1))));
        return bytes;
    }

    static std::string_view trim(std::string_view s) noexcept
    {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
            s.remove_suffix(1);
        return s;
    }
};

long milliseconds(Seconds timeout) noexcept
{
    const auto d = diesel::detail::duration_of(timeout);
    if (d == Clock::duration::zero())
        return 0;
    return std::max<long>(
        1, static_cast<long>(std::chrono::ceil<std::chrono::milliseconds>(d).count()));
}

long curl_version_of(CurlHttpVersion version) noexcept
{
    switch (version) {
    case CurlHttpVersion::Http1_1:
        return CURL_HTTP_VERSION_1_1;
    case CurlHttpVersion::Http2:
        return CURL_HTTP_VERSION_2_0;
    case CurlHttpVersion::Http2PriorKnowledge:
        return CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
    case CurlHttpVersion::Default:
        break;
    }
    return CURL_HTTP_VERSION_NONE;
}

int version_number(long info) noexcept
{
    switch (info) {
    case CURL_HTTP_VERSION_1_0:
        return 10;
    case CURL_HTTP_VERSION_1_1:
        return 11;
    case CURL_HTTP_VERSION_2_0:
        return 20;
    case CURL_HTTP_VERSION_3:
        return 30;
    default:
        return 0;
    }
}

List header_list(const Headers &headers)
{
    List list;
    for (const Field &field : headers) {
        // "Name;" is curl's way to send a field with an empty value ("Name:" would remove it).
        const std::string line =
            field.value.empty() ? field.name + ";" : field.name + ": " + field.value;
        curl_slist *grown = curl_slist_append(list.get(), line.c_str());
        if (!grown)
            throw std::bad_alloc();
        (void)list.release();
        list.reset(grown);
    }
    return list;
}

void configure(CURL *easy, std::string_view method, const std::string &url, std::string_view body,
               const CurlOptions &options, Collector &collector, curl_slist *headers,
               char *error_buffer)
{
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Collector::on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &collector);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Collector::on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &collector);
    // A declared Content-Length over the limit is refused before any byte of the body.
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(std::min<std::size_t>(
                         options.max_body, std::numeric_limits<curl_off_t>::max())));
    if (method == "HEAD")
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    else if (method != "GET" || !body.empty())
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, std::string(method).c_str());
    if (!body.empty() || method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.data());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    if (options.timeout)
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, milliseconds(*options.timeout));
    if (options.connect_timeout)
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(*options.connect_timeout));
    if (options.max_redirects > 0) {
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
    }
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    if (!options.ca_file.empty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, curl_version_of(options.http_version));
    // An empty proxy turns off the one curl would take from the environment (http_proxy).
    curl_easy_setopt(easy, CURLOPT_PROXY, options.proxy.c_str());
    if (options.cookies) {
        curl_easy_setopt(easy, CURLOPT_SHARE, options.cookies->native_handle());
        curl_easy_setopt(easy, CURLOPT_COOKIEFILE, ""); // turns the cookie engine on
    }
    if (!options.user_agent.empty())
        curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
    if (options.configure)
        options.configure(easy);
}

[[noreturn]] void fail(CURLcode code, const std::string &what, const char *error_buffer,
                       const Collector &collector, const CurlOptions &options)
{
    const std::string message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    if (collector.body_too_large || code == CURLE_FILESIZE_EXCEEDED)
        throw CurlBodyTooLarge(what + ": the response body is larger than max_body (" +
                                   std::to_string(options.max_body) + " bytes)",
                               CURLE_FILESIZE_EXCEEDED);
    if (collector.head_too_large)
        throw CurlError(what + ": the response head is larger than max_header_bytes (" +
                            std::to_string(options.max_header_bytes) + " bytes)",
                        code);
    if (code == CURLE_OPERATION_TIMEDOUT) {
        const std::string limit =
            options.timeout
                ? " (timeout " +
                      diesel::detail::seconds_text(diesel::detail::duration_of(*options.timeout)) +
                      ")"
                : std::string();
        throw CurlTimeout(what + ": timed out" + limit + ": " + message);
    }
    throw CurlError(what + ": " + message, code);
}

} // namespace

CurlResponse curl_request(std::string_view method, const std::string &url, const Headers &headers,
                          std::string_view body, const CurlOptions &options)
{
    Loop::require("http::curl_request");
    detail::ensure_curl_global();
    const detail::EasyHandle easy(curl_easy_init());
    if (!easy)
        throw CurlError("curl_easy_init failed", CURLE_FAILED_INIT);
    Collector collector;
    collector.max_body = options.max_body;
    collector.max_header_bytes = options.max_header_bytes;
    const List fields = header_list(headers);
    char error_buffer[CURL_ERROR_SIZE] = {};
    configure(easy.get(), method, url, body, options, collector, fields.get(), error_buffer);
    const std::string what = "curl " + std::string(method) + " " + url;
    const CURLcode code = detail::CurlMulti::of(Hub::current()).perform(easy.get(), what);
    if (code != CURLE_OK)
        fail(code, what, error_buffer, collector, options);
    CurlResponse &response = collector.response;
    long status = 0;
    curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    long version = 0;
    curl_easy_getinfo(easy.get(), CURLINFO_HTTP_VERSION, &version);
    response.http_version = version_number(version);
    const char *effective = nullptr;
    if (curl_easy_getinfo(easy.get(), CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
        response.effective_url = effective;
    return std::move(response);
}

CurlResponse curl_get(const std::string &url, const CurlOptions &options)
{
    return curl_request("GET", url, {}, {}, options);
}

CURLcode perform(CURL *easy)
{
    Loop::require("http::perform");
    detail::ensure_curl_global();
    return detail::CurlMulti::of(Hub::current()).perform(easy, "curl perform");
}

void curl_reset()
{
    detail::CurlMulti::reset_this_thread();
}

} // namespace diesel::http
