// SPDX-License-Identifier: MIT
#include "eventlog.h"
#include "servicecontroller.h"
#include "servicelog.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace workbench {

ServiceLog::ServiceLog(EventLog &log, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_log(log)
    , m_text(new QPlainTextEdit(this))
{
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(2000);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    connect(&m_log, &EventLog::lineAdded, this, &ServiceLog::onLine, Qt::QueuedConnection);
}

void ServiceLog::loadController(ServiceController *controller)
{
    m_filter = controller ? controller->label() : QString();
    m_text->clear();
    if (m_filter.isEmpty())
        return;
    for (const QString &line : m_log.lines())
        if (line.contains(m_filter))
            m_text->appendPlainText(line);
}

void ServiceLog::onLine(const QString &line)
{
    if (!m_filter.isEmpty() && line.contains(m_filter))
        m_text->appendPlainText(line);
}

} // namespace workbench
