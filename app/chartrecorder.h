// SPDX-License-Identifier: MIT
// Feeds the charts' stores at a steady rate: every workspace item's measures, and the Hub's Loops
// counted by state. Items removed from the workspace drop their series. No widgets: the Charts
// panel reads the stores when it is in sight.
#pragma once

#include "chartstore.h"

#include <QObject>
#include <QTimer>

namespace diesel::widgets {
class LoopSampler;
} // namespace diesel::widgets

namespace workbench {

class WorkspaceController;

class ChartRecorder : public QObject
{
    Q_OBJECT

public:
    /// How often it samples: the status bar's rate. A chart over minutes needs no more, and a
    /// rate needs a span to mean something.
    static constexpr std::chrono::milliseconds kInterval{500};
    /// The key of the Loops-by-state series in loops().
    static const QString kLoopsKey;

    ChartRecorder(WorkspaceController &workspace, diesel::widgets::LoopSampler &sampler,
                  QObject *parent = nullptr);

    /// The items' series, by item id.
    const ChartStore &items() const noexcept { return m_items; }
    /// The Hub's Loops by state (one Level per state), under kLoopsKey.
    const ChartStore &loops() const noexcept { return m_loops; }
    /// Samples now, as the timer does.
    void record(ChartStore::Clock::time_point at);

Q_SIGNALS:
    /// A sample was taken.
    void recorded();

private:
    WorkspaceController &m_workspace;
    diesel::widgets::LoopSampler &m_sampler;
    QTimer m_timer;
    ChartStore m_items;
    ChartStore m_loops;
    ChartStore::Clock::time_point m_lastLoops{};
};

} // namespace workbench
