// SPDX-License-Identifier: MIT
// One-shot calls of an item, each in a Loop of its own on the Hub: a database item's console asks
// for a get or a find, the Loop suspends on the socket while the GUI runs on, and the outcome
// comes back to the GUI by a queued call. A controller owns one; it cancels the Loops still
// running when it stops or goes, and their outcomes are then dropped.
#pragma once

#include <diesel/core/types.h>

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <set>
#include <string>

namespace workbench {

class LoopJobs
{
public:
    /// What a job hands back to run on the GUI side once its call is done.
    using Done = std::function<void()>;
    /// What runs on the GUI side instead when the call threw: the exception's text, and whether
    /// the peer could not be reached or dropped the connection (the item's own problem, not the
    /// call's).
    using Failed = std::function<void(const QString &error, bool unreachable)>;

    /// Outcomes are delivered on `context`'s thread, and not at all once it is gone.
    explicit LoopJobs(QObject *context);
    LoopJobs(const LoopJobs &) = delete;
    LoopJobs &operator=(const LoopJobs &) = delete;
    ~LoopJobs();

    /// Spawns a Loop labelled `label` that runs `work`; what `work` returns runs on the GUI side,
    /// or `failed` if `work` threw a std::exception.
    void run(const QString &label, std::function<Done()> work, Failed failed);
    /// Cancels the running Loops; their outcomes are dropped.
    void cancelAll(const std::string &why);
    /// Loops still running.
    std::size_t running() const noexcept;

private:
    struct State
    {
        std::set<diesel::LoopId> loops;
        std::uint64_t generation = 0; ///< bumped by cancelAll(): older outcomes are dropped
    };
    QPointer<QObject> m_context;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

} // namespace workbench
