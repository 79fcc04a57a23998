// SPDX-License-Identifier: MIT
// The bookkeeping of a connection's injected faults (see <diesel/core/faults.h>): per direction,
// when the next chunk may move and how big it may be, and when the connection is to be dropped.
// A ConnectionCore owns one only while a plan is active; its socket reads and writes ask it.
#pragma once

#include <diesel/core/detail/timer.h>
#include <diesel/core/faults.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace diesel::detail {

class ConnectionCore;

class FaultLayer
{
public:
    enum class Dir { In, Out };
    // What a chunk may do now: move up to `n` bytes, wait until `until`, or end the connection
    // (`why` says how).
    struct Verdict
    {
        enum Kind { Move, Hold, Drop } kind = Move;
        std::size_t n = 0;
        Clock::time_point until{};
        std::string why;
    };

    FaultLayer(ConnectionCore &core, const FaultPlan &plan);

    const FaultPlan &plan() const noexcept { return m_plan; }
    // A new plan, keeping the bytes written so far; what is held waits anew under its terms.
    void set_plan(const FaultPlan &plan) noexcept
    {
        m_plan = plan;
        m_in = {};
        m_out = {};
    }

    // Asks to move up to `want` bytes in `dir` at `now`.
    Verdict admit(Dir dir, std::size_t want, Clock::time_point now);
    // `n` bytes moved in `dir` at `now`; a non-empty reason when the connection is to drop now.
    std::string moved(Dir dir, std::size_t n, Clock::time_point now);
    // A read let through found nothing: the next chunk to arrive waits its own latency.
    void found_nothing() noexcept { m_in.due.reset(); }

    // The timer that resumes a held direction, and which directions it resumes.
    struct Resume : TimerEntry
    {
        ConnectionCore *core = nullptr;
        bool in = false;
        bool out = false;
    };
    Resume resume;

private:
    struct Pace
    {
        std::optional<Clock::time_point> due; // latency: when the chunk asked for may move
        Clock::time_point free_at{};          // bandwidth and piece gaps: the next chunk's turn
    };
    Pace &pace(Dir dir) noexcept { return dir == Dir::In ? m_in : m_out; }

    FaultPlan m_plan;
    Pace m_in;
    Pace m_out;
    std::uint64_t m_written = 0;
    std::minstd_rand m_random;
};

} // namespace diesel::detail
