// SPDX-License-Identifier: MIT
#include "serveritemcontroller.h"

namespace workbench {

ServerItemController::ServerItemController(QString kind, QObject *parent)
    : ItemController(parent)
    , m_kind(std::move(kind))
    , m_jobs(this)
{}

void ServerItemController::checkServer(const QString &operation, std::function<void()> ping,
                                       std::function<void()> then)
{
    setState(ItemState::Stopped);
    m_jobs.run(
        QStringLiteral("%1 %2: %3").arg(m_kind, name(), operation),
        [this, ping = std::move(ping), then = std::move(then), operation]() -> LoopJobs::Done {
            ping();
            return [this, then, operation] {
                succeeded(operation, QStringLiteral("ok"));
                Q_EMIT logLine(QStringLiteral("%1 %2 connected").arg(m_kind, name()));
                if (then)
                    then();
            };
        },
        [this, operation](const QString &error, bool) {
            setState(ItemState::Error, error);
            failed(operation, error);
            Q_EMIT logLine(QStringLiteral("%1 %2: %3").arg(m_kind, name(), error));
        });
    Q_EMIT changed();
}

void ServerItemController::call(const QString &operation, std::function<LoopJobs::Done()> work)
{
    m_jobs.run(QStringLiteral("%1 %2: %3").arg(m_kind, name(), operation), std::move(work),
               [this, operation](const QString &error, bool unreachable) {
                   if (unreachable)
                       setState(ItemState::Error, error);
                   failed(operation, error);
               });
    Q_EMIT changed();
}

void ServerItemController::failed(const QString &operation, const QString &error)
{
    m_operations.add(operation, error, true);
    Q_EMIT changed();
}

void ServerItemController::succeeded(const QString &operation, const QString &outcome)
{
    m_operations.add(operation, outcome);
    if (state() != ItemState::Running)
        setState(ItemState::Running);
    Q_EMIT changed();
}

void ServerItemController::stopped()
{
    m_jobs.cancelAll(
        QStringLiteral("the %1 item was stopped in the workbench").arg(m_kind).toStdString());
    setState(ItemState::Stopped);
    Q_EMIT logLine(QStringLiteral("%1 %2 stopped").arg(m_kind, name()));
    Q_EMIT changed();
}

} // namespace workbench
