// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "workspacecontroller.h"
#include "workspacemodel.h"
#include "workspacepanel.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace workbench {

WorkspacePanel::WorkspacePanel(WorkspaceController &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new WorkspaceModel(workspace, this))
{
    for (const ItemType *type : ItemTypeRegistry::instance().inTreeOrder())
        for (const NewItemAction &spec : type->newItems) {
            auto *action = new QAction(spec.icon, spec.text, this);
            action->setObjectName(spec.id);
            action->setShortcut(spec.shortcut);
            action->setToolTip(spec.toolTip);
            action->setShortcutContext(Qt::WindowShortcut);
            // The registry's entries have stable addresses.
            connect(action, &QAction::triggered, this, [this, &spec] { addNew(spec); });
            m_newItems.append(action);
        }
    m_start =
        new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QStringLiteral("&Start"), this);
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_start->setToolTip(QStringLiteral("Start the selected item (Ctrl+R)"));
    m_stop =
        new QAction(style()->standardIcon(QStyle::SP_MediaStop), QStringLiteral("S&top"), this);
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stop->setToolTip(QStringLiteral("Stop the selected item (Ctrl+.)"));
    m_remove =
        new QAction(style()->standardIcon(QStyle::SP_TrashIcon), QStringLiteral("&Remove"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setToolTip(QStringLiteral("Stop and remove the selected item (Delete)"));
    for (QAction *a : {m_start, m_stop})
        a->setShortcutContext(Qt::WindowShortcut);
    // Delete in a text field elsewhere edits the text; only in this panel does it remove.
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_remove);

    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16) * 1);
    bar->addActions(m_newItems);
    bar->addSeparator();
    bar->addAction(m_start);
    bar->addAction(m_stop);
    bar->addAction(m_remove);

    m_tree = new QTreeView(this);
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->expandAll();
    m_tree->setToolTip(QStringLiteral("Double-click an item to look inside: its panel, its "
                                      "traffic, its Loops"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_tree, 1);

    connect(m_start, &QAction::triggered, this, &WorkspacePanel::startSelected);
    connect(m_stop, &QAction::triggered, this, &WorkspacePanel::stopSelected);
    connect(m_remove, &QAction::triggered, this, &WorkspacePanel::removeSelected);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateActions();
        Q_EMIT itemSelected(selectedItem());
    });
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (ItemController *item = WorkspaceModel::itemAt(index))
            Q_EMIT itemActivated(item);
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &group) { m_tree->expand(group); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &WorkspacePanel::updateActions);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        if (WorkspaceModel::itemAt(m_tree->indexAt(pos))) {
            menu.addAction(m_start);
            menu.addAction(m_stop);
            menu.addAction(m_remove);
            menu.addSeparator();
        }
        menu.addActions(m_newItems);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    updateActions();
}

ItemController *WorkspacePanel::selectedItem() const
{
    return WorkspaceModel::itemAt(m_tree->currentIndex());
}

void WorkspacePanel::selectItem(ItemController *item)
{
    const QModelIndex index = m_model->indexOf(item);
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
}

void WorkspacePanel::updateActions()
{
    ItemController *item = selectedItem();
    m_start->setEnabled(item && item->state() != ItemState::Running);
    // An item in error may still hold sockets (a proxy whose Pool is gone serves on): Stop stays.
    m_stop->setEnabled(item && item->state() != ItemState::Stopped);
    m_remove->setEnabled(item != nullptr);
}

QAction *WorkspacePanel::newItemAction(const QString &id) const
{
    for (QAction *action : m_newItems)
        if (action->objectName() == id)
            return action;
    return nullptr;
}

ItemController *WorkspacePanel::addNew(const NewItemAction &action)
{
    const ItemType *type = nullptr;
    for (const ItemType &t : ItemTypeRegistry::instance().types())
        for (const NewItemAction &a : t.newItems)
            if (&a == &action)
                type = &t;
    if (!type)
        return nullptr;
    ItemController *item =
        m_workspace.add({{}, type->id, action.make(m_workspace, selectedItem())});
    if (item && action.startAtOnce)
        item->start();
    selectItem(item);
    return item;
}

void WorkspacePanel::startSelected()
{
    if (ItemController *item = selectedItem())
        item->start();
    updateActions();
}

void WorkspacePanel::stopSelected()
{
    ItemController *item = selectedItem();
    if (!item)
        return;
    const std::size_t live = item->liveConnections();
    if (live > 0 && m_confirm &&
        !m_confirm(this, QStringLiteral("Stopping %1 closes %2 open connections. Go ahead?")
                             .arg(item->name())
                             .arg(live)))
        return;
    item->stop();
    updateActions();
}

void WorkspacePanel::removeSelected()
{
    ItemController *item = selectedItem();
    if (!item)
        return;
    const std::size_t live = item->liveConnections();
    QString question = QStringLiteral("Remove %1 from the workspace?").arg(item->name());
    if (live > 0)
        question += QStringLiteral(" Its %1 open connections close.").arg(live);
    if (m_confirm && !m_confirm(this, question))
        return;
    m_workspace.remove(item);
}

} // namespace workbench
