// SPDX-License-Identifier: MIT
#include "fault_layer.h"

#include <algorithm>
#include <chrono>

namespace diesel::detail {

namespace {
// Written pieces (max_write) go out at least this far apart: a peer reading promptly sees each
// one alone rather than all of them merged in its receive buffer.
constexpr auto kPieceGap = std::chrono::milliseconds(1);
// A bandwidth cap moves a chunk of at most this much of a second's worth at a time.
constexpr double kBandwidthSlice = 0.05;
} // namespace

FaultLayer::FaultLayer(ConnectionCore &core, const FaultPlan &plan)
    : m_plan(plan)
    , m_random(std::random_device{}())
{
    resume.core = &core;
}

FaultLayer::Verdict FaultLayer::admit(Dir dir, std::size_t want, Clock::time_point now)
{
    Pace &p = pace(dir);
    if (m_plan.latency > Clock::duration::zero()) {
        if (!p.due)
            p.due = now + m_plan.latency;
        if (now < *p.due)
            return {Verdict::Hold, 0, *p.due, {}};
    }
    if (now < p.free_at)
        return {Verdict::Hold, 0, p.free_at, {}};
    if (m_plan.drop_probability > 0 &&
        std::uniform_real_distribution<double>(0, 1)(m_random) < m_plan.drop_probability)
        return {Verdict::Drop,
                0,
                {},
                "dropped at random (p " + std::to_string(m_plan.drop_probability) + ")"};
    std::size_t n = want;
    const std::size_t piece = dir == Dir::In ? m_plan.max_read : m_plan.max_write;
    if (piece > 0)
        n = std::min(n, piece);
    if (m_plan.bandwidth > 0)
        n = std::min(n, std::max<std::size_t>(
                            1, static_cast<std::size_t>(m_plan.bandwidth * kBandwidthSlice)));
    if (dir == Dir::Out && m_plan.drop_after > 0) {
        if (m_written >= m_plan.drop_after)
            return {Verdict::Drop,
                    0,
                    {},
                    "dropped after " + std::to_string(m_written) + " bytes written"};
        n = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_plan.drop_after - m_written));
    }
    return {Verdict::Move, n, {}, {}};
}

std::string FaultLayer::moved(Dir dir, std::size_t n, Clock::time_point now)
{
    Pace &p = pace(dir);
    p.due.reset();
    if (m_plan.bandwidth > 0)
        p.free_at = std::max(p.free_at, now) +
                    std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(static_cast<double>(n) / m_plan.bandwidth));
    if (dir == Dir::In)
        return {};
    if (m_plan.max_write > 0)
        p.free_at = std::max(p.free_at, now + kPieceGap);
    m_written += n;
    if (m_plan.drop_after > 0 && m_written >= m_plan.drop_after)
        return "dropped after " + std::to_string(m_written) + " bytes written";
    return {};
}

} // namespace diesel::detail
