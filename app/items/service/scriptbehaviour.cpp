// SPDX-License-Identifier: MIT
// The engine, its thread and its watchdog are a ScriptHost (scripthost.h); this file is what a
// connection is to a script: a `conn` object kept in the engine between calls.
#include "behaviours.h"
#include "scriptbehaviour.h"

#include <diesel/core/connection.h>
#include <diesel/core/io.h>

#include <QJSEngine>
#include <QJSValue>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace workbench {

QString defaultScript()
{
    return QStringLiteral(
        "// Each line arrives without its line ending; the reply is sent with one.\n"
        "function onLine(line, conn) {\n"
        "    return line.toUpperCase();\n"
        "}\n");
}

namespace {

const ScriptEntry kOnLine{QStringLiteral("onLine"), QStringLiteral("onLine(line, conn)")};

// What a `conn` is to a script. send() and close() only record: the Loop applies them once the
// call returns, on the Hub's thread, where the connection lives.
constexpr auto kConnFactory = R"((function (peer) {
    return { peer: peer, state: {}, _out: [], _closing: false,
             send: function (text) { this._out.push(String(text)); },
             close: function () { this._closing = true; } };
}))";

// What one call produced, for the Loop to apply.
struct Outcome
{
    std::vector<std::string> out; ///< conn.send() texts, then the reply
    bool close = false;           ///< conn.close() was called
    QString error;                ///< the call threw or ran out of time
};

enum class Step { Connect, Line, Close };

// The `conn` of connection `id`, kept in the engine as "c<id>".
QString connKey(std::uint64_t id)
{
    return QStringLiteral("c%1").arg(id);
}

// One call on the engine's thread.
Outcome serve(ScriptContext &context, Step step, std::uint64_t id, const QString &text)
{
    static const QString names[] = {QStringLiteral("onConnect"), QStringLiteral("onLine"),
                                    QStringLiteral("onClose")};
    if (step == Step::Connect)
        context.openSession(connKey(id), kConnFactory, text);
    ScriptContext::SessionCall call = context.callSession(
        connKey(id), names[int(step)], step == Step::Line ? std::optional(text) : std::nullopt);
    Outcome outcome{std::move(call.sent), false, call.error};
    if (call.object.isObject())
        outcome.close = call.object.property(QStringLiteral("_closing")).toBool();
    return outcome;
}

// A reply or conn.send() text goes out as a line: "\r\n" is added unless it ends with "\n".
void sendLine(std::string text, ServiceTally &tally)
{
    if (text.empty() || text.back() != '\n')
        text += "\r\n";
    tally.bytesOut += text.size();
    diesel::send(text);
}

// The engine of one Script Service and the numbers of its connections.
struct LineScript
{
    LineScript(QString script, std::chrono::milliseconds budget)
        : host(std::move(script), kOnLine, budget)
    {}
    std::atomic<std::uint64_t> connections{0};
    ScriptHost host;
};

} // namespace

std::optional<ScriptProblem> checkScript(const QString &script, std::chrono::milliseconds budget)
{
    return checkScriptDefines(script, kOnLine, budget);
}

diesel::Service::Handler scriptHandler(const QString &script, std::chrono::milliseconds budget,
                                       ScriptFailure failed, std::shared_ptr<ServiceTally> tally)
{
    auto engine = std::make_shared<LineScript>(script, budget);
    return [engine, failed = std::move(failed), tally](const diesel::Address &peer) {
        const std::uint64_t id = ++engine->connections;
        // However the Loop ends (the peer's close, a failure, the Service stopping), onClose
        // runs and the connection's state goes; nobody waits for it.
        struct Forget
        {
            ScriptHost &host;
            std::uint64_t id;
            ~Forget()
            {
                host.submit([id = id](ScriptContext *context, const QString &) {
                    if (!context)
                        return;
                    serve(*context, Step::Close, id, {});
                    context->forget(connKey(id));
                });
            }
        } forget{engine->host, id};
        auto step = [&](Step kind, QString text) {
            Outcome outcome = engine->host.callAndWait<Outcome>(
                [kind, id, text = std::move(text)](ScriptContext *context, const QString &problem) {
                    return context ? serve(*context, kind, id, text) : Outcome{{}, false, problem};
                });
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
        if (!step(Step::Connect, QString::fromStdString(peer.to_string())))
            return;
        for (;;) {
            if (!step(Step::Line, QString::fromStdString(receiveLine(*tally))))
                return;
        }
    };
}

} // namespace workbench
