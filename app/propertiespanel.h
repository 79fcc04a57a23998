// SPDX-License-Identifier: MIT
// The properties panel: the editor of the item selected in the workspace (Service, Client or
// Queue panel), or a hint when none is selected.
#pragma once

#include "confirm.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace workbench {

class ClientEditor;
class ItemController;
class QueueEditor;
class ServiceEditor;
class WorkspaceController;

class PropertiesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PropertiesPanel(WorkspaceController &workspace, QWidget *parent = nullptr);
    /// Narrow: the Loops and the traffic need the room.
    QSize sizeHint() const override { return QSize(300, 480); }

    void setConfirm(const Confirm &confirm);
    /// Shows the editor of `item` (nullptr: the hint).
    void showItem(ItemController *item);
    ItemController *item() const noexcept { return m_item; }

    ServiceEditor &serviceEditor() const noexcept { return *m_service; }
    ClientEditor &clientEditor() const noexcept { return *m_client; }
    QueueEditor &queueEditor() const noexcept { return *m_queue; }

private:
    QStackedWidget *m_stack;
    QLabel *m_hint;
    ServiceEditor *m_service;
    ClientEditor *m_client;
    QueueEditor *m_queue;
    ItemController *m_item = nullptr;
};

} // namespace workbench
