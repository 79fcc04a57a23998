// SPDX-License-Identifier: MIT
#include <diesel/widgets/looptreemodel.h>

#include <algorithm>

namespace diesel::widgets {

namespace {
bool byId(const auto *node, LoopId id)
{
    return node->record.info.id < id;
}
} // namespace

LoopTreeModel::LoopTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}
LoopTreeModel::~LoopTreeModel() = default;

LoopTreeModel::Node *LoopTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer())
                           : const_cast<Node *>(&m_root);
}

int LoopTreeModel::rowOfNode(const Node *node) const
{
    const auto &siblings = node->parent->children;
    const auto it = std::lower_bound(siblings.begin(), siblings.end(), node->record.info.id,
                                     [](const Node *n, LoopId id) { return byId(n, id); });
    return it != siblings.end() && *it == node ? int(it - siblings.begin()) : -1;
}

QModelIndex LoopTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == &m_root)
        return {};
    const int row = rowOfNode(node);
    return row < 0 ? QModelIndex() : createIndex(row, column, const_cast<Node *>(node));
}

QModelIndex LoopTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= LoopColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node *p = nodeOf(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[std::size_t(row)]);
}

QModelIndex LoopTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = nodeOf(child);
    return indexOfNode(node->parent);
}

int LoopTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int LoopTreeModel::columnCount(const QModelIndex &) const
{
    return LoopColumnCount;
}

QVariant LoopTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    if (node->service)
        return serviceData(*node, index.column(), role);
    return loopCellData(node->record, index.column(), role, m_now);
}

QVariant LoopTreeModel::serviceData(const Node &node, int column, int role) const
{
    const QString name = QString::fromStdString(node.record.info.label);
    switch (role) {
    case Qt::DisplayRole:
        if (column == ColLabel)
            return QStringLiteral("Service %1 (%2)").arg(name).arg(node.children.size());
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("The Service %1 accepts on the Hub, without a Loop of its own; the "
                              "Loops below serve its connections")
            .arg(name);
    case SearchTextRole:
        return name;
    case SortRole:
        return column == ColLabel ? QVariant(name) : QVariant::fromValue(node.record.info.id);
    case LoopIdRole:
    case ConnectionIdRole:
        return QVariant::fromValue<qulonglong>(0);
    }
    return {};
}

QModelIndex LoopTreeModel::indexOfService(const std::string &service) const
{
    const auto it = m_services.find(service);
    return it == m_services.end() ? QModelIndex() : indexOfNode(it->second.get());
}

LoopTreeModel::Node *LoopTreeModel::parentFor(const LoopRecord &record, bool announce)
{
    if (const auto p = m_nodes.find(record.info.parent); p != m_nodes.end())
        return p->second.get();
    const std::string &service = record.info.service;
    if (service.empty())
        return &m_root;
    auto &slot = m_services[service];
    if (!slot) {
        slot = std::make_unique<Node>();
        slot->service = true;
        slot->parent = &m_root;
        slot->record.info.id = m_nextServiceId++;
        slot->record.info.label = service;
        // The highest id so far: the last row at the top level.
        const int row = int(m_root.children.size());
        if (announce)
            beginInsertRows({}, row, row);
        m_root.children.push_back(slot.get());
        if (announce)
            endInsertRows();
    }
    return slot.get();
}

void LoopTreeModel::dropEmptyServices()
{
    for (auto it = m_services.begin(); it != m_services.end();) {
        Node *node = it->second.get();
        if (!node->children.empty()) {
            // Its count of connections may have changed.
            const QModelIndex index = indexOfNode(node, ColLabel);
            Q_EMIT dataChanged(index, index);
            ++it;
            continue;
        }
        const int row = rowOfNode(node);
        beginRemoveRows({}, row, row);
        m_root.children.erase(m_root.children.begin() + row);
        endRemoveRows();
        it = m_services.erase(it);
    }
}

QVariant LoopTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return orientation == Qt::Horizontal ? loopHeaderData(section, role) : QVariant();
}

QModelIndex LoopTreeModel::indexOf(LoopId id) const
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? QModelIndex() : indexOfNode(it->second.get());
}

void LoopTreeModel::setHidden(Node *node, bool hidden)
{
    node->hidden = hidden;
    for (Node *child : node->children)
        setHidden(child, hidden);
}

void LoopTreeModel::rebuild(const std::vector<LoopRecord> &next)
{
    beginResetModel();
    m_root.children.clear();
    m_nodes.clear();
    m_services.clear();
    m_ids.clear();
    m_ids.reserve(next.size());
    for (const LoopRecord &record : next) {
        auto node = std::make_unique<Node>();
        node->record = record;
        node->parent = parentFor(record, false);
        // Ids ascend, and Service rows come last: the children stay sorted.
        auto &children = node->parent->children;
        children.insert(std::lower_bound(children.begin(), children.end(), record.info.id,
                                         [](const Node *n, LoopId id) { return byId(n, id); }),
                        node.get());
        m_ids.push_back(record.info.id);
        m_nodes.emplace(record.info.id, std::move(node));
    }
    endResetModel();
}

void LoopTreeModel::update(const LoopSample &sample)
{
    m_now = sample.at;
    const std::vector<LoopRecord> &next = sample.records();

    // Merge the sorted id lists: what went, what came, what stayed.
    std::vector<LoopId> removed;
    std::vector<const LoopRecord *> added;
    std::vector<std::pair<Node *, const LoopRecord *>> kept;
    {
        std::size_t i = 0;
        std::size_t k = 0;
        while (i < m_ids.size() || k < next.size()) {
            if (k == next.size() || (i < m_ids.size() && m_ids[i] < next[k].info.id)) {
                removed.push_back(m_ids[i++]);
            } else if (i == m_ids.size() || next[k].info.id < m_ids[i]) {
                added.push_back(&next[k++]);
            } else {
                kept.emplace_back(m_nodes[m_ids[i]].get(), &next[k]);
                ++i, ++k;
            }
        }
    }
    if (m_nodes.empty() || removed.size() > kMaxScattered ||
        (added.size() > kMaxScattered && !removed.empty())) {
        rebuild(next);
        return;
    }

    // Removals, parents first (a parent's id is lower than its children's). Removing a row takes
    // its subtree out of the view; children that live on come back below, at their Service's row
    // or the top level.
    std::vector<Node *> orphans;
    for (LoopId id : removed) {
        auto it = m_nodes.find(id);
        Node *node = it->second.get();
        auto &siblings = node->parent->children;
        const auto pos = std::lower_bound(siblings.begin(), siblings.end(), id,
                                          [](const Node *n, LoopId v) { return byId(n, v); });
        if (!node->hidden) {
            const int row = int(pos - siblings.begin());
            beginRemoveRows(indexOfNode(node->parent), row, row);
            siblings.erase(pos);
            for (Node *child : node->children)
                setHidden(child, true);
            endRemoveRows();
        } else {
            siblings.erase(pos);
        }
        for (Node *child : node->children)
            orphans.push_back(child);
        std::erase(orphans, node);
        m_nodes.erase(it);
    }
    if (!removed.empty()) {
        std::vector<LoopId> ids;
        ids.reserve(m_ids.size());
        std::set_difference(m_ids.begin(), m_ids.end(), removed.begin(), removed.end(),
                            std::back_inserter(ids));
        m_ids = std::move(ids);
    }
    std::sort(orphans.begin(), orphans.end(),
              [](const Node *a, const Node *b) { return a->record.info.id < b->record.info.id; });
    for (Node *orphan : orphans) {
        orphan->parent = parentFor(orphan->record, true);
        auto &siblings = orphan->parent->children;
        const auto pos = std::lower_bound(siblings.begin(), siblings.end(), orphan->record.info.id,
                                          [](const Node *n, LoopId v) { return byId(n, v); });
        const int row = int(pos - siblings.begin());
        beginInsertRows(indexOfNode(orphan->parent), row, row);
        siblings.insert(pos, orphan);
        setHidden(orphan, false);
        endInsertRows();
    }

    // Changes, announced per run of adjacent rows under one parent.
    {
        Node *runParent = nullptr;
        int runFirst = -1;
        int runLast = -1;
        auto flush = [&] {
            if (runParent && runFirst >= 0) {
                const QModelIndex p = indexOfNode(runParent);
                Q_EMIT dataChanged(index(runFirst, 0, p), index(runLast, LoopColumnCount - 1, p));
            }
            runParent = nullptr;
            runFirst = runLast = -1;
        };
        for (auto &[node, record] : kept) {
            const bool changed = loopRecordChanged(node->record, *record);
            node->record = *record;
            if (!changed)
                continue;
            const int row = rowOfNode(node);
            if (node->parent == runParent && row == runLast + 1) {
                runLast = row;
            } else {
                flush();
                runParent = node->parent;
                runFirst = runLast = row;
            }
        }
        flush();
    }

    // Additions in id order, batched while they append to the same parent.
    Node *batchParent = nullptr;
    int batchRow = 0;
    std::vector<Node *> batch;
    auto flushBatch = [&] {
        if (batch.empty())
            return;
        beginInsertRows(indexOfNode(batchParent), batchRow, batchRow + int(batch.size()) - 1);
        auto &children = batchParent->children;
        children.insert(children.begin() + batchRow, batch.begin(), batch.end());
        endInsertRows();
        batch.clear();
        batchParent = nullptr;
    };
    for (const LoopRecord *record : added) {
        const std::string &service = record->info.service;
        if (!m_nodes.count(record->info.parent) && !service.empty() && !m_services.count(service))
            flushBatch(); // the Service's new row goes in first
        Node *parentNode = parentFor(*record, true);
        if (std::find(batch.begin(), batch.end(), parentNode) != batch.end())
            flushBatch(); // the parent must be in the view before its children
        auto &children = parentNode->children;
        const int row = int(std::lower_bound(children.begin(), children.end(), record->info.id,
                                             [](const Node *n, LoopId v) { return byId(n, v); }) -
                            children.begin());
        if (parentNode != batchParent || row != batchRow)
            flushBatch();
        auto node = std::make_unique<Node>();
        node->record = *record;
        node->parent = parentNode;
        if (batch.empty()) {
            batchParent = parentNode;
            batchRow = row;
        }
        batch.push_back(node.get());
        m_nodes.emplace(record->info.id, std::move(node));
        m_ids.insert(std::lower_bound(m_ids.begin(), m_ids.end(), record->info.id),
                     record->info.id);
    }
    flushBatch();
    dropEmptyServices();
}

} // namespace diesel::widgets
