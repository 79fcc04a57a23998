// SPDX-License-Identifier: MIT
#include "connection_limits.h"

#include <diesel/core/detail/seconds_text.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace diesel::detail {

namespace {
// The allowance before the minimum rate applies: the first packets of a message may be slow to
// come (a TLS record, a client that writes its request in parts).
constexpr auto kRateGrace = std::chrono::seconds(10);

void keep_earliest(std::optional<ConnectionLimits::Due> &due, Clock::time_point when,
                   ConnectionLimits::Reason reason) noexcept
{
    if (!due || when < due->when)
        due = ConnectionLimits::Due{when, reason};
}
} // namespace

void ConnectionLimits::on_data(std::size_t n, bool buffer_was_empty) noexcept
{
    m_last_in = Clock::now();
    if (buffer_was_empty) {
        m_message_since = m_last_in;
        m_message_bytes = 0;
    }
    m_message_bytes += n;
}

std::optional<ConnectionLimits::Due> ConnectionLimits::due(bool write,
                                                           std::size_t buffered) const noexcept
{
    std::optional<Due> due;
    if (deadline)
        keep_earliest(due, *deadline, Reason::Deadline);
    if (idle.count() > 0) {
        if (write)
            keep_earliest(due, Clock::now() + idle, Reason::IdleWrite);
        else
            keep_earliest(due, m_last_in + idle, Reason::IdleRead);
    }
    if (!write && min_rate > 0 && buffered > 0) {
        const auto allowed = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(static_cast<double>(m_message_bytes) / min_rate));
        const Clock::duration grace =
            idle.count() > 0 ? std::min<Clock::duration>(idle, kRateGrace) : kRateGrace;
        keep_earliest(due, m_message_since + grace + allowed, Reason::SlowRate);
    }
    return due;
}

std::string ConnectionLimits::why(Reason reason) const
{
    switch (reason) {
    case Reason::Deadline:
        return "timed out (the deadline of the request passed)";
    case Reason::IdleRead:
        return "timed out: idle for more than " + seconds_text(idle);
    case Reason::IdleWrite:
        return "timed out: the peer read nothing for " + seconds_text(idle);
    case Reason::SlowRate:
        return "timed out: receiving slower than " + std::to_string(std::llround(min_rate)) +
               " bytes/s";
    }
    return "timed out";
}

} // namespace diesel::detail
