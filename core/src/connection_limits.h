// SPDX-License-Identifier: MIT
// How long a connection's waits to read or write may last: a deadline set by its owner (a
// client's request timeout) and a Service's idle timeout and minimum receive rate. The waits of
// ConnectionCore consult it; nothing here touches the socket.
#pragma once

#include <diesel/core/types.h>

#include <cstddef>
#include <optional>
#include <string>

namespace diesel::detail {

struct ConnectionLimits
{
    // Every wait on the connection ends by then (absolute; none by default).
    std::optional<Clock::time_point> deadline;
    // A wait to read ends when nothing arrived for this long; a wait to write after this long.
    // Zero: none.
    Clock::duration idle{};
    // Bytes per second a message must arrive at once its first byte is in, after an allowance
    // of 10 s or `idle` if shorter (0: any rate).
    double min_rate = 0;

    // Whether any limit is set: connections without one pay nothing for the bookkeeping.
    bool active() const noexcept { return deadline || idle.count() > 0 || min_rate > 0; }
    // Notes `n` bytes received; `buffer_was_empty`: they start a new message.
    void on_data(std::size_t n, bool buffer_was_empty) noexcept;

    // Which limit ends a wait.
    enum class Reason {
        Deadline,
        IdleRead,
        IdleWrite,
        SlowRate,
    };
    // When a wait starting now must end, and which limit ends it. The text is made only when
    // the limit fires (why()), since every wait of a limited connection asks for due().
    struct Due
    {
        Clock::time_point when;
        Reason reason;
    };
    std::optional<Due> due(bool write, std::size_t buffered) const noexcept;
    // The message of a wait ended by `reason` ("timed out: idle for more than 300 s").
    std::string why(Reason reason) const;

private:
    Clock::time_point m_last_in = Clock::now();
    Clock::time_point m_message_since = Clock::now();
    std::size_t m_message_bytes = 0;
};

} // namespace diesel::detail
