// SPDX-License-Identifier: MIT
// The console of the selection: the console its kind registers (a Client's console, a Service's
// log, a Pool's actors and sockets), or a hint.
#pragma once

#include "confirm.h"

#include <QWidget>

#include <map>

class QLabel;
class QStackedWidget;

namespace workbench {

class EventLog;
class ItemController;
class ItemWidget;

class ConsolePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConsolePanel(EventLog &log, QWidget *parent = nullptr);

    void showItem(ItemController *item);
    /// How the consoles ask before they drop or delete something (a Redis key, ...).
    void setConfirm(const Confirm &confirm);
    /// The console of a kind ("client", ...), or nullptr.
    ItemWidget *console(const QString &type) const;

private:
    QStackedWidget *m_stack;
    QLabel *m_hint;
    std::map<QString, ItemWidget *> m_consoles; // type -> console
};

} // namespace workbench
