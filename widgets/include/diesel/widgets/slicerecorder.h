// SPDX-License-Identifier: MIT
// Records the Hub's run slices (Observer::Slices) into a fixed ring while someone watches the
// schedule. When slices come faster than the ring can hold for the window shown, it records one
// in N and says so, instead of falling behind.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/widgets/chrometrace.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/observerattachment.h>

#include <QObject>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT SliceRecorder : public QObject, private Observer
{
    Q_OBJECT

public:
    /// A recorder holding `capacity` slices (rounded up to a power of two).
    explicit SliceRecorder(Hub &hub, std::size_t capacity = std::size_t(1) << 16,
                           QObject *parent = nullptr);

    /// Starts or stops observing slices. An unwatched Hub pays one branch per switch.
    void setRecording(bool recording);
    bool recording() const noexcept { return m_observing.attached(); }

    /// Records one slice in `stride` (1: all of them).
    void setStride(unsigned stride);
    unsigned stride() const noexcept { return m_stride; }
    /// Sets the stride from the rate seen since the last call, so that the ring spans `window`.
    void adapt(Clock::duration window);

    /// Slices observed (recorded or skipped) since recording started.
    std::uint64_t seen() const noexcept { return m_seen; }
    std::size_t capacity() const noexcept { return m_ring.size(); }
    /// When recording first started (since the last clear()): time zero of rulers and traces.
    Clock::time_point origin() const noexcept { return m_origin; }
    /// The last label of a Loop that ended while recording, or nullptr: Loops too short-lived
    /// for any sample still get their name on the schedule and in traces.
    const std::string *endedLabel(LoopId id) const;
    /// The start of what the ring covers: when recording began, or once it wrapped, when its
    /// oldest slice began.
    Clock::time_point coveredSince() const noexcept
    {
        return m_written > m_ring.size() ? m_ring[m_written & m_mask].begin : m_origin;
    }
    /// When the newest recorded slice ended (epoch if none).
    Clock::time_point newestEnd() const noexcept
    {
        return m_written ? m_ring[(m_written - 1) & m_mask].end : Clock::time_point{};
    }
    /// Appends the recorded slices that end at or after `since` to `out`, oldest first.
    void copySince(Clock::time_point since, std::vector<Slice> &out) const;
    /// Everything recorded, with a track for each of `loops` (the live ones, say) and for every
    /// Loop that has a slice (named by its last label, or "Loop N").
    ScheduleCapture capture(std::map<LoopId, QString> loops) const;
    /// Forgets every recorded slice.
    void clear();

Q_SIGNALS:
    void strideChanged(unsigned stride);

private:
    unsigned interests() const override { return Slices | Lifecycle; }
    void slice(const Slice &slice) override;
    void loop_ended(const Loop &loop, std::string_view error) override;

    std::vector<Slice> m_ring;
    std::size_t m_mask;
    std::uint64_t m_written = 0;
    std::uint64_t m_seen = 0;
    unsigned m_stride = 1;
    unsigned m_skip = 0;
    std::uint64_t m_lastSeen = 0;
    Clock::time_point m_lastAdapt{};
    Clock::time_point m_origin{};
    std::unordered_map<LoopId, std::string> m_ended;
    ObserverAttachment m_observing; // last: it detaches before the ring goes
};

} // namespace diesel::widgets
