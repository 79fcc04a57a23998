// SPDX-License-Identifier: MIT
#include "request_parser.h"

namespace diesel::http::detail {

const llhttp_settings_t &RequestParser::settings() noexcept
{
    static const llhttp_settings_t table = [] {
        llhttp_settings_t s;
        llhttp_settings_init(&s);
        s.on_url = &on_url;
        s.on_header_field = &on_header_field;
        s.on_header_value = &on_header_value;
        s.on_headers_complete = &on_headers_complete;
        s.on_body = &on_body;
        s.on_message_complete = &on_message_complete;
        return s;
    }();
    return table;
}

RequestParser::RequestParser(RequestLimits limits)
    : m_limits(limits)
{
    llhttp_init(&m_parser, HTTP_REQUEST, &settings());
    m_parser.data = this;
}

void RequestParser::start(Request &into)
{
    m_request = &into;
    m_in_head = true;
    m_in_value = false;
    m_message_done = false;
    m_expect_continue = false;
    m_has_body = false;
    m_head_bytes = 0;
    m_trailer_bytes = 0;
}

RequestParser::Result RequestParser::feed(std::string_view data)
{
    if (m_status != 0)
        return {Step::Failed, 0};
    if (data.empty())
        return {Step::NeedMore, 0};
    const bool was_in_head = m_in_head;
    m_data_end_before = m_data_end;
    m_data_begin = data.data();
    m_data_end = data.data() + data.size();
    const llhttp_errno_t error = llhttp_execute(&m_parser, data.data(), data.size());
    std::size_t parsed = data.size();
    if (error == HPE_PAUSED || error == HPE_PAUSED_UPGRADE) {
        parsed = static_cast<std::size_t>(llhttp_get_error_pos(&m_parser) - data.data());
        if (error == HPE_PAUSED)
            llhttp_resume(&m_parser);
        else
            llhttp_resume_after_upgrade(&m_parser);
    } else if (error != HPE_OK) {
        if (m_status == 0) {
            const char *why = llhttp_get_error_reason(&m_parser);
            fail(400, why ? why : llhttp_errno_name(error));
        }
        return {Step::Failed, 0};
    }
    if (was_in_head) {
        m_head_bytes += parsed;
        if (m_head_bytes > m_limits.max_header_bytes) {
            fail(431, "the request head is larger than " +
                          std::to_string(m_limits.max_header_bytes) + " bytes");
            return {Step::Failed, 0};
        }
    }
    if (m_message_done)
        return {Step::MessageComplete, parsed};
    if (was_in_head && !m_in_head)
        return {Step::HeadComplete, parsed};
    return {Step::NeedMore, parsed};
}

bool RequestParser::keep_alive() const noexcept
{
    return llhttp_should_keep_alive(&m_parser) != 0 && m_parser.upgrade == 0;
}

int RequestParser::fail(int status, std::string reason)
{
    m_status = status;
    m_reason = std::move(reason);
    return HPE_USER;
}

int RequestParser::on_url(llhttp_t *p, const char *at, std::size_t n)
{
    RequestParser &me = self(p);
    std::string &target = me.m_request->target;
    if (target.size() + n > me.m_limits.max_target)
        return me.fail(414, "the request target is longer than " +
                                std::to_string(me.m_limits.max_target) + " bytes");
    target.append(at, n);
    return 0;
}

int RequestParser::count_trailer(std::size_t n)
{
    m_trailer_bytes += n;
    return m_trailer_bytes > m_limits.max_header_bytes
               ? fail(431, "the trailer fields are too large")
               : 0;
}

int RequestParser::on_header_field(llhttp_t *p, const char *at, std::size_t n)
{
    RequestParser &me = self(p);
    if (!me.m_in_head)
        return me.count_trailer(n);
    auto &fields = me.m_request->headers.fields();
    if (fields.empty() || me.m_in_value) {
        if (fields.size() >= me.m_limits.max_headers)
            return me.fail(431, "more than " + std::to_string(me.m_limits.max_headers) +
                                    " header fields");
        fields.emplace_back();
        me.m_in_value = false;
    }
    fields.back().name.append(at, n);
    return 0;
}

int RequestParser::on_header_value(llhttp_t *p, const char *at, std::size_t n)
{
    RequestParser &me = self(p);
    if (!me.m_in_head)
        return me.count_trailer(n);
    // llhttp joins an obs-fold line to the value silently, as a second span of the same field.
    // A field's value continues legitimately only across the end of the bytes fed, so any
    // other continuation is a fold, which RFC 9112 §5.2 lets a server reject.
    if (me.m_in_value && (me.m_value_end != me.m_data_end_before || at != me.m_data_begin))
        return me.fail(400, "obsolete line folding in a header field");
    me.m_in_value = true;
    me.m_value_end = at + n;
    me.m_request->headers.fields().back().value.append(at, n);
    return 0;
}

int RequestParser::on_headers_complete(llhttp_t *p)
{
    RequestParser &me = self(p);
    Request &r = *me.m_request;
    me.m_in_head = false;
    r.method = llhttp_method_name(static_cast<llhttp_method_t>(p->method));
    r.version_major = p->http_major;
    r.version_minor = p->http_minor;
    me.m_has_body = (p->flags & F_CHUNKED) != 0 ||
                    ((p->flags & F_CONTENT_LENGTH) != 0 && p->content_length > 0);
    if ((p->flags & F_CONTENT_LENGTH) != 0 && p->content_length > me.m_limits.max_body)
        return me.fail(413, "the declared body of " + std::to_string(p->content_length) +
                                " bytes is larger than " + std::to_string(me.m_limits.max_body));
    if ((p->flags & F_CONTENT_LENGTH) != 0)
        r.body.reserve(static_cast<std::size_t>(p->content_length));
    me.m_expect_continue = me.m_has_body && r.headers.has_token("Expect", "100-continue");
    // Stop before a body so that the caller can send 100 Continue and switch to consuming the
    // body as it is parsed; without one, go on to on_message_complete at once.
    return me.m_has_body ? HPE_PAUSED : 0;
}

int RequestParser::on_body(llhttp_t *p, const char *at, std::size_t n)
{
    RequestParser &me = self(p);
    std::string &body = me.m_request->body;
    if (body.size() + n > me.m_limits.max_body)
        return me.fail(413, "the body is larger than " + std::to_string(me.m_limits.max_body) +
                                " bytes");
    body.append(at, n);
    return 0;
}

int RequestParser::on_message_complete(llhttp_t *p)
{
    self(p).m_message_done = true;
    // Stop right after this message: the bytes after it are the next pipelined request.
    return HPE_PAUSED;
}

} // namespace diesel::http::detail
