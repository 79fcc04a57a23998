// SPDX-License-Identifier: MIT
// What the items that are clients of a database server (Riak, MongoDB) share: the calls of their
// consoles each run in a Loop (LoopJobs) and end in a row of a log of calls; a server that
// refuses or drops the connection puts the item in the Error state, a call that succeeds puts it
// back to Running.
#pragma once

#include "itemcontroller.h"
#include "loopjobs.h"
#include "operationlog.h"

namespace workbench {

class ServerItemController : public ItemController
{
    Q_OBJECT

public:
    /// `kind` starts its log lines and Loop labels ("riak", "mongodb").
    ServerItemController(QString kind, QObject *parent = nullptr);

    QString trafficOwner() const override { return m_kind + QLatin1Char(' ') + name(); }
    /// The calls made and how they went, newest last.
    const OperationLog &operations() const noexcept { return m_operations; }
    /// Calls under way (until the GUI has their outcome).
    std::size_t pending() const noexcept { return m_jobs.running(); }

protected:
    /// Checks the server with `ping` in a Loop: Running (and `then`) once it answers, Error if
    /// not. `operation` names it in the log ("ping 127.0.0.1:8087").
    void checkServer(const QString &operation, std::function<void()> ping,
                     std::function<void()> then = {});
    /// Runs a console call in a Loop; its Done adds the log row (with succeeded()).
    void call(const QString &operation, std::function<LoopJobs::Done()> work);
    /// A row for a call that failed (or was refused before it was sent).
    void failed(const QString &operation, const QString &error);
    /// A row for a call that went well; the item is Running again.
    void succeeded(const QString &operation, const QString &outcome);
    /// Cancels the calls under way, logs that the item stopped and says so.
    void stopped();

private:
    QString m_kind;
    LoopJobs m_jobs;
    OperationLog m_operations;
};

} // namespace workbench
