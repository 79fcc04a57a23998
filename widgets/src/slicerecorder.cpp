// SPDX-License-Identifier: MIT
#include <diesel/core/loop.h>
#include <diesel/widgets/slicerecorder.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace diesel::widgets {

SliceRecorder::SliceRecorder(Hub &hub, std::size_t capacity, QObject *parent)
    : QObject(parent)
    , m_ring(std::bit_ceil(std::max<std::size_t>(capacity, 16)))
    , m_mask(m_ring.size() - 1)
    , m_observing(hub, *this)
{}

void SliceRecorder::setRecording(bool recording)
{
    if (recording == m_observing.attached() || !m_observing.hubIsCurrent())
        return;
    if (recording) {
        m_lastAdapt = Clock::now();
        if (m_origin == Clock::time_point{})
            m_origin = m_lastAdapt;
        m_lastSeen = m_seen;
        m_observing.attach();
    } else {
        m_observing.detach();
    }
}

void SliceRecorder::setStride(unsigned stride)
{
    stride = std::max(1u, stride);
    if (stride == m_stride)
        return;
    m_stride = stride;
    m_skip = 0;
    Q_EMIT strideChanged(stride);
}

void SliceRecorder::adapt(Clock::duration window)
{
    const Clock::time_point now = Clock::now();
    const double dt = std::chrono::duration<double>(now - m_lastAdapt).count();
    if (dt < 0.2)
        return;
    const double rate = double(m_seen - m_lastSeen) / dt;
    m_lastAdapt = now;
    m_lastSeen = m_seen;
    const double needed = rate * std::chrono::duration<double>(window).count();
    const double room = double(m_ring.size()) * 0.9;
    const unsigned wanted = needed <= room ? 1u : unsigned(std::ceil(needed / room));
    // Change only on a clear difference, so the picture does not flicker between two strides.
    if (wanted > m_stride || wanted * 2 <= m_stride)
        setStride(wanted);
}

void SliceRecorder::slice(const Slice &s)
{
    ++m_seen;
    if (m_stride > 1) {
        if (++m_skip < m_stride)
            return;
        m_skip = 0;
    }
    m_ring[m_written & m_mask] = s;
    ++m_written;
}

void SliceRecorder::loop_ended(const Loop &loop, std::string_view)
{
    // Bounded like the ring: past its size, keep only the Loops that still have a slice in it.
    if (m_ended.size() >= m_ring.size()) {
        std::unordered_map<LoopId, std::string> kept;
        const std::uint64_t available = std::min<std::uint64_t>(m_written, m_ring.size());
        for (std::uint64_t i = 0; i < available; ++i)
            if (auto it = m_ended.find(m_ring[i].loop); it != m_ended.end())
                kept.insert(*it);
        m_ended = std::move(kept);
    }
    m_ended[loop.id()] = loop.label();
}

const std::string *SliceRecorder::endedLabel(LoopId id) const
{
    const auto it = m_ended.find(id);
    return it != m_ended.end() ? &it->second : nullptr;
}

void SliceRecorder::copySince(Clock::time_point since, std::vector<Slice> &out) const
{
    const std::uint64_t available = std::min<std::uint64_t>(m_written, m_ring.size());
    std::uint64_t n = 0;
    while (n < available && m_ring[(m_written - 1 - n) & m_mask].end >= since)
        ++n;
    const std::size_t start = out.size();
    out.resize(start + n);
    for (std::uint64_t i = 0; i < n; ++i)
        out[start + i] = m_ring[(m_written - n + i) & m_mask];
}

ScheduleCapture SliceRecorder::capture(std::map<LoopId, QString> loops) const
{
    ScheduleCapture c;
    copySince(Clock::time_point{}, c.slices);
    for (const Slice &s : c.slices)
        if (!loops.count(s.loop)) {
            const std::string *ended = endedLabel(s.loop);
            loops.emplace(s.loop, ended ? QString::fromStdString(*ended)
                                        : QStringLiteral("Loop %1").arg(s.loop));
        }
    c.loops = std::move(loops);
    c.origin = m_origin;
    c.end = Clock::now();
    c.stride = m_stride;
    return c;
}

void SliceRecorder::clear()
{
    m_written = 0;
    m_ended.clear();
    m_origin = m_observing.attached() ? Clock::now() : Clock::time_point{};
}

} // namespace diesel::widgets
