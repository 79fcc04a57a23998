// SPDX-License-Identifier: MIT
// WebSockets with real sockets: an HTTP Service's WebSocket echo route sends text and binary
// frames back to the client item, its broadcast route reaches two clients, its script route
// answers from onOpen/onMessage with per-socket state, closes with the script's code and reason,
// and closes 1011 with the message when the script throws; the client console's
// ping gets a pong, its Close sends the chosen code and reason to the server; bad input (hex,
// close codes) is refused with a reason; the client item saves and loads.
#include "dieseltest.h"
#include "httpservicecontroller.h"
#include "httptype.h"
#include "websocketconsole.h"
#include "websocketcontroller.h"
#include "websockettype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/http/server.h>
#include <diesel/http/websocket_server.h>

#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <algorithm>

using namespace workbench;
namespace http = diesel::http;

namespace {

HttpServiceController *startWebSocketService(WorkspaceController &workspace, RouteKind kind,
                                             const QString &body = {})
{
    HttpRoute route;
    route.pattern = QStringLiteral("/ws");
    route.kind = kind;
    route.body = body;
    HttpServiceSpec spec;
    spec.port = 0;
    spec.routes = {route};
    HttpServiceController *service = addHttpService(workspace, spec, QStringLiteral("web"));
    service->start();
    return service;
}

WebSocketClientController *connectClient(WorkspaceController &workspace, const QString &id,
                                         std::uint16_t port,
                                         const QString &target = QStringLiteral("/ws"))
{
    WebSocketClientSpec spec;
    spec.name = id;
    spec.url = QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(target);
    WebSocketClientController *client = addWebSocketClient(workspace, spec, id);
    client->start();
    return client;
}

// Whether the client received a frame of this payload.
bool received(const WebSocketClientController &client, const QByteArray &data, bool binary = false)
{
    for (const WebSocketFrame &f : client.frames())
        if (f.kind == WebSocketFrame::Kind::In && f.data == data && f.binary == binary)
            return true;
    return false;
}

// Whether the client saw the server close with `code` and a reason containing `reason`.
bool closedWith(const WebSocketClientController &client, int code, const QString &reason)
{
    for (const WebSocketFrame &f : client.frames())
        if (f.kind == WebSocketFrame::Kind::Close && f.code == code &&
            QString::fromUtf8(f.data).contains(reason))
            return true;
    return false;
}

int countOf(const WebSocketClientController &client, WebSocketFrame::Kind kind)
{
    return int(std::count_if(client.frames().begin(), client.frames().end(),
                             [kind](const WebSocketFrame &f) { return f.kind == kind; }));
}

} // namespace

class TestWebSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void theEchoRouteSendsTextAndBinaryBack()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startWebSocketService(workspace, RouteKind::WsEcho);
        QVERIFY2(service->state() == ItemState::Running, qPrintable(service->errorText()));
        WebSocketClientController *client =
            connectClient(workspace, QStringLiteral("ws"), service->port());
        QTRY_VERIFY_WITH_TIMEOUT(client->isOpen(), 10000);
        QCOMPARE(toString(client->state()), toString(ItemState::Running));
        QCOMPARE(client->trafficOwner(), QStringLiteral("websocket ws"));

        WebSocketConsole console;
        console.setController(client);
        console.input()->setText(QStringLiteral("hello"));
        console.sendText();
        QCOMPARE(console.problem(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(received(*client, "hello"), 10000);
        console.input()->setText(QStringLiteral("00 ff 41"));
        console.sendHex();
        QTRY_VERIFY_WITH_TIMEOUT(received(*client, QByteArray("\x00\xff\x41", 3), true), 10000);
        // The console's rows: the text frame out and in, the binary one in hex.
        bool hexRow = false;
        for (int row = 0; row < console.frames().rowCount(); ++row)
            hexRow = hexRow || (console.frames().text(row, 1) == QLatin1String("in") &&
                                console.frames().text(row, 3) == QLatin1String("00 ff 41"));
        QVERIFY(hexRow);

        console.input()->setText(QStringLiteral("0g"));
        console.sendHex();
        QVERIFY2(console.problem().contains(QLatin1String("hex")), qPrintable(console.problem()));

        console.ping();
        QTRY_COMPARE_WITH_TIMEOUT(countOf(*client, WebSocketFrame::Kind::Pong), 1, 10000);

        client->stop();
        QVERIFY(!client->isOpen());
        service->stop();
    }

    void theScriptRouteAnswersKeepsStateAndCloses()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startWebSocketService(
            workspace, RouteKind::WsScript,
            QStringLiteral(
                "function onOpen(ws) {\n"
                "    ws.state.n = 0;\n"
                "    ws.send('hello ' + ws.peer.startsWith('127.0.0.1:'));\n"
                "}\n"
                "function onMessage(text, ws) {\n"
                "    ws.state.n++;\n"
                "    if (text === 'bye') { ws.close(4000, 'bye after ' + ws.state.n); return; }\n"
                "    if (text === 'boom') throw new Error('no boom here');\n"
                "    ws.send('#' + ws.state.n);\n"
                "    return text.toUpperCase();\n"
                "}\n"));
        QVERIFY2(service->state() == ItemState::Running, qPrintable(service->errorText()));
        QSignalSpy log(service, &ItemController::logLine);
        WebSocketClientController *a =
            connectClient(workspace, QStringLiteral("a"), service->port());
        QTRY_VERIFY_WITH_TIMEOUT(received(*a, "hello true"), 10000);
        QCOMPARE(a->sendText(QStringLiteral("abc")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(received(*a, "#1") && received(*a, "ABC"), 10000);
        QCOMPARE(a->sendText(QStringLiteral("bye")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(closedWith(*a, 4000, QStringLiteral("bye after 2")), 10000);

        // A throw closes that socket 1011 with the message; the route serves the next one.
        WebSocketClientController *b =
            connectClient(workspace, QStringLiteral("b"), service->port());
        QTRY_VERIFY_WITH_TIMEOUT(received(*b, "hello true"), 10000);
        QCOMPARE(b->sendText(QStringLiteral("boom")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(closedWith(*b, 1011, QStringLiteral("no boom here")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(log.begin(), log.end(),
                        [](const QList<QVariant> &args) {
                            return args.at(0).toString().contains(
                                QStringLiteral("script failed route 1 (GET /ws)"));
                        }),
            10000);
        WebSocketClientController *c =
            connectClient(workspace, QStringLiteral("c"), service->port());
        QTRY_VERIFY_WITH_TIMEOUT(received(*c, "hello true"), 10000);
        QCOMPARE(c->sendText(QStringLiteral("again")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(received(*c, "#1") && received(*c, "AGAIN"), 10000);
        c->stop();
        service->stop();
    }

    void theBroadcastRouteReachesEveryClient()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startWebSocketService(workspace, RouteKind::WsBroadcast);
        WebSocketClientController *a =
            connectClient(workspace, QStringLiteral("a"), service->port());
        WebSocketClientController *b =
            connectClient(workspace, QStringLiteral("b"), service->port());
        QTRY_VERIFY_WITH_TIMEOUT(a->isOpen() && b->isOpen(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(service->liveConnections(), std::size_t(2), 10000);
        QCOMPARE(a->sendText(QStringLiteral("from a")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(received(*b, "from a") && received(*a, "from a"), 10000);
        QCOMPARE(b->sendText(QStringLiteral("from b")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(received(*a, "from b") && received(*b, "from b"), 10000);
        a->stop();
        b->stop();
        service->stop();
    }

    void closeSendsTheCodeAndReasonToTheServer()
    {
        // A server of the test's own that notes how its client closed.
        int code = 0;
        std::string reason;
        http::HttpServer server(
            [&](http::Request &request) {
                return http::accept_websocket(request, [&](http::WebSocket &ws) {
                    try {
                        for (;;)
                            ws.receive();
                    } catch (const http::WebSocketClosed &closed) {
                        code = closed.code();
                        reason = std::string(closed.reason());
                    }
                });
            },
            0, "127.0.0.1");
        server.start();
        WorkspaceController workspace;
        WebSocketClientController *client =
            connectClient(workspace, QStringLiteral("ws"), server.port(), QStringLiteral("/"));
        QTRY_VERIFY_WITH_TIMEOUT(client->isOpen(), 10000);
        WebSocketConsole console;
        console.setController(client);

        console.closeCode()->setValue(1005); // reported only, never sent
        console.close();
        QVERIFY2(console.problem().contains(QLatin1String("1005")), qPrintable(console.problem()));
        QVERIFY(client->isOpen());

        console.closeCode()->setValue(1000);
        console.closeReason()->setText(QStringLiteral("done here"));
        console.close();
        QCOMPARE(console.problem(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(code, 1000, 10000);
        QCOMPARE(dtest::q(reason), QStringLiteral("done here"));
        QTRY_COMPARE_WITH_TIMEOUT(toString(client->state()), toString(ItemState::Stopped), 10000);
        QCOMPARE(countOf(*client, WebSocketFrame::Kind::Close), 1);
        QCOMPARE(client->sendText(QStringLiteral("late")), QStringLiteral("not connected"));
        server.stop();
    }

    void aRefusedConnectionIsAnErrorOnTheItem()
    {
        WorkspaceController workspace;
        WebSocketClientController *client =
            connectClient(workspace, QStringLiteral("ws"), dtest::free_port());
        QTRY_COMPARE_WITH_TIMEOUT(toString(client->state()), toString(ItemState::Error), 10000);
        QVERIFY2(client->errorText().contains(QLatin1String("cannot connect")),
                 qPrintable(client->errorText()));
    }

    void theClientSavesAndLoads()
    {
        WebSocketClientSpec spec;
        spec.name = QStringLiteral("chat");
        spec.url = QStringLiteral("wss://example.org/chat");
        spec.autoconnect = true;
        Workspace w;
        w.items = {webSocketClientItem(spec, QStringLiteral("c"))};
        const WorkspaceResult again = parseWorkspace(workspaceJson(w), QStringLiteral("ws"));
        QVERIFY2(again, qPrintable(again.error));
        QVERIFY(*again.workspace == w);
        const WorkspaceResult bad = parseWorkspace(
            "{\"version\": 2, \"items\": [{\"id\": \"c\", \"type\": \"websocket-client\", "
            "\"name\": \"c\", \"url\": \"http://x/\"}]}",
            QStringLiteral("bad"));
        QVERIFY(!bad);
        QVERIFY2(bad.error.contains(QLatin1String("items[0].url: expected a ws://")),
                 qPrintable(bad.error));
    }
};

QTEST_MAIN(TestWebSocket)
#include "tst_app_websocket.moc"
