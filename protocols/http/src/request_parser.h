// SPDX-License-Identifier: MIT
// llhttp driven over bytes the caller owns: it fills a Request and stops after the head and
// after the message, so the caller consumes exactly one request and leaves the next buffered.
#pragma once

#include <diesel/http/limits.h>
#include <diesel/http/request.h>

#include <llhttp.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace diesel::http::detail {

class RequestParser
{
public:
    explicit RequestParser(RequestLimits limits);
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    /// Starts a new message, built into `into` (which must outlive the parse).
    void start(Request &into);

    enum class Step {
        NeedMore,        ///< every byte given was parsed; give more
        HeadComplete,    ///< the head is in; feed() again (with the rest) continues with the body
        MessageComplete, ///< the request is complete; bytes after it belong to the next one
        Failed,          ///< malformed or over a limit: answer status() and close
    };
    struct Result
    {
        Step step;
        std::size_t parsed; ///< bytes of `data` that belong to this message
    };
    /// Parses `data`, the bytes that follow the ones given before.
    Result feed(std::string_view data);

    /// After Failed: 400, 413, 414 or 431; and why, for the log and the body.
    int status() const noexcept { return m_status; }
    const std::string &reason() const noexcept { return m_reason; }
    /// After HeadComplete: the head's fields in the Request, and these.
    bool keep_alive() const noexcept;
    bool expects_continue() const noexcept { return m_expect_continue; }
    bool has_body() const noexcept { return m_has_body; }
    /// Bytes of head parsed so far (counted against max_header_bytes).
    std::size_t head_bytes() const noexcept { return m_head_bytes; }

private:
    static int on_url(llhttp_t *p, const char *at, std::size_t n);
    static int on_header_field(llhttp_t *p, const char *at, std::size_t n);
    static int on_header_value(llhttp_t *p, const char *at, std::size_t n);
    static int on_headers_complete(llhttp_t *p);
    static int on_body(llhttp_t *p, const char *at, std::size_t n);
    static int on_message_complete(llhttp_t *p);
    static RequestParser &self(llhttp_t *p) { return *static_cast<RequestParser *>(p->data); }
    // The callbacks, one table for every parser: a table per connection would be one more set
    // of cold cache lines to read per request once thousands of connections take turns.
    static const llhttp_settings_t &settings() noexcept;
    int fail(int status, std::string reason);
    // Counts `n` bytes of chunked-body trailer fields, which are bounded and not kept.
    int count_trailer(std::size_t n);

    RequestLimits m_limits;
    llhttp_t m_parser{};
    Request *m_request = nullptr;
    bool m_in_head = true;
    bool m_in_value = false;
    bool m_message_done = false;
    bool m_expect_continue = false;
    bool m_has_body = false;
    // Where the bytes of this and the previous feed() lie, and where the last value span ended:
    // what tells a value split between two feeds from an obs-fold.
    const char *m_data_begin = nullptr;
    const char *m_data_end = nullptr;
    const char *m_data_end_before = nullptr;
    const char *m_value_end = nullptr;
    std::size_t m_head_bytes = 0;
    std::size_t m_trailer_bytes = 0;
    int m_status = 0;
    std::string m_reason;
};

} // namespace diesel::http::detail
