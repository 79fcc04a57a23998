// SPDX-License-Identifier: MIT
#include "clientconsole.h"
#include "clientcontroller.h"
#include "consolepanel.h"
#include "eventlog.h"
#include "servicecontroller.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace workbench {

ConsolePanel::ConsolePanel(EventLog &log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_stack(new QStackedWidget(this))
    , m_hint(new QLabel(this))
    , m_console(new ClientConsole(this))
    , m_serviceLog(new QPlainTextEdit(this))
{
    m_hint->setText(QStringLiteral("Select a Client to talk to a Service from here, or a Service "
                                   "to see its log."));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_serviceLog->setReadOnly(true);
    m_serviceLog->setMaximumBlockCount(2000);
    m_serviceLog->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stack->addWidget(m_hint);
    m_stack->addWidget(m_console);
    m_stack->addWidget(m_serviceLog);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(&m_log, &EventLog::lineAdded, this, &ConsolePanel::onLine, Qt::QueuedConnection);
}

void ConsolePanel::showItem(ItemController *item)
{
    m_item = item;
    auto *client = qobject_cast<ClientController *>(item);
    auto *service = qobject_cast<ServiceController *>(item);
    m_console->setController(client);
    if (client) {
        m_stack->setCurrentWidget(m_console);
    } else if (service) {
        m_filter = service->label();
        m_serviceLog->clear();
        for (const QString &line : m_log.lines())
            if (line.contains(m_filter))
                m_serviceLog->appendPlainText(line);
        m_stack->setCurrentWidget(m_serviceLog);
    } else {
        m_filter.clear();
        m_stack->setCurrentWidget(m_hint);
    }
}

void ConsolePanel::onLine(const QString &line)
{
    if (!m_filter.isEmpty() && m_stack->currentWidget() == m_serviceLog && line.contains(m_filter))
        m_serviceLog->appendPlainText(line);
}

} // namespace workbench
