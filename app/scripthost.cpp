// SPDX-License-Identifier: MIT
#include "scripthost.h"
#include "scriptwatchdog.h"

#include <QJSEngine>

namespace workbench {

QString ScriptProblem::text() const
{
    return line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message) : message;
}

namespace {

QString budgetMessage(std::chrono::milliseconds budget)
{
    return QStringLiteral("script exceeded its %1 ms budget").arg(budget.count());
}

ScriptProblem problemOf(const QJSValue &error)
{
    return {error.property(QStringLiteral("lineNumber")).toInt(), error.toString()};
}

// Evaluates `script` with the watchdog armed; the problem if it fails.
std::optional<ScriptProblem> load(QJSEngine &engine, ScriptWatchdog &watchdog,
                                  const QString &script, const ScriptEntry &entry,
                                  std::chrono::milliseconds budget)
{
    watchdog.arm(budget);
    const QJSValue result = engine.evaluate(script, QStringLiteral("script"));
    if (watchdog.disarm())
        return ScriptProblem{0, budgetMessage(budget) + QStringLiteral(" at its top level")};
    if (result.isError())
        return problemOf(result);
    if (!engine.globalObject().property(entry.name).isCallable())
        return ScriptProblem{0,
                             QStringLiteral("the script defines no function ") + entry.signature};
    return std::nullopt;
}

} // namespace

std::optional<ScriptProblem> checkScriptDefines(const QString &script, const ScriptEntry &entry,
                                                std::chrono::milliseconds budget)
{
    // On a thread of its own too, so that a caller inside a Loop does not lend V4 its stack.
    std::optional<ScriptProblem> problem;
    std::jthread([&] {
        QJSEngine engine;
        ScriptWatchdog watchdog(engine);
        problem = load(engine, watchdog, script, entry, budget);
    }).join();
    return problem;
}

ScriptContext::ScriptContext(QJSEngine &engine, ScriptWatchdog &watchdog,
                             std::chrono::milliseconds budget)
    : m_engine(engine)
    , m_watchdog(watchdog)
    , m_budget(budget)
    , m_keep(engine.newObject())
{}

QJSValue ScriptContext::function(const QString &name) const
{
    return m_engine.globalObject().property(name);
}

QJSValue ScriptContext::call(const QJSValue &function, const QJSValueList &args, QString &error)
{
    m_watchdog.arm(m_budget);
    const QJSValue result = function.call(args);
    const bool overran = m_watchdog.disarm();
    if (!overran && !m_engine.hasError() && !result.isError())
        return result;
    const QJSValue thrown = m_engine.hasError() ? m_engine.catchError() : result;
    error = overran ? budgetMessage(m_budget) : problemOf(thrown).text();
    return {};
}

void ScriptContext::openSession(const QString &key, const char *factory, const QString &peer)
{
    const QString source = QString::fromLatin1(factory);
    QJSValue &made = m_factories[source];
    if (made.isUndefined())
        made = m_engine.evaluate(source);
    m_keep.setProperty(key, made.call({peer}));
}

void ScriptContext::forget(const QString &key)
{
    m_keep.deleteProperty(key);
}

ScriptContext::SessionCall ScriptContext::callSession(const QString &key, const QString &function,
                                                      const std::optional<QString> &text)
{
    SessionCall result;
    QJSValue object = m_keep.property(key);
    const QJSValue callable = this->function(function);
    if (object.isUndefined() || !callable.isCallable())
        return result; // closed before it opened, or the script leaves this event alone
    const QJSValue reply =
        call(callable, text ? QJSValueList{*text, object} : QJSValueList{object}, result.error);
    if (!result.error.isEmpty())
        return result;
    const QJSValue sent = object.property(QStringLiteral("_out"));
    const int count = sent.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < count; ++i)
        result.sent.push_back(sent.property(quint32(i)).toString().toStdString());
    object.setProperty(QStringLiteral("_out"), m_engine.newArray());
    if (text && !reply.isUndefined() && !reply.isNull())
        result.sent.push_back(reply.toString().toStdString());
    result.object = object;
    return result;
}

ScriptHost::ScriptHost(QString script, ScriptEntry entry, std::chrono::milliseconds budget)
    : m_script(std::move(script))
    , m_entry(std::move(entry))
    , m_budget(budget)
    , m_thread([this](std::stop_token stop) { run(stop); })
{}

ScriptHost::~ScriptHost()
{
    m_thread.request_stop();
    m_thread.join();
}

void ScriptHost::submit(Job job)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void ScriptHost::run(std::stop_token stop)
{
    QJSEngine engine; // made on this thread, its only user
    ScriptWatchdog watchdog(engine);
    const std::optional<ScriptProblem> problem =
        load(engine, watchdog, m_script, m_entry, m_budget);
    const QString problemText = problem ? problem->text() : QString();
    ScriptContext context(engine, watchdog, m_budget);
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_jobs.empty(); }))
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job(problem ? nullptr : &context, problemText);
    }
}

} // namespace workbench
