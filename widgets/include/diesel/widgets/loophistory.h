// SPDX-License-Identifier: MIT
// The recent state history of one Loop: observes state changes only while a Loop is watched,
// and only keeps those of that Loop, in a small ring.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/observerattachment.h>

#include <QAbstractListModel>
#include <QTimer>

#include <deque>
#include <string>

namespace diesel::widgets {

/// One state a Loop went through.
struct DIESEL_WIDGETS_EXPORT LoopHistoryEntry
{
    Clock::time_point at{};
    LoopState state = LoopState::Ready;
    WaitKind kind = WaitKind::None;
    std::string detail; ///< what it waited on, or why it ended
    bool ended = false;
};

/// Records the state changes of the watched Loop and shows them as a list (newest last).
class DIESEL_WIDGETS_EXPORT LoopHistoryModel : public QAbstractListModel, private Observer
{
    Q_OBJECT

public:
    explicit LoopHistoryModel(Hub &hub, QObject *parent = nullptr);

    /// Starts watching `id` (0: none), forgetting the previous Loop's history.
    void watch(LoopId id);
    LoopId watched() const noexcept { return m_id; }
    /// How many state changes are kept.
    static constexpr std::size_t kCapacity = 200;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    const std::deque<LoopHistoryEntry> &entries() const noexcept { return m_shown; }

Q_SIGNALS:
    /// New entries were shown (at most every 100 ms).
    void grew();

private:
    using Observer::data; // not observed; named so that it does not hide the model's data()
    unsigned interests() const override { return States | Lifecycle; }
    void loop_state_changed(const Loop &loop) override;
    void loop_ended(const Loop &loop, std::string_view error) override;
    void publish();

    Hub &m_hub;
    LoopId m_id = 0;
    std::deque<LoopHistoryEntry> m_pending; // recorded, not yet shown
    std::deque<LoopHistoryEntry> m_shown;
    QTimer m_timer;
    ObserverAttachment m_observing; // last: it detaches before the entries go
};

} // namespace diesel::widgets
