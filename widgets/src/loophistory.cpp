// SPDX-License-Identifier: MIT
#include <diesel/core/loop.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/loophistory.h>
#include <diesel/widgets/visuals.h>

namespace diesel::widgets {

LoopHistoryModel::LoopHistoryModel(Hub &hub, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
    , m_observing(hub, *this)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &LoopHistoryModel::publish);
}

void LoopHistoryModel::watch(LoopId id)
{
    beginResetModel();
    m_id = id;
    m_pending.clear();
    m_shown.clear();
    endResetModel();
    const bool attach = id != 0;
    if (attach != m_observing.attached() && m_observing.hubIsCurrent()) {
        if (attach) {
            m_observing.attach();
            m_timer.start();
        } else {
            m_observing.detach();
            m_timer.stop();
        }
    }
    if (attach) {
        // Start with where it is now.
        if (const Loop *loop = m_hub.find(id))
            loop_state_changed(*loop);
        publish();
    }
}

void LoopHistoryModel::loop_state_changed(const Loop &loop)
{
    if (loop.id() != m_id)
        return;
    LoopHistoryEntry entry;
    entry.at = Clock::now();
    entry.state = loop.state();
    if (entry.state == LoopState::Waiting) {
        const diesel::WaitInfo wait = loop.wait_info();
        entry.kind = wait.kind;
        entry.detail = diesel::describe(wait, entry.at);
    } else if (entry.state == LoopState::Running) {
        entry.kind = loop.wake_cause();
    }
    m_pending.push_back(std::move(entry));
    if (m_pending.size() > kCapacity)
        m_pending.pop_front();
}

void LoopHistoryModel::loop_ended(const Loop &loop, std::string_view error)
{
    if (loop.id() != m_id)
        return;
    LoopHistoryEntry entry;
    entry.at = Clock::now();
    entry.state = LoopState::Dead;
    entry.ended = true;
    entry.detail = error.empty() ? std::string("returned") : std::string(error);
    if (loop.restarting())
        entry.detail += " (keep-alive: restarts in 0.5 s)";
    m_pending.push_back(std::move(entry));
    if (m_pending.size() > kCapacity)
        m_pending.pop_front();
}

void LoopHistoryModel::publish()
{
    if (m_pending.empty())
        return;
    const std::size_t incoming = m_pending.size();
    const std::size_t overflow =
        m_shown.size() + incoming > kCapacity ? m_shown.size() + incoming - kCapacity : 0;
    const std::size_t drop = std::min(overflow, m_shown.size());
    if (drop > 0) {
        beginRemoveRows({}, 0, int(drop) - 1);
        m_shown.erase(m_shown.begin(), m_shown.begin() + std::ptrdiff_t(drop));
        endRemoveRows();
    }
    const std::size_t skip = incoming > kCapacity ? incoming - kCapacity : 0;
    const int first = int(m_shown.size());
    beginInsertRows({}, first, first + int(incoming - skip) - 1);
    m_shown.insert(m_shown.end(), std::make_move_iterator(m_pending.begin() + std::ptrdiff_t(skip)),
                   std::make_move_iterator(m_pending.end()));
    endInsertRows();
    m_pending.clear();
    Q_EMIT grew();
}

int LoopHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant LoopHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_shown.size()))
        return {};
    const std::size_t row = std::size_t(index.row());
    const LoopHistoryEntry &e = m_shown[row];
    const VisualState visual = classify(e.state, e.kind, e.detail, e.ended, e.detail);
    switch (role) {
    case Qt::DisplayRole: {
        QString text = clockText(e.at, true) + QLatin1String("  ");
        if (e.ended) {
            // The end in words: "closed by the peer", or "dead: LineTooLong: ...".
            const EndReason end = describeEnd(e.detail);
            return text +
                   (end.normal ? end.words : stateWord(visual) + QLatin1String(": ") + end.words);
        }
        text += stateWord(visual);
        if (e.state == LoopState::Running && e.kind != WaitKind::None)
            text += QStringLiteral(" (woken by ") + wakeWord(e.kind) + QLatin1Char(')');
        if (!e.detail.empty())
            text += QLatin1String(": ") + QString::fromStdString(e.detail);
        if (row + 1 < m_shown.size())
            text += QLatin1String("  for ") + humanDuration(m_shown[row + 1].at - e.at);
        return text;
    }
    case Qt::DecorationRole:
        return stateIcon(visual);
    case Qt::ToolTipRole:
        return clockText(e.at, true);
    }
    return {};
}

} // namespace diesel::widgets
