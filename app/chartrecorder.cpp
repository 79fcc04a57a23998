// SPDX-License-Identifier: MIT
#include "chartrecorder.h"
#include "workspacecontroller.h"

#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/visuals.h>

#include <array>

namespace workbench {

namespace dw = diesel::widgets;

const QString ChartRecorder::kLoopsKey = QStringLiteral("loops");

namespace {

// The Loops of a sample counted by the states the Loops panel shows, every state named (zeros
// too, so that a line drops to zero instead of ending).
std::vector<ItemMeasure> countByState(const dw::LoopSample &sample)
{
    std::array<int, dw::kVisualStateCount> counts{};
    for (const dw::LoopRecord &r : sample.records())
        ++counts[std::size_t(
            dw::classify(r.info.state, r.info.wait_kind, r.info.waits_on, r.ended, r.error))];
    std::vector<ItemMeasure> out;
    for (int s = 0; s < dw::kVisualStateCount; ++s)
        out.push_back({dw::stateWord(dw::VisualState(s)), double(counts[std::size_t(s)]),
                       ItemMeasure::Kind::Level});
    return out;
}

} // namespace

ChartRecorder::ChartRecorder(WorkspaceController &workspace, dw::LoopSampler &sampler,
                             QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_sampler(sampler)
    , m_items(std::chrono::minutes(5), kInterval)
    , m_loops(std::chrono::minutes(5), kInterval)
{
    connect(&workspace, &WorkspaceController::itemRemoved, this,
            [this](ItemController *item) { m_items.remove(item->id()); });
    // The items' numbers are sampled also while no chart is in sight: reading a few counters
    // twice a second costs next to nothing, and the history is there when the person opens the
    // Charts. The Loops are counted from the Loop sampler's snapshots, taken only while a view
    // (the Loops panel, the Charts) holds it: a snapshot of every Loop costs in proportion to
    // the Loops, which an unwatched engine should not pay.
    m_timer.setInterval(kInterval);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { record(ChartStore::Clock::now()); });
    m_timer.start();
}

void ChartRecorder::record(ChartStore::Clock::time_point at)
{
    for (const ItemController *item : m_workspace.items())
        m_items.add(item->id(), item->measures(), at);
    const dw::LoopSample &latest = m_sampler.latest();
    if (m_sampler.active() && latest.loops && latest.at > m_lastLoops) {
        m_lastLoops = latest.at;
        m_loops.add(kLoopsKey, countByState(latest), latest.at);
    }
    Q_EMIT recorded();
}

} // namespace workbench
