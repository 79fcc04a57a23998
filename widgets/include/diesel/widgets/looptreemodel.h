// SPDX-License-Identifier: MIT
// Every Loop as a tree by parent (the Loop that forked it), updated from LoopSamples in batches.
// A TCP Service accepts on the Hub, without a Loop of its own: the Loops serving its connections
// go under a row for the Service (after the Loops at the top level; gone once it has none). A
// Loop whose parent is gone moves to its Service's row or to the top level.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/loopsampler.h>

#include <QAbstractItemModel>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT LoopTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    explicit LoopTreeModel(QObject *parent = nullptr);
    ~LoopTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Brings the tree in line with `sample`, announcing the differences in batches.
    void update(const LoopSample &sample);
    /// The index (column 0) of a Loop, or an invalid index.
    QModelIndex indexOf(LoopId id) const;
    /// Number of Loops in the tree (Service rows are not Loops).
    std::size_t loopCount() const noexcept { return m_nodes.size(); }
    /// The index (column 0) of a Service's row, or an invalid index.
    QModelIndex indexOfService(const std::string &service) const;

    /// Above this many Loops coming or going in one update in scattered places, the tree resets.
    static constexpr std::size_t kMaxScattered = 256;

private:
    struct Node
    {
        LoopRecord record;
        Node *parent = nullptr;
        std::vector<Node *> children; // sorted by id
        bool hidden = false;          // detached from the view along with an ancestor
        bool service = false;         // a Service's row: its record holds only an id and label
    };
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;
    int rowOfNode(const Node *node) const;
    void rebuild(const std::vector<LoopRecord> &next);
    static void setHidden(Node *node, bool hidden);
    /// Where a new (or orphaned) Loop goes: its parent, its Service's row (made and announced
    /// unless the model is being reset), or the top level.
    Node *parentFor(const LoopRecord &record, bool announce);
    void dropEmptyServices();
    QVariant serviceData(const Node &node, int column, int role) const;

    Node m_root;
    std::unordered_map<LoopId, std::unique_ptr<Node>> m_nodes;
    std::vector<LoopId> m_ids; // sorted
    std::map<std::string, std::unique_ptr<Node>> m_services;
    // Service rows take ids above every Loop's, so that they sort after them.
    LoopId m_nextServiceId = LoopId(1) << 63;
    Clock::time_point m_now{};
};

} // namespace diesel::widgets
