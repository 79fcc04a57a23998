// SPDX-License-Identifier: MIT
// Records the Hub's run slices (Observer::Slices) into a fixed ring while someone watches the
// schedule. When slices come faster than the ring can hold for the window shown, it records one
// in N and says so, instead of falling behind.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/widgets/observerattachment.h>

#include <QObject>

#include <cstdint>
#include <vector>

namespace diesel::widgets {

class SliceRecorder : public QObject, private Observer
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
    /// Appends the recorded slices that end at or after `since` to `out`, oldest first.
    void copySince(Clock::time_point since, std::vector<Slice> &out) const;
    /// Forgets every recorded slice.
    void clear();

Q_SIGNALS:
    void strideChanged(unsigned stride);

private:
    unsigned interests() const override { return Slices; }
    void slice(const Slice &slice) override;

    std::vector<Slice> m_ring;
    std::size_t m_mask;
    std::uint64_t m_written = 0;
    std::uint64_t m_seen = 0;
    unsigned m_stride = 1;
    unsigned m_skip = 0;
    std::uint64_t m_lastSeen = 0;
    Clock::time_point m_lastAdapt{};
    ObserverAttachment m_observing; // last: it detaches before the ring goes
};

} // namespace diesel::widgets
