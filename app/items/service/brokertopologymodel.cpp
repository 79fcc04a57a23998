// SPDX-License-Identifier: MIT
#include "brokertopologymodel.h"

#include <diesel/widgets/format.h>

#include <algorithm>

namespace workbench {

namespace {

// A channel row's internal id; a subscriber row's is its channel's row + 1.
constexpr quintptr kChannelRow = 0;

const BrokerChannel *findChannel(const std::vector<BrokerChannel> &all, const std::string &name)
{
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&name](const BrokerChannel &c) { return c.name == name; });
    return it == all.end() ? nullptr : &*it;
}

const BrokerSubscriber *findSubscriber(const BrokerChannel *channel, diesel::LoopId loop)
{
    if (!channel)
        return nullptr;
    const auto it = std::find_if(channel->subscribers.begin(), channel->subscribers.end(),
                                 [loop](const BrokerSubscriber &s) { return s.loop == loop; });
    return it == channel->subscribers.end() ? nullptr : &*it;
}

// Messages per second between two counts (a count that went back, a restart, gives 0).
double rate(std::uint64_t now, std::uint64_t before, double seconds)
{
    return now > before && seconds > 0 ? double(now - before) / seconds : 0.0;
}

} // namespace

BrokerTopologyModel::BrokerTopologyModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

bool BrokerTopologyModel::sameShape(const std::vector<BrokerChannel> &a,
                                    const std::vector<BrokerChannel> &b)
{
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const BrokerChannel &x, const BrokerChannel &y) {
            return x.name == y.name &&
                   std::equal(x.subscribers.begin(), x.subscribers.end(), y.subscribers.begin(),
                              y.subscribers.end(),
                              [](const BrokerSubscriber &s, const BrokerSubscriber &t) {
                                  return s.loop == t.loop;
                              });
        });
}

void BrokerTopologyModel::update(std::vector<BrokerChannel> topology, double seconds)
{
    std::vector<Rates> rates(topology.size());
    for (std::size_t c = 0; c < topology.size(); ++c) {
        const BrokerChannel &channel = topology[c];
        const BrokerChannel *before = findChannel(m_now, channel.name);
        rates[c].channel = before ? rate(channel.published, before->published, seconds) : 0.0;
        for (const BrokerSubscriber &s : channel.subscribers) {
            const BrokerSubscriber *was = findSubscriber(before, s.loop);
            rates[c].subscribers.push_back(was ? rate(s.delivered, was->delivered, seconds) : 0.0);
        }
    }
    if (sameShape(topology, m_now)) {
        m_now = std::move(topology);
        m_rates = std::move(rates);
        if (m_now.empty())
            return;
        Q_EMIT dataChanged(index(0, 0), index(int(m_now.size()) - 1, ColumnCount - 1));
        for (std::size_t c = 0; c < m_now.size(); ++c)
            if (!m_now[c].subscribers.empty()) {
                const QModelIndex parent = index(int(c), 0);
                Q_EMIT dataChanged(index(0, 0, parent), index(int(m_now[c].subscribers.size()) - 1,
                                                              ColumnCount - 1, parent));
            }
        return;
    }
    // A subscriber came or went: rare next to the numbers changing, so the tree is rebuilt.
    beginResetModel();
    m_now = std::move(topology);
    m_rates = std::move(rates);
    endResetModel();
}

void BrokerTopologyModel::clear()
{
    beginResetModel();
    m_now.clear();
    m_rates.clear();
    endResetModel();
}

QModelIndex BrokerTopologyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_now.size()) ? createIndex(row, column, kChannelRow) : QModelIndex();
    if (parent.internalId() != kChannelRow || parent.row() >= int(m_now.size()) ||
        row >= int(m_now[std::size_t(parent.row())].subscribers.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex BrokerTopologyModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kChannelRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kChannelRow);
}

int BrokerTopologyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_now.size());
    if (parent.internalId() != kChannelRow || parent.column() != 0)
        return 0;
    return int(m_now[std::size_t(parent.row())].subscribers.size());
}

int BrokerTopologyModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant BrokerTopologyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const auto column = Column(index.column());
    if (index.internalId() == kChannelRow) {
        const BrokerChannel &c = m_now[std::size_t(index.row())];
        switch (column) {
        case Name:
            return role == Qt::ToolTipRole ? QStringLiteral("channel %1: %2 subscribers")
                                                 .arg(QString::fromStdString(c.name))
                                                 .arg(c.subscribers.size())
                                           : QString::fromStdString(c.name);
        case Messages:
            return QString::number(c.published);
        case Rate:
            return QString::number(m_rates[std::size_t(index.row())].channel, 'f', 1);
        default:
            return {};
        }
    }
    const std::size_t channel = index.internalId() - 1;
    const BrokerSubscriber &s = m_now[channel].subscribers[std::size_t(index.row())];
    switch (column) {
    case Name:
        return QStringLiteral("Loop #%1 \u00b7 %2").arg(s.loop).arg(QString::fromStdString(s.peer));
    case Messages:
        return QString::number(s.delivered);
    case Rate:
        return QString::number(m_rates[channel].subscribers[std::size_t(index.row())], 'f', 1);
    case Latency:
        if (s.delivered == 0)
            return QString();
        return role == Qt::ToolTipRole
                   ? QStringLiteral("from publication to the write on the subscriber's "
                                    "connection: last %1, average %2")
                         .arg(diesel::widgets::humanSeconds(s.lastLatency),
                              diesel::widgets::humanSeconds(s.averageLatency))
                   : diesel::widgets::humanSeconds(s.averageLatency);
    default:
        return {};
    }
}

QVariant BrokerTopologyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return QStringLiteral("Channel / subscriber Loop");
    case Messages:
        return QStringLiteral("Messages");
    case Rate:
        return QStringLiteral("Messages/s");
    case Latency:
        return QStringLiteral("Latency");
    default:
        return {};
    }
}

} // namespace workbench
