// SPDX-License-Identifier: MIT
// One JavaScript program run by QJSEngine on a thread of its own, for the Script behaviour of a
// TCP Service and the Script routes of an HTTP Service. Why a thread: a connection's Loop runs on
// a small fiber stack, too small (and at an address V4's stack check does not expect) for the
// engine. A Loop hands each call to the engine's thread and waits on an Event, so other
// connections run meanwhile; the engine serves one call at a time, with a watchdog interrupting
// a call that outlasts its budget.
#pragma once

#include <diesel/core/event.h>
#include <diesel/core/hub.h>

#include <QJSValue>
#include <QString>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

class QJSEngine;

namespace workbench {

class ScriptWatchdog;

/// How long one call into a script may run before it is interrupted, by default.
inline constexpr std::chrono::milliseconds kScriptBudget{100};

/// Why a script cannot serve: a syntax error (with its line), an error or endless loop at its
/// top level, or a missing entry function.
struct ScriptProblem
{
    int line = 0; ///< 1-based; 0 when no line applies
    QString message;
    /// "line 3: SyntaxError: Expected token `)'" or the message alone.
    QString text() const;
};

/// Called on the Hub's thread when a script fails a call: who it served, and why.
using ScriptFailure = std::function<void(const QString &)>;

/// The function a script must define, by name and as shown in the error ("onLine(line, conn)").
struct ScriptEntry
{
    QString name;
    QString signature;
};

/// Runs `script` once in a throwaway engine (within `budget`, on a short-lived thread): nullopt
/// if it compiles, runs and defines `entry`.
std::optional<ScriptProblem> checkScriptDefines(const QString &script, const ScriptEntry &entry,
                                                std::chrono::milliseconds budget);

/// What a call on the engine's thread works with.
class ScriptContext
{
public:
    ScriptContext(QJSEngine &engine, ScriptWatchdog &watchdog, std::chrono::milliseconds budget);

    QJSEngine &engine() { return m_engine; }
    /// The script's global function `name`, or an undefined value.
    QJSValue function(const QString &name) const;
    /// Calls `function` within the budget. On a throw or an overrun: an undefined value and
    /// `error` says why ("line 2: Error: boom", "script exceeded its 100 ms budget").
    QJSValue call(const QJSValue &function, const QJSValueList &args, QString &error);
    /// Makes the object of a session (a connection, a socket) under `key`, by calling
    /// `factory` (JavaScript source of a function(peer)) with `peer`.
    void openSession(const QString &key, const char *factory, const QString &peer);
    /// Drops the object under `key`.
    void forget(const QString &key);

    /// What one event of a session produced.
    struct SessionCall
    {
        QJSValue object;               ///< the session's object; undefined when nothing ran
        std::vector<std::string> sent; ///< what object.send() recorded, then the reply
        QString error;                 ///< the call threw or ran out of time
    };
    /// Calls the script's `function`, if it defines it and the session under `key` is open:
    /// with `text` and the object when there is a text, else with the object alone. The texts
    /// the object's send() recorded in its `_out` array are taken, and the reply added to them
    /// (when there is a text, and the reply is neither undefined nor null).
    SessionCall callSession(const QString &key, const QString &function,
                            const std::optional<QString> &text);

private:
    QJSEngine &m_engine;
    ScriptWatchdog &m_watchdog;
    const std::chrono::milliseconds m_budget;
    QJSValue m_keep; ///< the kept objects by key: in the engine, which they must not outlive
    std::map<QString, QJSValue> m_factories; ///< by their source
};

/// The engine and its thread. The script is loaded when the thread starts; if it fails to load
/// (check it first with checkScriptDefines), every call gets the problem instead of a context.
class ScriptHost
{
public:
    /// A call on the engine's thread: the context, or null and the load problem's text.
    using Job = std::function<void(ScriptContext *, const QString &problem)>;

    ScriptHost(QString script, ScriptEntry entry, std::chrono::milliseconds budget);
    ~ScriptHost(); // stops and joins the thread; calls still queued do not run
    ScriptHost(const ScriptHost &) = delete;
    ScriptHost &operator=(const ScriptHost &) = delete;

    /// Queues `job`; nobody waits for it.
    void submit(Job job);

    /// Runs `work` on the engine's thread and returns its result in the calling Loop, which
    /// waits (other Loops run meanwhile). `work` gets the context, or null and the problem.
    template<typename Result>
    Result callAndWait(std::function<Result(ScriptContext *, const QString &)> work)
    {
        struct Pending
        {
            diesel::Event done{"script call"};
            Result result{};
        };
        auto pending = std::make_shared<Pending>();
        submit([pending, work = std::move(work),
                hub = &diesel::Hub::current()](ScriptContext *context, const QString &problem) {
            hub->post([pending, result = work(context, problem)]() mutable {
                pending->result = std::move(result);
                pending->done.set();
            });
        });
        pending->done.wait();
        return std::move(pending->result);
    }

private:
    void run(std::stop_token stop);

    const QString m_script;
    const ScriptEntry m_entry;
    const std::chrono::milliseconds m_budget;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Job> m_jobs;
    std::jthread m_thread; // last: it starts once the members above exist
};

} // namespace workbench
