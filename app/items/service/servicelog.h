// SPDX-License-Identifier: MIT
// A Service's console: the event log's lines about it, live.
#pragma once

#include "itempanel.h"

class QPlainTextEdit;

namespace workbench {

class EventLog;
class ServiceController;

class ServiceLog : public ItemPanel<ServiceController>
{
public:
    explicit ServiceLog(EventLog &log, QWidget *parent = nullptr);

protected:
    void loadController(ServiceController *controller) override;
    void refresh() override {}

private:
    void onLine(const QString &line);

    EventLog &m_log;
    QPlainTextEdit *m_text;
    QString m_filter;
};

} // namespace workbench
