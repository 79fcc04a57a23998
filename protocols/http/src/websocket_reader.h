// SPDX-License-Identifier: MIT
// Reads WebSocket frames from a connection's buffer without owning it: fed the buffered bytes,
// it says how many to consume and what they completed (a message, a control frame, a protocol
// failure with its close code). A WebSocket runs it over peek()/consume(); the fuzz target runs
// it over arbitrary bytes.
#pragma once

#include "websocket_frame.h"

#include <diesel/http/websocket.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace diesel::http::detail {

class MessageReader
{
public:
    /// What one feed() did.
    enum class Event {
        NeedMore, ///< a header is incomplete: feed again with at least `need` bytes
        Progress, ///< bytes were taken, nothing is complete yet
        Message,  ///< a whole message: take_message()
        Ping,     ///< a ping: control_payload() is to be echoed in a pong
        Pong,     ///< a pong
        Close,    ///< a valid close frame: close_frame()
        Failed,   ///< the peer broke the protocol or a limit: error_code(), error()
    };
    struct Step
    {
        Event event = Event::NeedMore;
        std::size_t consumed = 0; ///< bytes of the input to drop
        std::size_t need = 2;     ///< with NeedMore: bytes the header needs
    };

    /// `expect_masked`: a server's reader (clients must mask). Messages longer than
    /// `max_message` fail with too_big before their payload is taken.
    MessageReader(bool expect_masked, std::size_t max_message) noexcept
        : m_expect_masked(expect_masked)
        , m_max_message(max_message)
    {}

    /// Takes bytes from the start of `bytes` (a frame header whole, or a piece of a payload)
    /// and says what they completed. After Failed every call fails again.
    Step feed(std::string_view bytes);
    /// With `drop` true, data payloads are skipped, not kept (closing: only control frames
    /// matter). Limits still apply.
    void set_dropping(bool drop) noexcept { m_dropping = drop; }
    /// Whether a frame's payload is being read (its header is consumed).
    bool in_payload() const noexcept { return m_in_payload; }

    /// The message completed by the last Message event (moved out).
    Message take_message() noexcept { return std::move(m_message); }
    /// The payload of the last Ping event.
    std::string_view control_payload() const noexcept { return m_control; }
    /// The last Close event's code and reason.
    const CloseParse &close_frame() const noexcept { return m_close; }
    std::uint16_t error_code() const noexcept { return m_error_code; }
    const char *error() const noexcept { return m_error; }

private:
    Step fail(std::uint16_t code, const char *why) noexcept;
    Step start_frame(const FrameHeader &h);
    Step end_frame(std::size_t consumed);

    bool m_expect_masked;
    std::size_t m_max_message;
    bool m_dropping = false;
    bool m_in_payload = false;
    bool m_in_message = false; // a fragmented message has begun
    FrameHeader m_frame;
    std::uint64_t m_done = 0; // payload bytes of m_frame taken
    Message m_message;
    std::string m_control;
    CloseParse m_close;
    std::uint16_t m_error_code = 0;
    const char *m_error = "";
};

} // namespace diesel::http::detail
