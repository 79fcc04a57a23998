// SPDX-License-Identifier: MIT
// llhttp reading HTTP responses from a connection for HttpClient. Its state lives here, not on
// a Loop's stack, so a response one Loop stopped reading is read to its end by the next one
// (RequestChannel's discard).
#pragma once

#include <diesel/core/connection.h>
#include <diesel/http/response.h>

#include <llhttp.h>

#include <cstddef>
#include <deque>

namespace diesel::http::detail {

class ResponseParser
{
public:
    ResponseParser(std::size_t max_header_bytes, std::size_t max_body);
    ResponseParser(const ResponseParser &) = delete;
    ResponseParser &operator=(const ResponseParser &) = delete;

    /// Notes a request just sent, in order: the response to a HEAD has no body.
    void sent(bool head_request) { m_heads.push_back(head_request); }
    /// Suspends the calling Loop until the next whole final response is read from `conn`
    /// (interim 1xx responses are skipped); continues one a previous call left midway. Throws
    /// HttpProtocolError, ConnectionClosed.
    Response read(Connection &conn);
    /// Whether the last response read lets the connection carry another request.
    bool keep_alive() const noexcept { return m_keep_alive; }
    /// Forgets everything: the connection was dropped.
    void reset();

private:
    static int on_header_field(llhttp_t *p, const char *at, std::size_t n);
    static int on_header_value(llhttp_t *p, const char *at, std::size_t n);
    static int on_headers_complete(llhttp_t *p);
    static int on_body(llhttp_t *p, const char *at, std::size_t n);
    static int on_message_complete(llhttp_t *p);
    static ResponseParser &self(llhttp_t *p) { return *static_cast<ResponseParser *>(p->data); }
    [[noreturn]] void fail(const std::string &why);
    void begin_message();

    std::size_t m_max_header_bytes;
    std::size_t m_max_body;
    llhttp_settings_t m_settings{};
    llhttp_t m_parser{};
    std::deque<bool> m_heads; // HEAD or not, for each response still to read
    bool m_in_message = false;
    bool m_head_request = false;
    bool m_in_head = true;
    bool m_in_value = false;
    bool m_done = false;
    bool m_keep_alive = true;
    std::size_t m_head_bytes = 0;
    std::string m_error;
    Response m_response;
};

} // namespace diesel::http::detail
