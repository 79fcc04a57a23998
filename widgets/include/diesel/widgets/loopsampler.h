// SPDX-License-Identifier: MIT
// Samples the Hub's Loops at a steady rate (about 10 Hz) for the views, instead of reacting to
// every event: watching must not slow the engine down.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/widgets/export.h>

#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace diesel::widgets {

/// One Loop as the views show it: a live Loop's snapshot, or a Loop that ended by an error a
/// moment ago (kept for a few seconds so that people see it die).
struct DIESEL_WIDGETS_EXPORT LoopRecord
{
    LoopInfo info;
    bool ended = false;
    std::string error; ///< why it ended, when `ended`
    Clock::time_point endedAt{};
};

/// Every Loop at one moment, sorted by id, with the Hub's totals.
struct DIESEL_WIDGETS_EXPORT LoopSample
{
    std::shared_ptr<const std::vector<LoopRecord>> loops;
    HubStats stats;
    Clock::time_point at{};

    /// The records of `loops` (none before the first sample).
    const std::vector<LoopRecord> &records() const;
};

/// Takes Hub::snapshot() at a fixed interval while at least one view holds it active, and keeps
/// Loops that ended with an error visible for a while (it observes Lifecycle events for that).
class DIESEL_WIDGETS_EXPORT LoopSampler : public QObject
{
    Q_OBJECT

public:
    explicit LoopSampler(Hub &hub, QObject *parent = nullptr);
    ~LoopSampler() override;

    Hub &hub() const noexcept { return m_hub; }
    /// The sampling interval (default 100 ms).
    void setInterval(std::chrono::milliseconds interval);
    /// How long a Loop that ended with an error stays in samples (default 5 s).
    void setEndedLinger(std::chrono::milliseconds linger);

    /// Views call acquire() while they are visible and release() when hidden; sampling runs
    /// while the count is positive.
    void acquire();
    void release();
    bool active() const noexcept { return m_users > 0; }

    /// Takes a sample now, emits sampled() and returns it.
    LoopSample sampleNow();
    /// The last sample taken (empty before the first).
    const LoopSample &latest() const noexcept { return m_latest; }

Q_SIGNALS:
    void sampled(const diesel::widgets::LoopSample &sample);

private:
    class EndObserver;
    Hub &m_hub;
    QTimer m_timer;
    int m_users = 0;
    std::chrono::milliseconds m_linger{5000};
    std::unique_ptr<EndObserver> m_observer;
    LoopSample m_latest;
};

/// Holds a LoopSampler for a view while the view can be seen: shown (Qt's show and hide events)
/// and viewed (a dock tabbed behind another stays "visible" to Qt, so the view is told). Lets go
/// of the sampler when destroyed.
class DIESEL_WIDGETS_EXPORT SamplerUse
{
public:
    /// `changed` runs whenever the view comes into sight or leaves it, before the sampler is
    /// acquired (which takes a sample at once) or released.
    explicit SamplerUse(LoopSampler &sampler, std::function<void(bool active)> changed = {});
    ~SamplerUse();
    SamplerUse(const SamplerUse &) = delete;
    SamplerUse &operator=(const SamplerUse &) = delete;

    void setShown(bool shown);
    /// Default: true.
    void setViewed(bool viewed);
    /// Shown and viewed: the sampler is held.
    bool active() const noexcept { return m_active; }

private:
    void update();

    LoopSampler &m_sampler;
    std::function<void(bool)> m_changed;
    bool m_shown = false;
    bool m_viewed = true;
    bool m_active = false;
};

} // namespace diesel::widgets

Q_DECLARE_METATYPE(diesel::widgets::LoopSample)
