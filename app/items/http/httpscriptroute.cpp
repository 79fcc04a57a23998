// SPDX-License-Identifier: MIT
// A request or a socket's event is copied into Qt values on the Hub's thread, handed to the
// route's ScriptHost and answered from what the script returned; the engine's values never
// leave its thread.
#include "httpapp.h"
#include "httpscriptroute.h"
#include "jsonfields.h"

#include <diesel/http/websocket.h>

#include <QJSEngine>
#include <QJSValueIterator>
#include <QJsonObject>
#include <QRegularExpression>

#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace workbench {

namespace http = diesel::http;

QString defaultRequestScript()
{
    return QStringLiteral(
        "// req: method, path, query, headers, body, params, peer. Return a string (200\n"
        "// text/plain) or {status, headers, body}; a body that is not a string goes as JSON.\n"
        "function onRequest(req) {\n"
        "    return { status: 200, body: { path: req.path, params: req.params } };\n"
        "}\n");
}

QString defaultWebSocketScript()
{
    return QStringLiteral("// ws: send(text), close(code, reason), state, peer. The return value\n"
                          "// (if any) is sent back.\n"
                          "function onMessage(text, ws) {\n"
                          "    return text.toUpperCase();\n"
                          "}\n");
}

namespace {

const ScriptEntry kOnRequest{QStringLiteral("onRequest"), QStringLiteral("onRequest(req)")};
const ScriptEntry kOnMessage{QStringLiteral("onMessage"), QStringLiteral("onMessage(text, ws)")};

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The names a pattern captures: "/u/<int:id>/<name>" → id, name.
QStringList parameterNames(const QString &pattern)
{
    static const QRegularExpression parameter(QStringLiteral("<(?:[a-z]+:)?([^<>/:]+)>"));
    QStringList names;
    for (const QRegularExpressionMatch &m : parameter.globalMatch(pattern))
        names << m.captured(1);
    return names;
}

// The script must compile and define its entry; otherwise the Service does not start.
void checkRouteScript(const HttpRoute &route, const ScriptEntry &entry, const QString &where,
                      std::chrono::milliseconds budget)
{
    if (const auto problem = checkScriptDefines(route.body, entry, budget))
        fail(where, QStringLiteral("script: ") + problem->text());
}

// ---- onRequest ----

// What one request's call produced.
struct ScriptAnswer
{
    http::Response response;
    QString error; ///< the call threw, ran out of time or returned something unusable
};

// `req` as the script sees it.
QJsonObject requestObject(const http::Request &request, const http::Params &params,
                          const QStringList &names)
{
    QJsonObject o = echoOfRequest(request);
    QJsonObject query; // by name; the last of repeated names wins
    for (const auto &[name, value] : request.query)
        query.insert(fromStd(name), fromStd(value));
    o.insert(QStringLiteral("query"), query);
    QJsonObject captured;
    for (const QString &name : names) {
        if (const auto value = params.get(name.toStdString()))
            captured.insert(name, fromStd(*value));
    }
    o.insert(QStringLiteral("params"), captured);
    return o;
}

// The response a script's return value stands for.
ScriptAnswer answerOf(QJSEngine &engine, const QJSValue &value)
{
    ScriptAnswer answer;
    if (value.isString()) {
        answer.response = http::Response::text(value.toString().toStdString());
        return answer;
    }
    if (!value.isObject() || value.isArray() || value.isCallable()) {
        answer.error = QStringLiteral("onRequest returned %1, not a string or {status, headers, "
                                      "body}")
                           .arg(value.isUndefined() ? QStringLiteral("nothing") : value.toString());
        return answer;
    }
    const QJSValue status = value.property(QStringLiteral("status"));
    const int code = status.isUndefined() ? 200 : status.toInt();
    if (code < 100 || code > 599) {
        answer.error = QStringLiteral("status %1 is not an HTTP status").arg(status.toString());
        return answer;
    }
    const QJSValue body = value.property(QStringLiteral("body"));
    if (body.isString())
        answer.response = http::Response(code, body.toString().toStdString());
    else if (body.isUndefined() || body.isNull())
        answer.response = http::Response(code, std::string());
    else {
        const QJSValue json = engine.globalObject()
                                  .property(QStringLiteral("JSON"))
                                  .property(QStringLiteral("stringify"))
                                  .call({body});
        answer.response = http::Response(code, json.toString().toStdString(), "application/json");
    }
    const QJSValue headers = value.property(QStringLiteral("headers"));
    if (headers.isObject()) {
        QJSValueIterator it(headers);
        while (it.hasNext()) {
            it.next();
            answer.response.headers.set(it.name().toStdString(),
                                        it.value().toString().toStdString());
        }
    }
    return answer;
}

ScriptAnswer serveRequest(ScriptContext &context, const QJsonObject &request)
{
    ScriptAnswer answer;
    const QJSValue value = context.call(context.function(kOnRequest.name),
                                        {context.engine().toScriptValue(request)}, answer.error);
    return answer.error.isEmpty() ? answerOf(context.engine(), value) : answer;
}

// ---- onMessage ----

// What a `ws` is to a script: like a line Script's `conn`, send() and close() only record, and
// the socket's Loop applies them once the call returns.
constexpr auto kSocketFactory = R"((function (peer) {
    return { peer: peer, state: {}, _out: [], _close: null,
             send: function (text) { this._out.push(String(text)); },
             close: function (code, reason) {
                 this._close = { code: code === undefined ? 1000 : Number(code),
                                 reason: reason === undefined ? "" : String(reason) };
             } };
}))";

enum class Event { Open, Message, Close };

struct SocketOutcome
{
    std::vector<std::string> out; ///< ws.send() texts, then the reply
    std::optional<int> closeCode; ///< ws.close() was called
    std::string closeReason;
    QString error;
};

QString socketKey(std::uint64_t id)
{
    return QStringLiteral("s%1").arg(id);
}

SocketOutcome serveSocket(ScriptContext &context, Event event, std::uint64_t id,
                          const QString &text)
{
    static const QString names[] = {QStringLiteral("onOpen"), QStringLiteral("onMessage"),
                                    QStringLiteral("onClose")};
    if (event == Event::Open)
        context.openSession(socketKey(id), kSocketFactory, text);
    ScriptContext::SessionCall call =
        context.callSession(socketKey(id), names[int(event)],
                            event == Event::Message ? std::optional(text) : std::nullopt);
    SocketOutcome outcome{std::move(call.sent), std::nullopt, {}, call.error};
    const QJSValue close = call.object.property(QStringLiteral("_close"));
    if (close.isObject()) {
        outcome.closeCode = close.property(QStringLiteral("code")).toInt();
        outcome.closeReason = close.property(QStringLiteral("reason")).toString().toStdString();
    }
    return outcome;
}

// The engine of one WebSocket script route and the numbers of its sockets.
struct SocketScript
{
    SocketScript(QString script, std::chrono::milliseconds budget)
        : host(std::move(script), kOnMessage, budget)
    {}
    std::atomic<std::uint64_t> sockets{0};
    ScriptHost host;
};

// A close reason is at most 123 bytes; a longer message is cut (on a UTF-8 boundary).
std::string closeReason(const QString &text)
{
    QString cut = text;
    while (cut.toUtf8().size() > 123)
        cut.chop(1);
    return cut.toStdString();
}

void socketSession(SocketScript &script, http::WebSocket &ws, const http::Request &request,
                   const QString &where, const ScriptFailure &failed)
{
    const std::uint64_t id = ++script.sockets;
    const QString peer = fromStd(request.peer.to_string());
    struct Forget // however the session ends, onClose runs and the socket's state goes
    {
        ScriptHost &host;
        std::uint64_t id;
        ~Forget()
        {
            host.submit([id = id](ScriptContext *context, const QString &) {
                if (!context)
                    return;
                serveSocket(*context, Event::Close, id, {});
                context->forget(socketKey(id));
            });
        }
    } forget{script.host, id};
    auto fault = [&](const QString &why) {
        if (failed)
            failed(where + QStringLiteral(": ") + peer + QStringLiteral(": ") + why);
        ws.close(http::close_code::internal_error, closeReason(why));
    };
    auto step = [&](Event event, QString text) {
        SocketOutcome outcome = script.host.callAndWait<SocketOutcome>(
            [event, id, text = std::move(text)](ScriptContext *context, const QString &problem) {
                if (!context)
                    return SocketOutcome{{}, std::nullopt, {}, problem};
                return serveSocket(*context, event, id, text);
            });
        for (const std::string &sent : outcome.out)
            ws.send_text(sent);
        if (!outcome.error.isEmpty()) {
            fault(outcome.error);
            return false;
        }
        if (!outcome.closeCode)
            return true;
        try {
            ws.close(std::uint16_t(*outcome.closeCode), closeReason(fromStd(outcome.closeReason)));
        } catch (const std::invalid_argument &) {
            fault(QStringLiteral("ws.close(%1): not a close code a server may send")
                      .arg(*outcome.closeCode));
        }
        return false;
    };
    if (!step(Event::Open, peer))
        return;
    for (;;) {
        const http::Message message = ws.receive();
        if (!step(Event::Message, fromStd(message.data)))
            return;
    }
}

} // namespace

void addScriptRoute(http::App &app, const HttpRoute &route, const QString &where,
                    std::chrono::milliseconds budget, ScriptFailure failed)
{
    checkRouteScript(route, kOnRequest, where, budget);
    auto host = std::make_shared<ScriptHost>(route.body, kOnRequest, budget);
    app.route(route.method.toStdString(), route.pattern.toStdString(),
              [host, names = parameterNames(route.pattern), where,
               failed = std::move(failed)](http::Request &request, const http::Params &params) {
                  ScriptAnswer answer = host->callAndWait<ScriptAnswer>(
                      [req = requestObject(request, params, names)](ScriptContext *context,
                                                                    const QString &problem) {
                          return context ? serveRequest(*context, req) : ScriptAnswer{{}, problem};
                      });
                  if (answer.error.isEmpty())
                      return answer.response;
                  if (failed)
                      failed(where + QStringLiteral(": ") + fromStd(request.peer.to_string()) +
                             QStringLiteral(": ") + answer.error);
                  return http::Response(500, answer.error.toStdString() + "\n");
              });
}

void addWebSocketScriptRoute(http::App &app, const HttpRoute &route, const QString &where,
                             std::chrono::milliseconds budget, ScriptFailure failed)
{
    checkRouteScript(route, kOnMessage, where, budget);
    auto script = std::make_shared<SocketScript>(route.body, budget);
    app.websocket(route.pattern.toStdString(),
                  [script, where, failed = std::move(failed)](
                      http::WebSocket &ws, const http::Request &request, const http::Params &) {
                      socketSession(*script, ws, request, where, failed);
                  });
}

} // namespace workbench
