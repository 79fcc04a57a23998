// SPDX-License-Identifier: MIT
#include "clientcontroller.h"
#include "clienteditor.h"
#include "propertiespanel.h"
#include "queuecontroller.h"
#include "queueeditor.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "workspacecontroller.h"

#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace workbench {

PropertiesPanel::PropertiesPanel(WorkspaceController &workspace, QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_hint(new QLabel(this))
    , m_service(new ServiceEditor(workspace, this))
    , m_client(new ClientEditor(workspace, this))
    , m_queue(new QueueEditor(workspace, this))
{
    m_hint->setText(QStringLiteral("Select a Service, a Client or a Queue in the workspace to "
                                   "edit, start or stop it.\n\nNew items: the buttons above the "
                                   "workspace tree."));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_hint->setMargin(8);
    int minimum = 0;
    for (QWidget *page : {static_cast<QWidget *>(m_hint), static_cast<QWidget *>(m_service),
                          static_cast<QWidget *>(m_client), static_cast<QWidget *>(m_queue)}) {
        auto *scroll = new QScrollArea(m_stack);
        scroll->setWidget(page);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        // Scrolled up and down only: the panel is never narrower than its widest page needs,
        // so a button such as Stop cannot end up beyond the right edge.
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_stack->addWidget(scroll);
        minimum = std::max(minimum, page->minimumSizeHint().width() +
                                        style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    }
    m_stack->setMinimumWidth(minimum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(&workspace, &WorkspaceController::itemRemoved, this, [this](ItemController *item) {
        if (item == m_item)
            showItem(nullptr);
    });
}

void PropertiesPanel::setConfirm(const Confirm &confirm)
{
    m_service->setConfirm(confirm);
}

void PropertiesPanel::showItem(ItemController *item)
{
    m_item = item;
    m_service->setController(qobject_cast<ServiceController *>(item));
    m_client->setController(qobject_cast<ClientController *>(item));
    m_queue->setController(qobject_cast<QueueController *>(item));
    int page = 0;
    if (item) {
        switch (item->kind()) {
        case ItemKind::Service:
            page = 1;
            break;
        case ItemKind::Client:
            page = 2;
            break;
        case ItemKind::Queue:
            page = 3;
            break;
        }
    }
    m_stack->setCurrentIndex(page);
}

} // namespace workbench
