// SPDX-License-Identifier: MIT
// Why a thread of its own: a connection's Loop runs on a small fiber stack, too small (and at an
// address V4's stack check does not expect) for the JavaScript engine. The Loop hands each call
// to the engine's thread and waits on an Event, so other connections run meanwhile; the engine
// serves one call at a time, with a watchdog interrupting a call that outlasts its budget.
#include "behaviours.h"
#include "scriptbehaviour.h"
#include "scriptwatchdog.h"

#include <diesel/core/connection.h>
#include <diesel/core/event.h>
#include <diesel/core/hub.h>
#include <diesel/core/io.h>

#include <QJSEngine>
#include <QJSValue>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace workbench {

QString ScriptProblem::text() const
{
    return line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message) : message;
}

QString defaultScript()
{
    return QStringLiteral(
        "// Each line arrives without its line ending; the reply is sent with one.\n"
        "function onLine(line, conn) {\n"
        "    return line.toUpperCase();\n"
        "}\n");
}

namespace {

// What a `conn` is to a script. send() and close() only record: the Loop applies them once the
// call returns, on the Hub's thread, where the connection lives.
constexpr auto kConnFactory = R"((function (peer) {
    return { peer: peer, state: {}, _out: [], _closing: false,
             send: function (text) { this._out.push(String(text)); },
             close: function () { this._closing = true; } };
}))";

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
                                  const QString &script, std::chrono::milliseconds budget)
{
    watchdog.arm(budget);
    const QJSValue result = engine.evaluate(script, QStringLiteral("script"));
    if (watchdog.disarm())
        return ScriptProblem{0, budgetMessage(budget) + QStringLiteral(" at its top level")};
    if (result.isError())
        return problemOf(result);
    if (!engine.globalObject().property(QStringLiteral("onLine")).isCallable())
        return ScriptProblem{0, QStringLiteral("the script defines no function onLine(line, "
                                               "conn)")};
    return std::nullopt;
}

// What one call produced, for the Loop to apply.
struct Outcome
{
    std::vector<std::string> out; ///< conn.send() texts, then the reply
    bool close = false;           ///< conn.close() was called
    QString error;                ///< the call threw or ran out of time
};

struct Call
{
    enum Kind { Connect, Line, Close } kind;
    std::uint64_t conn;
    QString text;                      ///< the peer (Connect) or the line
    std::function<void(Outcome)> done; ///< on the engine's thread; empty: nobody waits
};

// One engine and its thread per Script Service.
class ScriptEngine
{
public:
    ScriptEngine(QString script, std::chrono::milliseconds budget)
        : m_script(std::move(script))
        , m_budget(budget)
        , m_thread([this](std::stop_token stop) { run(stop); })
    {}
    ~ScriptEngine()
    {
        m_thread.request_stop();
        m_thread.join();
    }

    std::uint64_t newConnection() { return ++m_connections; }

    void submit(Call call)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_calls.push_back(std::move(call));
        }
        m_wake.notify_one();
    }

private:
    void run(std::stop_token stop)
    {
        QJSEngine engine; // made on this thread, its only user
        ScriptWatchdog watchdog(engine);
        const std::optional<ScriptProblem> problem = load(engine, watchdog, m_script, m_budget);
        const QJSValue factory = engine.evaluate(QString::fromLatin1(kConnFactory));
        std::unordered_map<std::uint64_t, QJSValue> conns;
        for (;;) {
            Call call;
            {
                std::unique_lock lock(m_mutex);
                if (!m_wake.wait(lock, stop, [this] { return !m_calls.empty(); }))
                    return;
                call = std::move(m_calls.front());
                m_calls.pop_front();
            }
            Outcome outcome;
            if (problem)
                outcome.error = problem->text();
            else
                outcome = serve(engine, watchdog, factory, conns, call);
            if (call.kind == Call::Close)
                conns.erase(call.conn);
            if (call.done)
                call.done(std::move(outcome));
        }
    }

    Outcome serve(QJSEngine &engine, ScriptWatchdog &watchdog, const QJSValue &factory,
                  std::unordered_map<std::uint64_t, QJSValue> &conns, const Call &call)
    {
        if (call.kind == Call::Connect)
            conns[call.conn] = factory.call({call.text});
        const auto found = conns.find(call.conn);
        if (found == conns.end())
            return {}; // closed before it connected
        QJSValue &conn = found->second;
        static const QString names[] = {QStringLiteral("onConnect"), QStringLiteral("onLine"),
                                        QStringLiteral("onClose")};
        const QJSValue function = engine.globalObject().property(names[call.kind]);
        Outcome outcome;
        if (!function.isCallable())
            return outcome;
        const QJSValueList args =
            call.kind == Call::Line ? QJSValueList{call.text, conn} : QJSValueList{conn};
        watchdog.arm(m_budget);
        const QJSValue reply = function.call(args);
        const bool overran = watchdog.disarm();
        if (overran || engine.hasError() || reply.isError()) {
            const QJSValue error = engine.hasError() ? engine.catchError() : reply;
            outcome.error = overran ? budgetMessage(m_budget) : problemOf(error).text();
            return outcome;
        }
        const QJSValue sent = conn.property(QStringLiteral("_out"));
        const int count = sent.property(QStringLiteral("length")).toInt();
        for (int i = 0; i < count; ++i)
            outcome.out.push_back(sent.property(quint32(i)).toString().toStdString());
        conn.setProperty(QStringLiteral("_out"), engine.newArray());
        outcome.close = conn.property(QStringLiteral("_closing")).toBool();
        if (call.kind == Call::Line && !reply.isUndefined() && !reply.isNull())
            outcome.out.push_back(reply.toString().toStdString());
        return outcome;
    }

    const QString m_script;
    const std::chrono::milliseconds m_budget;
    std::atomic<std::uint64_t> m_connections{0};
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Call> m_calls;
    std::jthread m_thread; // last: it starts once the members above exist
};

// The engine's answer, waited for in the calling Loop (other Loops run meanwhile).
Outcome callAndWait(ScriptEngine &engine, Call call)
{
    struct Pending
    {
        diesel::Event done{"script call"};
        Outcome outcome;
    };
    auto pending = std::make_shared<Pending>();
    call.done = [pending, hub = &diesel::Hub::current()](Outcome outcome) {
        hub->post([pending, outcome = std::move(outcome)]() mutable {
            pending->outcome = std::move(outcome);
            pending->done.set();
        });
    };
    engine.submit(std::move(call));
    pending->done.wait();
    return std::move(pending->outcome);
}

// A reply or conn.send() text goes out as a line: "\r\n" is added unless it ends with "\n".
void sendLine(std::string text, ServiceTally &tally)
{
    if (text.empty() || text.back() != '\n')
        text += "\r\n";
    tally.bytesOut += text.size();
    diesel::send(text);
}

} // namespace

std::optional<ScriptProblem> checkScript(const QString &script, std::chrono::milliseconds budget)
{
    // On a thread of its own too, so that a caller inside a Loop does not lend V4 its stack.
    std::optional<ScriptProblem> problem;
    std::jthread([&] {
        QJSEngine engine;
        ScriptWatchdog watchdog(engine);
        problem = load(engine, watchdog, script, budget);
    }).join();
    return problem;
}

diesel::Service::Handler scriptHandler(const QString &script, std::chrono::milliseconds budget,
                                       ScriptFailure failed, std::shared_ptr<ServiceTally> tally)
{
    auto engine = std::make_shared<ScriptEngine>(script, budget);
    return [engine, failed = std::move(failed), tally](const diesel::Address &peer) {
        const std::uint64_t id = engine->newConnection();
        // However the Loop ends (the peer's close, a failure, the Service stopping), onClose
        // runs and the connection's state goes; nobody waits for it.
        struct Forget
        {
            ScriptEngine &engine;
            std::uint64_t id;
            ~Forget() { engine.submit({Call::Close, id, {}, {}}); }
        } forget{*engine, id};
        auto step = [&](Call::Kind kind, QString text) {
            Outcome outcome = callAndWait(*engine, {kind, id, std::move(text), {}});
            for (std::string &line : outcome.out)
                sendLine(std::move(line), *tally);
            if (!outcome.error.isEmpty()) {
                if (failed)
                    failed(QString::fromStdString(peer.to_string()) + QStringLiteral(": ") +
                           outcome.error);
                diesel::current_connection().close();
                return false;
            }
            if (outcome.close)
                diesel::current_connection().close();
            return !outcome.close;
        };
        if (!step(Call::Connect, QString::fromStdString(peer.to_string())))
            return;
        for (;;) {
            if (!step(Call::Line, QString::fromStdString(receiveLine(*tally))))
                return;
        }
    };
}

} // namespace workbench
