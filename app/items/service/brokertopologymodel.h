// SPDX-License-Identifier: MIT
// The broker's topology as a tree for the Topology view: channels, and under each its
// subscribers (the subscriber connection's Loop and peer), with messages, messages/s and
// delivery latency. Fed with samples of LineBroker::topology(); rates come from two samples.
#pragma once

#include "linebroker.h"

#include <QAbstractItemModel>

#include <vector>

namespace workbench {

class BrokerTopologyModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Messages, Rate, Latency, ColumnCount };

    explicit BrokerTopologyModel(QObject *parent = nullptr);

    /// Takes a new sample, `seconds` after the previous one (rates divide by it). Rows move only
    /// when channels or subscribers came or went; otherwise only the numbers change.
    void update(std::vector<BrokerChannel> topology, double seconds);
    /// Forgets everything (no broker).
    void clear();
    /// The last sample.
    const std::vector<BrokerChannel> &topology() const noexcept { return m_now; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Rates
    {
        double channel = 0;
        std::vector<double> subscribers;
    };
    static bool sameShape(const std::vector<BrokerChannel> &a, const std::vector<BrokerChannel> &b);

    std::vector<BrokerChannel> m_now;
    std::vector<Rates> m_rates; ///< per channel of m_now
};

} // namespace workbench
