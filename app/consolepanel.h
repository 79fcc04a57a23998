// SPDX-License-Identifier: MIT
// The console of the selection: a Client's console, or a Service's log (the event log's lines
// about it).
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace workbench {

class ClientConsole;
class EventLog;
class ItemController;

class ConsolePanel : public QWidget
{
    Q_OBJECT

public:
    ConsolePanel(EventLog &log, QWidget *parent = nullptr);

    void showItem(ItemController *item);
    ClientConsole &clientConsole() const noexcept { return *m_console; }

private:
    void onLine(const QString &line);

    EventLog &m_log;
    QStackedWidget *m_stack;
    QLabel *m_hint;
    ClientConsole *m_console;
    QPlainTextEdit *m_serviceLog;
    QPointer<ItemController> m_item;
    QString m_filter;
};

} // namespace workbench
