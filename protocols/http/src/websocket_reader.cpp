// SPDX-License-Identifier: MIT
#include "websocket_reader.h"

#include <algorithm>

namespace diesel::http::detail {

MessageReader::Step MessageReader::fail(std::uint16_t code, const char *why) noexcept
{
    m_error_code = code;
    m_error = why;
    return Step{Event::Failed, 0, 0};
}

// Checks a complete header against the message in progress and the size limit.
MessageReader::Step MessageReader::start_frame(const FrameHeader &h)
{
    if (!h.is_control()) {
        if (h.opcode == Opcode::Continuation && !m_in_message)
            return fail(close_code::protocol_error, "continuation frame without a message");
        if (h.opcode != Opcode::Continuation) {
            if (m_in_message)
                return fail(close_code::protocol_error, "new message inside a fragmented one");
            m_in_message = true;
            m_message.type = h.opcode == Opcode::Text ? Message::Type::Text : Message::Type::Binary;
            m_message.data.clear();
        }
        if (h.length > m_max_message - std::min(m_max_message, m_message.data.size()))
            return fail(close_code::too_big, "message over the size limit");
    } else {
        m_control.clear();
    }
    m_frame = h;
    m_done = 0;
    m_in_payload = true;
    if (h.length == 0)
        return end_frame(h.header_size);
    return Step{Event::Progress, h.header_size, 0};
}

// The frame's payload is all in: what it completes.
MessageReader::Step MessageReader::end_frame(std::size_t consumed)
{
    m_in_payload = false;
    switch (m_frame.opcode) {
    case Opcode::Ping:
        return Step{Event::Ping, consumed, 0};
    case Opcode::Pong:
        return Step{Event::Pong, consumed, 0};
    case Opcode::Close:
        m_close = parse_close_payload(m_control);
        if (m_close.error != 0)
            return fail(m_close.error, "invalid close frame");
        return Step{Event::Close, consumed, 0};
    default:
        break;
    }
    if (!m_frame.fin)
        return Step{Event::Progress, consumed, 0};
    m_in_message = false;
    if (m_dropping)
        return Step{Event::Progress, consumed, 0};
    if (m_message.is_text() && !valid_utf8(m_message.data))
        return fail(close_code::invalid_payload, "text message not UTF-8");
    return Step{Event::Message, consumed, 0};
}

MessageReader::Step MessageReader::feed(std::string_view bytes)
{
    if (m_error_code != 0)
        return Step{Event::Failed, 0, 0};
    if (!m_in_payload) {
        const FrameParse r = parse_frame_header(bytes, m_expect_masked);
        if (r.status == FrameParse::Status::Failed)
            return fail(r.code, r.why);
        if (r.status == FrameParse::Status::NeedMore)
            return Step{Event::NeedMore, 0, r.need};
        return start_frame(r.header);
    }
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), m_frame.length - m_done));
    std::string *out = m_frame.is_control() ? &m_control : m_dropping ? nullptr : &m_message.data;
    if (out) {
        const std::size_t at = out->size();
        out->append(bytes.data(), n);
        if (m_frame.masked)
            apply_mask(out->data() + at, n, m_frame.mask, m_done);
    }
    m_done += n;
    if (m_done == m_frame.length)
        return end_frame(n);
    return Step{Event::Progress, n, 0};
}

} // namespace diesel::http::detail
