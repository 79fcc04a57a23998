// SPDX-License-Identifier: MIT
#include "clientcontroller.h"
#include "queuecontroller.h"
#include "servicecontroller.h"
#include "workspacecontroller.h"
#include "workspacemodel.h"
#include "workspacepanel.h"

#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/visuals.h>

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace workbench {

namespace dw = diesel::widgets;

WorkspacePanel::WorkspacePanel(WorkspaceController &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new WorkspaceModel(workspace, this))
{
    const QColor itemColor(0x55, 0x6b, 0x8d);
    m_addTcp = new QAction(dw::glyphIcon(itemColor, dw::Glyph::Server),
                           QStringLiteral("New &TCP Service"), this);
    m_addTcp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_addTcp->setToolTip(QStringLiteral("A TCP Service with the Holla behaviour on the next free "
                                        "port, on 127.0.0.1 (Ctrl+Shift+T)"));
    m_addUdp = new QAction(dw::glyphIcon(itemColor.lighter(125), dw::Glyph::Server),
                           QStringLiteral("New &UDP Service"), this);
    m_addUdp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_addUdp->setToolTip(QStringLiteral("A UDP Service with the Holla behaviour (Ctrl+Shift+U)"));
    m_addClient = new QAction(dw::glyphIcon(itemColor, dw::Glyph::Client),
                              QStringLiteral("New &Client"), this);
    m_addClient->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_addClient->setToolTip(QStringLiteral("A Client aimed at the selected Service, or at "
                                           "127.0.0.1:4321 (Ctrl+Shift+C)"));
    m_addQueue =
        new QAction(dw::glyphIcon(itemColor, dw::Glyph::Queue), QStringLiteral("New &Queue"), this);
    m_addQueue->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    m_addQueue->setToolTip(QStringLiteral("A Queue that Services can push lines into "
                                          "(Ctrl+Shift+Q)"));
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
    for (QAction *a : {m_addTcp, m_addUdp, m_addClient, m_addQueue, m_start, m_stop})
        a->setShortcutContext(Qt::WindowShortcut);
    // Delete in a text field elsewhere edits the text; only in this panel does it remove.
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_remove);

    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16) * 1);
    bar->addAction(m_addTcp);
    bar->addAction(m_addUdp);
    bar->addAction(m_addClient);
    bar->addAction(m_addQueue);
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

    connect(m_addTcp, &QAction::triggered, this, &WorkspacePanel::addTcpService);
    connect(m_addUdp, &QAction::triggered, this, &WorkspacePanel::addUdpService);
    connect(m_addClient, &QAction::triggered, this, &WorkspacePanel::addClient);
    connect(m_addQueue, &QAction::triggered, this, &WorkspacePanel::addQueue);
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
        menu.addAction(m_addTcp);
        menu.addAction(m_addUdp);
        menu.addAction(m_addClient);
        menu.addAction(m_addQueue);
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
    m_stop->setEnabled(item && item->state() == ItemState::Running);
    m_remove->setEnabled(item != nullptr);
}

void WorkspacePanel::addTcpService()
{
    ServiceSpec spec;
    spec.name = m_workspace.uniqueName(QStringLiteral("holla"));
    spec.port = m_workspace.suggestPort(Transport::Tcp);
    selectItem(m_workspace.addService(spec));
}

void WorkspacePanel::addUdpService()
{
    ServiceSpec spec;
    spec.name = m_workspace.uniqueName(QStringLiteral("udp holla"));
    spec.transport = Transport::Udp;
    spec.port = m_workspace.suggestPort(Transport::Udp, 1234);
    selectItem(m_workspace.addService(spec));
}

void WorkspacePanel::addClient()
{
    ClientSpec spec;
    if (auto *service = qobject_cast<ServiceController *>(selectedItem())) {
        spec.transport = service->spec().transport;
        spec.port = service->port();
        spec.host = isAllInterfaces(service->spec().iface) ? QStringLiteral("127.0.0.1")
                                                           : service->spec().iface;
        spec.name = m_workspace.uniqueName(QStringLiteral("to %1").arg(service->name()));
    } else {
        spec.name = m_workspace.uniqueName(QStringLiteral("client"));
    }
    selectItem(m_workspace.addClient(spec));
}

void WorkspacePanel::addQueue()
{
    QueueSpec spec;
    spec.name = m_workspace.uniqueName(spec.name);
    auto *queue = m_workspace.addQueue(spec);
    queue->start();
    selectItem(queue);
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
