// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "workspacecontroller.h"
#include "workspacemodel.h"

#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/visuals.h>

#include <QFont>

namespace workbench {

namespace dw = diesel::widgets;

namespace {
// Group rows carry this in their internal id; item rows carry their controller's pointer.
constexpr quintptr kGroupTag = 0;

} // namespace

WorkspaceModel::WorkspaceModel(WorkspaceController &workspace, QObject *parent)
    : QAbstractItemModel(parent)
    , m_workspace(workspace)
{
    for (const ItemType *type : ItemTypeRegistry::instance().inTreeOrder())
        for (int i = 0; i < type->groups.size(); ++i)
            m_groups.push_back({type->id, i, type->groups[i], type->icon, {}});
    for (ItemController *item : workspace.items())
        m_groups[std::size_t(ensureGroup(item))].members.push_back(item);
    connect(&workspace, &WorkspaceController::itemAdded, this, &WorkspaceModel::onAdded);
    connect(&workspace, &WorkspaceController::itemRemoved, this, &WorkspaceModel::onRemoved);
    connect(&workspace, &WorkspaceController::itemChanged, this, &WorkspaceModel::onChanged);
    // Connection counts and queue sizes change without a signal: refresh them now and then.
    m_refresh.setInterval(1000);
    connect(&m_refresh, &QTimer::timeout, this, &WorkspaceModel::refreshCounts);
    m_refresh.start();
}

int WorkspaceModel::groupOf(const ItemController *item) const
{
    const QString &type = item->type().id;
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        if (m_groups[g].type == type && m_groups[g].index == item->group())
            return int(g);
    return -1;
}

int WorkspaceModel::ensureGroup(const ItemController *item)
{
    if (const int group = groupOf(item); group >= 0)
        return group;
    // A kind registered after the model was made gets its group now, at the end.
    const ItemType &type = item->type();
    beginInsertRows({}, int(m_groups.size()), int(m_groups.size()));
    m_groups.push_back({type.id,
                        item->group(),
                        type.groups.value(item->group(), type.displayName),
                        type.icon,
                        {}});
    endInsertRows();
    return int(m_groups.size()) - 1;
}

QIcon WorkspaceModel::stateIcon(ItemState state)
{
    static const QIcon stopped = dw::glyphIcon(QColor(0x8a, 0x8a, 0x8a), dw::Glyph::Square);
    static const QIcon running =
        dw::glyphIcon(dw::stateColor(dw::VisualState::Running), dw::Glyph::Play);
    static const QIcon error =
        dw::glyphIcon(dw::stateColor(dw::VisualState::Dead), dw::Glyph::Bang);
    switch (state) {
    case ItemState::Stopped:
        return stopped;
    case ItemState::Running:
        return running;
    case ItemState::Error:
        return error;
    }
    return {};
}

ItemController *WorkspaceModel::itemAt(const QModelIndex &index)
{
    if (!index.isValid() || index.internalId() == kGroupTag)
        return nullptr;
    return reinterpret_cast<ItemController *>(index.internalId());
}

QModelIndex WorkspaceModel::groupIndex(int group) const
{
    return createIndex(group, 0, kGroupTag);
}

QModelIndex WorkspaceModel::groupIndex(const QString &title) const
{
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        if (m_groups[g].title == title)
            return groupIndex(int(g));
    return {};
}

QModelIndex WorkspaceModel::indexOf(ItemController *item) const
{
    const int group = item ? groupOf(item) : -1;
    if (group < 0)
        return {};
    const auto &members = m_groups[std::size_t(group)].members;
    const auto it = std::find(members.begin(), members.end(), item);
    if (it == members.end())
        return {};
    return createIndex(int(it - members.begin()), 0, reinterpret_cast<quintptr>(item));
}

QModelIndex WorkspaceModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? groupIndex(row) : QModelIndex();
    if (parent.internalId() != kGroupTag)
        return {};
    const auto &members = m_groups[std::size_t(parent.row())].members;
    if (row >= int(members.size()))
        return {};
    return createIndex(row, 0, reinterpret_cast<quintptr>(members[std::size_t(row)]));
}

QModelIndex WorkspaceModel::parent(const QModelIndex &child) const
{
    ItemController *item = itemAt(child);
    if (!item)
        return {};
    // The group the item is filed under (which may lag groupOf() during a move).
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const auto &members = m_groups[g].members;
        if (std::find(members.begin(), members.end(), item) != members.end())
            return groupIndex(int(g));
    }
    return {};
}

int WorkspaceModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == kGroupTag)
        return int(m_groups[std::size_t(parent.row())].members.size());
    return 0;
}

int WorkspaceModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant WorkspaceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    ItemController *item = itemAt(index);
    if (!item) {
        const Group &group = m_groups[std::size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return QStringLiteral("%1 (%2)").arg(group.title).arg(group.members.size());
        case Qt::DecorationRole:
            return group.icon;
        case Qt::FontRole: {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        case Qt::ToolTipRole:
            return QStringLiteral("Right-click or use the buttons above to add one");
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return item->summary();
    case Qt::DecorationRole:
        return stateIcon(item->state());
    case Qt::ToolTipRole: {
        QString tip = item->summary() + QStringLiteral("\nstate: ") + toString(item->state());
        if (item->state() == ItemState::Error)
            tip += QStringLiteral("\n") + item->errorText();
        return tip;
    }
    case Qt::ForegroundRole:
        if (item->state() == ItemState::Error)
            return dw::stateColor(dw::VisualState::Dead);
        break;
    case ItemRole:
        return QVariant::fromValue(static_cast<QObject *>(item));
    case StateRole:
        return int(item->state());
    }
    return {};
}

void WorkspaceModel::onAdded(ItemController *item)
{
    const int group = ensureGroup(item);
    auto &members = m_groups[std::size_t(group)].members;
    const int row = int(members.size());
    beginInsertRows(groupIndex(group), row, row);
    members.push_back(item);
    endInsertRows();
    const QModelIndex g = groupIndex(group);
    Q_EMIT dataChanged(g, g);
}

void WorkspaceModel::onRemoved(ItemController *item)
{
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        auto &members = m_groups[g].members;
        const auto it = std::find(members.begin(), members.end(), item);
        if (it == members.end())
            continue;
        const int row = int(it - members.begin());
        beginRemoveRows(groupIndex(int(g)), row, row);
        members.erase(it);
        endRemoveRows();
        const QModelIndex gi = groupIndex(int(g));
        Q_EMIT dataChanged(gi, gi);
        return;
    }
}

void WorkspaceModel::onChanged(ItemController *item)
{
    const QModelIndex index = indexOf(item);
    if (index.isValid()) {
        Q_EMIT dataChanged(index, index);
        return;
    }
    // Its group changed (a Service switched between TCP and UDP): move it.
    onRemoved(item);
    onAdded(item);
}

void WorkspaceModel::refreshCounts()
{
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const auto &members = m_groups[g].members;
        if (members.empty())
            continue;
        const QModelIndex parent = groupIndex(int(g));
        Q_EMIT dataChanged(index(0, 0, parent), index(int(members.size()) - 1, 0, parent));
    }
}

} // namespace workbench
