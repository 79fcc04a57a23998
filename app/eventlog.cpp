// SPDX-License-Identifier: MIT
#include "eventlog.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/widgets/visuals.h>

#include <QDateTime>

namespace workbench {

namespace {
QString describe(const diesel::ConnectionInfo &info)
{
    return QStringLiteral("#%1 %2 %3 %4 \u2194 %5")
        .arg(info.id)
        .arg(QString::fromStdString(info.owner),
             QString::fromUtf8(diesel::to_string(info.transport).data()),
             QString::fromStdString(info.local.to_string()),
             info.peer.valid() ? QString::fromStdString(info.peer.to_string())
                               : QStringLiteral("(any)"));
}
} // namespace

EventLog::EventLog(diesel::Hub &hub, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
{
    m_hub.add_observer(*this);
}

EventLog::~EventLog()
{
    if (diesel::Hub::current_if_any() == &m_hub)
        m_hub.remove_observer(*this);
}

void EventLog::add(const QString &text)
{
    const QString line =
        QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz  ")) + text;
    m_lines.append(line);
    if (m_lines.size() > kKept)
        m_lines.remove(0, m_lines.size() - kKept);
    Q_EMIT lineAdded(line);
}

// The observer's callbacks run in the engine; the lines are cheap to build and only come with
// connections and failures, never with data.
void EventLog::connection_opened(const diesel::ConnectionInfo &info)
{
    add(QStringLiteral("connection opened %1").arg(describe(info)));
}

void EventLog::connection_closed(const diesel::ConnectionInfo &info, std::string_view reason)
{
    add(QStringLiteral("connection closed %1: %2")
            .arg(describe(info), QString::fromUtf8(reason.data(), qsizetype(reason.size()))));
}

void EventLog::loop_ended(const diesel::Loop &loop, std::string_view error)
{
    if (error.empty())
        return;
    const diesel::widgets::EndReason end = diesel::widgets::describeEnd(error);
    add(QStringLiteral("Loop %1 '%2' %3%4")
            .arg(loop.id())
            .arg(QString::fromStdString(loop.label()),
                 end.normal ? QString() : QStringLiteral("failed: "), end.words));
}

} // namespace workbench
