// SPDX-License-Identifier: MIT
#include "response_parser.h"

#include <diesel/core/error.h>
#include <diesel/http/client.h>

namespace diesel::http::detail {

ResponseParser::ResponseParser(std::size_t max_header_bytes, std::size_t max_body)
    : m_max_header_bytes(max_header_bytes)
    , m_max_body(max_body)
{
    llhttp_settings_init(&m_settings);
    m_settings.on_header_field = &on_header_field;
    m_settings.on_header_value = &on_header_value;
    m_settings.on_headers_complete = &on_headers_complete;
    m_settings.on_body = &on_body;
    m_settings.on_message_complete = &on_message_complete;
    reset();
}

void ResponseParser::reset()
{
    llhttp_init(&m_parser, HTTP_RESPONSE, &m_settings);
    m_parser.data = this;
    m_heads.clear();
    m_in_message = false;
    m_done = false;
    m_keep_alive = true;
    m_response = Response();
}

void ResponseParser::begin_message()
{
    m_head_request = !m_heads.empty() && m_heads.front();
    if (!m_heads.empty())
        m_heads.pop_front();
    m_in_message = true;
    m_in_head = true;
    m_in_value = false;
    m_head_bytes = 0;
    m_error.clear();
    m_response = Response();
}

void ResponseParser::fail(const std::string &why)
{
    throw HttpProtocolError("HTTP response: " + why);
}

Response ResponseParser::read(Connection &conn)
{
    for (;;) {
        if (!m_in_message)
            begin_message();
        std::string_view view;
        try {
            view = conn.peek(1);
        } catch (const ConnectionClosed &) {
            // A body without length or chunks ends with the connection: that completes it.
            if (!m_in_head && llhttp_message_needs_eof(&m_parser)) {
                const llhttp_errno_t end = llhttp_finish(&m_parser);
                if ((end == HPE_OK || end == HPE_PAUSED) && m_done) {
                    m_done = false;
                    m_in_message = false;
                    m_keep_alive = false;
                    return std::move(m_response);
                }
            }
            throw;
        }
        const bool was_in_head = m_in_head;
        const llhttp_errno_t error = llhttp_execute(&m_parser, view.data(), view.size());
        std::size_t parsed = view.size();
        if (error == HPE_PAUSED) {
            parsed = static_cast<std::size_t>(llhttp_get_error_pos(&m_parser) - view.data());
            llhttp_resume(&m_parser);
        } else if (error != HPE_OK) {
            fail(!m_error.empty() ? m_error : llhttp_get_error_reason(&m_parser));
        }
        conn.consume(parsed);
        if (was_in_head) {
            m_head_bytes += parsed;
            if (m_in_head && m_head_bytes > m_max_header_bytes)
                fail("the head is larger than " + std::to_string(m_max_header_bytes) + " bytes");
        }
        if (!m_done)
            continue;
        m_done = false;
        m_in_message = false;
        const int status = m_response.status;
        if (status >= 100 && status < 200 && status != 101) {
            // An interim response (100 Continue, 103 Early Hints): the final one follows.
            m_heads.push_front(m_head_request);
            continue;
        }
        m_keep_alive = llhttp_should_keep_alive(&m_parser) != 0;
        return std::move(m_response);
    }
}

int ResponseParser::on_header_field(llhttp_t *p, const char *at, std::size_t n)
{
    ResponseParser &me = self(p);
    if (!me.m_in_head)
        return 0; // trailer fields: not kept
    auto &fields = me.m_response.headers.fields();
    if (fields.empty() || me.m_in_value) {
        fields.emplace_back();
        me.m_in_value = false;
    }
    fields.back().name.append(at, n);
    return 0;
}

int ResponseParser::on_header_value(llhttp_t *p, const char *at, std::size_t n)
{
    ResponseParser &me = self(p);
    if (!me.m_in_head)
        return 0;
    me.m_in_value = true;
    me.m_response.headers.fields().back().value.append(at, n);
    return 0;
}

int ResponseParser::on_headers_complete(llhttp_t *p)
{
    ResponseParser &me = self(p);
    me.m_in_head = false;
    me.m_response.status = p->status_code;
    if ((p->flags & F_CONTENT_LENGTH) != 0 && p->content_length > me.m_max_body) {
        me.m_error = "a declared body of " + std::to_string(p->content_length) +
                     " bytes is larger than " + std::to_string(me.m_max_body);
        return -1;
    }
    // 1: the response to a HEAD has no body, whatever its fields say.
    return me.m_head_request ? 1 : 0;
}

int ResponseParser::on_body(llhttp_t *p, const char *at, std::size_t n)
{
    ResponseParser &me = self(p);
    std::string &body = me.m_response.body;
    if (body.size() + n > me.m_max_body) {
        me.m_error = "the body is larger than " + std::to_string(me.m_max_body) + " bytes";
        return HPE_USER;
    }
    body.append(at, n);
    return 0;
}

int ResponseParser::on_message_complete(llhttp_t *p)
{
    self(p).m_done = true;
    // Stop after this response: the bytes after it answer the next request.
    return HPE_PAUSED;
}

} // namespace diesel::http::detail
