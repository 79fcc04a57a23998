// SPDX-License-Identifier: MIT
// The HTTP items with real sockets: an HTTP Service answers each kind of route (text, JSON, echo,
// files, Script) and 404 for the rest, on a chosen port or one the OS picks; a bad route and a port
// in use are errors on the item; the HTTP client item sends to it, its console shows status,
// headers and indented JSON with the timing filled in (over TLS: connect and handshake apart); a
// repeat of N sends N over one connection; both kinds save and load.
#include "demoworkspace.h"
#include "dieseltest.h"
#include "httpclientconsole.h"
#include "httpclientcontroller.h"
#include "httpclienteditor.h"
#include "httprouteseditor.h"
#include "httpservicecontroller.h"
#include "httpserviceeditor.h"
#include "httptype.h"
#include "itemtype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/core/observer.h>
#include <diesel/core/tls.h>
#include <diesel/http/client.h>
#include <diesel/http/server.h>

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(workbench::HttpRoute)

using namespace workbench;
namespace http = diesel::http;

namespace {

HttpRoute route(const QString &method, const QString &pattern, RouteKind kind,
                const QString &body = {})
{
    HttpRoute r;
    r.method = method;
    r.pattern = pattern;
    r.kind = kind;
    r.body = body;
    return r;
}

HttpServiceController *startService(WorkspaceController &workspace, std::vector<HttpRoute> routes,
                                    std::uint16_t port = 0)
{
    HttpServiceSpec spec;
    spec.port = port;
    spec.routes = std::move(routes);
    HttpServiceController *service = addHttpService(workspace, spec, QStringLiteral("web"));
    service->start();
    return service;
}

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

// The owner names of the connections opened while it lives, as the traffic view shows them.
class ConnectionOwners : public diesel::Observer
{
public:
    ConnectionOwners() { diesel::Hub::current().add_observer(*this); }
    ~ConnectionOwners() override { diesel::Hub::current().remove_observer(*this); }
    ConnectionOwners(const ConnectionOwners &) = delete;
    ConnectionOwners &operator=(const ConnectionOwners &) = delete;
    unsigned interests() const override { return Connections; }
    void connection_opened(const diesel::ConnectionInfo &conn) override
    {
        owners << QString::fromStdString(conn.owner);
    }
    QStringList owners;
};

} // namespace

class TestHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void eachRouteKindAnswersARealRequest()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        {
            QFile file(folder.filePath(QStringLiteral("a.txt")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("file contents\n");
        }
        HttpRoute text = route(QStringLiteral("GET"), QStringLiteral("/"), RouteKind::Text,
                               QStringLiteral("hello\n"));
        text.status = 201;
        text.contentType = QStringLiteral("text/x-test");
        HttpRoute files = route(QStringLiteral("GET"), QStringLiteral("/static"), RouteKind::Files);
        files.folder = folder.path();
        WorkspaceController workspace;
        HttpServiceController *service = startService(
            workspace,
            {text,
             route(QStringLiteral("GET"), QStringLiteral("/api/time"), RouteKind::Json,
                   QStringLiteral("{\"time\": 12}")),
             route(QStringLiteral("POST"), QStringLiteral("/echo/<int:n>"), RouteKind::Echo),
             files});
        QVERIFY2(service->state() == ItemState::Running, qPrintable(service->errorText()));
        // Port 0: the OS picked one, and the item says which.
        const std::uint16_t port = service->port();
        QVERIFY(port != 0);
        QVERIFY(service->summary().contains(QStringLiteral(":%1").arg(port)));

        QVERIFY(dtest::run_in_loop([port] {
            http::HttpClient client("127.0.0.1", port);
            http::Response r = client.get("/");
            QCOMPARE(r.status, 201);
            QCOMPARE(str(r.body), QStringLiteral("hello\n"));
            QCOMPARE(str(std::string(r.headers.value("Content-Type"))),
                     QStringLiteral("text/x-test"));

            r = client.get("/api/time");
            QCOMPARE(r.status, 200);
            QCOMPARE(str(std::string(r.headers.value("Content-Type"))),
                     QStringLiteral("application/json"));
            QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(r.body))
                         .object()
                         .value(QLatin1String("time"))
                         .toInt(),
                     12);

            http::Headers headers;
            headers.add("X-Test", "yes");
            r = client.request("POST", "/echo/7?x=1", headers, "the body");
            QCOMPARE(r.status, 200);
            const QJsonObject echo =
                QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
            QCOMPARE(echo.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
            QCOMPARE(echo.value(QLatin1String("path")).toString(), QStringLiteral("/echo/7"));
            QCOMPARE(echo.value(QLatin1String("target")).toString(), QStringLiteral("/echo/7?x=1"));
            QCOMPARE(echo.value(QLatin1String("body")).toString(), QStringLiteral("the body"));
            QCOMPARE(echo.value(QLatin1String("headers"))
                         .toObject()
                         .value(QLatin1String("X-Test"))
                         .toString(),
                     QStringLiteral("yes"));

            r = client.get("/static/a.txt");
            QCOMPARE(r.status, 200);
            QCOMPARE(str(r.body), QStringLiteral("file contents\n"));

            QCOMPARE(client.get("/nosuch").status, 404);
            QCOMPARE(client.get("/static/nosuch.txt").status, 404);
            QCOMPARE(client.get("/echo/7").status, 405); // echo answers POST only
        }));
        QCOMPARE(service->requests(), std::uint64_t(7));
        service->stop();
    }

    void badRoutesAreErrorsOnTheItem_data()
    {
        QTest::addColumn<HttpRoute>("bad");
        QTest::addColumn<QString>("message");
        QTest::newRow("pattern") << route(QStringLiteral("GET"), QStringLiteral("/a/<int:n"),
                                          RouteKind::Text)
                                 << QStringLiteral("route 2 (GET /a/<int:n)");
        QTest::newRow("json") << route(QStringLiteral("GET"), QStringLiteral("/j"), RouteKind::Json,
                                       QStringLiteral("{nope"))
                              << QStringLiteral("route 2 (GET /j): the body is not JSON");
        HttpRoute files = route(QStringLiteral("GET"), QStringLiteral("/f"), RouteKind::Files);
        files.folder = QStringLiteral("/no/such/folder");
        QTest::newRow("folder") << files
                                << QStringLiteral(
                                       "route 2 (GET /f): the folder \"/no/such/folder\" does "
                                       "not exist");
        QTest::newRow("script syntax")
            << route(QStringLiteral("GET"), QStringLiteral("/s"), RouteKind::Script,
                     QStringLiteral("// fine so far\nfunction onRequest(req) {\n  return (;\n}\n"))
            << QStringLiteral("route 2 (GET /s): script: line 3: SyntaxError");
        QTest::newRow("script without onRequest")
            << route(QStringLiteral("GET"), QStringLiteral("/s"), RouteKind::Script,
                     QStringLiteral("function other() {}"))
            << QStringLiteral("route 2 (GET /s): script: the script defines no function "
                              "onRequest(req)");
        QTest::newRow("websocket script syntax")
            << route(QStringLiteral("GET"), QStringLiteral("/ws"), RouteKind::WsScript,
                     QStringLiteral("function onMessage(text, ws) {\n  return text + * 2;\n}\n"))
            << QStringLiteral("route 2 (GET /ws): script: line 2: SyntaxError");
    }

    void scriptRoutesAnswerFromTheRequest()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startService(
            workspace,
            {route(QStringLiteral("POST"), QStringLiteral("/shout/<word>/<int:n>"),
                   RouteKind::Script,
                   QStringLiteral(
                       "function onRequest(req) {\n"
                       "    return { status: 201, headers: { 'X-Script': 'yes' },\n"
                       "             body: { word: req.params.word.toUpperCase(),\n"
                       "                     n: Number(req.params.n) + 1, method: req.method,\n"
                       "                     x: req.query.x, body: req.body,\n"
                       "                     test: req.headers['X-Test'],\n"
                       "                     local: req.peer.startsWith('127.0.0.1:') } };\n"
                       "}\n")),
             route(QStringLiteral("GET"), QStringLiteral("/hello"), RouteKind::Script,
                   QStringLiteral("function onRequest(req) { return 'hi at ' + req.path; }")),
             route(QStringLiteral("GET"), QStringLiteral("/page"), RouteKind::Script,
                   QStringLiteral("function onRequest(req) {\n"
                                  "    return { status: 404, body: '<p>gone</p>',\n"
                                  "             headers: { 'Content-Type': 'text/html' } };\n"
                                  "}\n"))});
        QVERIFY2(service->state() == ItemState::Running, qPrintable(service->errorText()));
        const std::uint16_t port = service->port();
        QVERIFY(dtest::run_in_loop([port] {
            http::HttpClient client("127.0.0.1", port);
            http::Headers headers;
            headers.add("X-Test", "yes");
            http::Response r = client.request("POST", "/shout/quiet/41?x=1", headers, "the body");
            QCOMPARE(r.status, 201);
            QCOMPARE(str(std::string(r.headers.value("X-Script"))), QStringLiteral("yes"));
            QCOMPARE(str(std::string(r.headers.value("Content-Type"))),
                     QStringLiteral("application/json"));
            const QJsonObject o =
                QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
            QCOMPARE(o.value(QLatin1String("word")).toString(), QStringLiteral("QUIET"));
            QCOMPARE(o.value(QLatin1String("n")).toInt(), 42);
            QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
            QCOMPARE(o.value(QLatin1String("x")).toString(), QStringLiteral("1"));
            QCOMPARE(o.value(QLatin1String("body")).toString(), QStringLiteral("the body"));
            QCOMPARE(o.value(QLatin1String("test")).toString(), QStringLiteral("yes"));
            QVERIFY(o.value(QLatin1String("local")).toBool());

            r = client.get("/hello");
            QCOMPARE(r.status, 200);
            QCOMPARE(str(r.body), QStringLiteral("hi at /hello"));
            QVERIFY(str(std::string(r.headers.value("Content-Type")))
                        .startsWith(QLatin1String("text/plain")));

            r = client.get("/page");
            QCOMPARE(r.status, 404);
            QCOMPARE(str(r.body), QStringLiteral("<p>gone</p>"));
            QCOMPARE(str(std::string(r.headers.value("Content-Type"))),
                     QStringLiteral("text/html"));
        }));
        service->stop();
    }

    void aFailingScriptAnswers500AndServesOn()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startService(
            workspace,
            {route(QStringLiteral("GET"), QStringLiteral("/boom"), RouteKind::Script,
                   QStringLiteral("function onRequest(req) {\n"
                                  "    if (req.query.fail) throw new Error('no boom here');\n"
                                  "    return 'fine';\n"
                                  "}\n")),
             route(QStringLiteral("GET"), QStringLiteral("/loop"), RouteKind::Script,
                   QStringLiteral("function onRequest(req) { for (;;) {} }")),
             route(QStringLiteral("GET"), QStringLiteral("/nothing"), RouteKind::Script,
                   QStringLiteral("function onRequest(req) {}"))});
        QVERIFY2(service->state() == ItemState::Running, qPrintable(service->errorText()));
        QSignalSpy log(service, &ItemController::logLine);
        const std::uint16_t port = service->port();
        QVERIFY(dtest::run_in_loop([port] {
            http::HttpClient client("127.0.0.1", port);
            http::Response r = client.get("/boom?fail=1");
            QCOMPARE(r.status, 500);
            QVERIFY2(str(r.body).contains(QStringLiteral("line 2: Error: no boom here")),
                     r.body.c_str());
            r = client.get("/boom");
            QCOMPARE(r.status, 200);
            QCOMPARE(str(r.body), QStringLiteral("fine"));

            r = client.get("/loop");
            QCOMPARE(r.status, 500);
            QVERIFY2(str(r.body).contains(QStringLiteral("exceeded its 100 ms budget")),
                     r.body.c_str());
            r = client.get("/nothing");
            QCOMPARE(r.status, 500);
            QVERIFY2(str(r.body).contains(QStringLiteral("onRequest returned nothing")),
                     r.body.c_str());
            QCOMPARE(client.get("/boom").status, 200);
        }));
        QVERIFY(service->state() == ItemState::Running);
        QStringList lines;
        for (const QList<QVariant> &args : log)
            lines << args.at(0).toString();
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("script failed route 1 (GET /boom): 127.0.0.1:")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("no boom here")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("route 2 (GET /loop)")), qPrintable(all));
        service->stop();
    }

    void badRoutesAreErrorsOnTheItem()
    {
        QFETCH(HttpRoute, bad);
        QFETCH(QString, message);
        WorkspaceController workspace;
        HttpServiceController *service = startService(
            workspace, {route(QStringLiteral("GET"), QStringLiteral("/"), RouteKind::Text), bad});
        QCOMPARE(toString(service->state()), toString(ItemState::Error));
        QVERIFY2(service->errorText().startsWith(message), qPrintable(service->errorText()));
        HttpServiceEditor editor(workspace);
        editor.setController(service);
        QVERIFY2(editor.errorText().startsWith(message), qPrintable(editor.errorText()));
    }

    void aPortInUseIsAnErrorOnTheItem()
    {
        WorkspaceController workspace;
        HttpServiceController *first = startService(workspace, {}, 0);
        QCOMPARE(toString(first->state()), toString(ItemState::Running));
        HttpServiceSpec spec;
        spec.name = QStringLiteral("second");
        spec.port = first->port();
        HttpServiceController *second = addHttpService(workspace, spec, QStringLiteral("second"));
        QVERIFY(!second->start());
        QCOMPARE(toString(second->state()), toString(ItemState::Error));
        QVERIFY2(second->errorText().contains(QString::number(first->port())),
                 qPrintable(second->errorText()));
        QVERIFY2(second->errorText().contains(QLatin1String("in use")),
                 qPrintable(second->errorText()));
    }

    void theClientItemSendsAndItsConsoleShowsTheResponse()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startService(
            workspace, {route(QStringLiteral("POST"), QStringLiteral("/echo"), RouteKind::Echo)});
        HttpClientController *client =
            addHttpClient(workspace, HttpClientSpec{}, QStringLiteral("client"));
        QCOMPARE(client->trafficOwner(), QStringLiteral("http client request"));
        HttpClientEditor editor(workspace);
        editor.setController(client);
        HttpClientConsole console;
        console.setController(client);

        editor.method()->setCurrentText(QStringLiteral("post"));
        editor.url()->setText(QStringLiteral("http://127.0.0.1:%1/echo").arg(service->port()));
        editor.headers()->setPlainText(QStringLiteral("X-Test: yes\nAccept: application/json"));
        editor.body()->setPlainText(QStringLiteral("{\"k\": 1}"));
        QVERIFY(editor.send());
        QCOMPARE(client->spec().method, QStringLiteral("POST"));
        QTRY_COMPARE_WITH_TIMEOUT(client->history().size(), std::size_t(1), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(toString(client->state()), toString(ItemState::Stopped), 10000);

        const HttpExchange &x = client->history().back();
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QCOMPARE(x.status, 200);
        QVERIFY(x.timing.connect.has_value());
        QVERIFY(x.timing.firstByte.has_value());
        QVERIFY(*x.timing.firstByte >= *x.timing.connect);
        QVERIFY(x.timing.total >= *x.timing.firstByte);
        QCOMPARE(console.statusText(), QStringLiteral("200 OK"));
        QVERIFY2(console.timingText().contains(QLatin1String("connect ")) &&
                     console.timingText().contains(QLatin1String("first byte ")) &&
                     console.timingText().contains(QLatin1String("total ")),
                 qPrintable(console.timingText()));
        QVERIFY2(console.headersText().contains(QLatin1String("Content-Type: application/json")),
                 qPrintable(console.headersText()));
        // Indented JSON, the request's own fields in it.
        QVERIFY2(console.bodyText().contains(QLatin1String("\n    \"method\": \"POST\"")),
                 qPrintable(console.bodyText()));
        QVERIFY2(console.bodyText().contains(QLatin1String("\"X-Test\": \"yes\"")),
                 qPrintable(console.bodyText()));
        QCOMPARE(console.history().rowCount(), 1);
        QCOMPARE(console.history().text(0, 4), QStringLiteral("200"));

        // A header line that is no header: refused in Properties, nothing sent.
        editor.headers()->setPlainText(QStringLiteral("no colon here"));
        QVERIFY(!editor.send());
        QCOMPARE(client->history().size(), std::size_t(1));
        service->stop();
    }

    // Routes edited as rows in Properties: a new row is served after Apply; a pattern that is no
    // path is refused there with the field named, and the Service keeps running.
    void routesAreEditedAsRows()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startService(workspace, defaultHttpRoutes());
        QCOMPARE(toString(service->state()), toString(ItemState::Running));
        HttpServiceEditor editor(workspace);
        editor.setController(service);
        QCOMPARE(editor.routes()->table()->rowCount(), 2);
        const int row = editor.routes()->addRow();
        QTableWidget *table = editor.routes()->table();
        table->item(row, HttpRoutesEditor::Pattern)->setText(QStringLiteral("/hello/<name>"));
        table->item(row, HttpRoutesEditor::Status)->setText(QStringLiteral("202"));
        table->item(row, HttpRoutesEditor::BodyOrFolder)->setText(QStringLiteral("hi there"));
        QVERIFY(editor.apply());
        QCOMPARE(service->spec().routes.size(), std::size_t(3));
        QCOMPARE(toString(service->state()), toString(ItemState::Running));
        const std::uint16_t port = service->port();
        QVERIFY(dtest::run_in_loop([port] {
            http::HttpClient client("127.0.0.1", port);
            const http::Response r = client.get("/hello/bob");
            QCOMPARE(r.status, 202);
            QCOMPARE(str(r.body), QStringLiteral("hi there"));
        }));

        table->item(row, HttpRoutesEditor::Pattern)->setText(QStringLiteral("hello"));
        QVERIFY(!editor.apply());
        QVERIFY2(editor.errorText().contains(QLatin1String("routes[2].pattern")),
                 qPrintable(editor.errorText()));
        QCOMPARE(service->spec().routes[2].pattern, QStringLiteral("/hello/<name>"));
        QCOMPARE(toString(service->state()), toString(ItemState::Running));
        service->stop();
    }

    // Both ends carry their item's name in the traffic view.
    void choosingScriptInTheEditorGivesAStarterScript()
    {
        WorkspaceController workspace;
        HttpServiceController *service = startService(workspace, defaultHttpRoutes());
        HttpServiceEditor editor(workspace);
        editor.setController(service);
        QTableWidget *table = editor.routes()->table();
        const int row = editor.routes()->addRow();
        table->item(row, HttpRoutesEditor::Pattern)->setText(QStringLiteral("/hi/<name>"));
        auto *kind = qobject_cast<QComboBox *>(table->cellWidget(row, HttpRoutesEditor::Kind));
        QVERIFY(kind);
        kind->setCurrentIndex(kind->findData(int(RouteKind::Script)));
        QVERIFY(table->item(row, HttpRoutesEditor::BodyOrFolder)
                    ->text()
                    .contains(QLatin1String("function onRequest(req)")));
        QVERIFY2(editor.apply(), qPrintable(editor.errorText()));
        QVERIFY(service->spec().routes.back().kind == RouteKind::Script);
        const std::uint16_t port = service->port();
        QVERIFY(dtest::run_in_loop([port] {
            http::HttpClient client("127.0.0.1", port);
            const http::Response r = client.get("/hi/bob");
            QCOMPARE(r.status, 200);
            const QJsonObject o =
                QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
            QCOMPARE(o.value(QLatin1String("path")).toString(), QStringLiteral("/hi/bob"));
            QCOMPARE(o.value(QLatin1String("params")).toObject().value(QLatin1String("name")),
                     QJsonValue(QStringLiteral("bob")));
        }));
        service->stop();
    }

    void connectionsCarryTheirOwnersNames()
    {
        ConnectionOwners seen;
        WorkspaceController workspace;
        HttpServiceController *service = startService(workspace, defaultHttpRoutes());
        HttpClientSpec spec;
        spec.url = QStringLiteral("http://127.0.0.1:%1/").arg(service->port());
        HttpClientController *client = addHttpClient(workspace, spec, QStringLiteral("client"));
        QVERIFY(client->start());
        QTRY_COMPARE_WITH_TIMEOUT(client->history().size(), std::size_t(1), 10000);
        QCOMPARE(client->history().back().status, 200);
        QVERIFY2(seen.owners.contains(service->trafficOwner()), qPrintable(seen.owners.join(u'|')));
        QVERIFY2(seen.owners.contains(client->trafficOwner()), qPrintable(seen.owners.join(u'|')));
        QCOMPARE(service->trafficOwner(), QStringLiteral("http web"));
        service->stop();
    }

    // The demo workspace's HTTP Service answers its two routes at first sight.
    void theDemoHttpServiceAnswers()
    {
        WorkspaceController workspace;
        workspace.load(demoWorkspace(DemoPorts{dtest::free_port(), dtest::free_udp_port(),
                                               dtest::free_port(), dtest::free_port()}));
        workspace.startAutostart();
        HttpServiceController *web = nullptr;
        for (ItemController *item : workspace.items())
            if (item->type().id == QLatin1String("http-service"))
                web = qobject_cast<HttpServiceController *>(item);
        QVERIFY(web);
        QVERIFY2(web->state() == ItemState::Running, qPrintable(web->errorText()));
        const std::uint16_t port = web->port();
        QVERIFY(dtest::run_in_loop([port] {
            http::HttpClient client("127.0.0.1", port);
            http::Response r = client.get("/");
            QCOMPARE(r.status, 200);
            QVERIFY(r.body.starts_with("Hello"));
            r = client.get("/echo?a=1");
            QCOMPARE(r.status, 200);
            QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(r.body))
                         .object()
                         .value(QLatin1String("target"))
                         .toString(),
                     QStringLiteral("/echo?a=1"));
        }));
        workspace.stopAll();
    }

    void overTlsTheTimingSplitsConnectAndHandshake()
    {
        http::HttpServerOptions options;
        options.service.tls = diesel::TlsContext::server_self_signed("localhost");
        http::HttpServer server([](http::Request &) { return http::Response::text("secret"); }, 0,
                                "127.0.0.1", options);
        server.start();
        WorkspaceController workspace;
        HttpClientSpec spec;
        spec.url = QStringLiteral("https://127.0.0.1:%1/").arg(server.port());
        spec.verifyPeer = false; // the server's certificate is self-signed
        spec.repeatCount = 2;
        spec.repeatInterval = 0.01;
        HttpClientController *client = addHttpClient(workspace, spec, QStringLiteral("client"));
        HttpClientConsole console;
        console.setController(client);
        QVERIFY(client->start());
        QTRY_COMPARE_WITH_TIMEOUT(client->history().size(), std::size_t(2), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(toString(client->state()), toString(ItemState::Stopped), 10000);

        const HttpExchange &first = client->history()[0];
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.body, QByteArray("secret"));
        QVERIFY(first.timing.connect.has_value());
        QVERIFY(first.timing.tls.has_value());
        QVERIFY(*first.timing.tls >= 0);
        QVERIFY(*first.timing.connect + *first.timing.tls <= *first.timing.firstByte);
        QVERIFY(first.timing.total >= *first.timing.firstByte);
        // The kept-alive second request neither connects nor shakes hands again.
        const HttpExchange &second = client->history()[1];
        QCOMPARE(second.status, 200);
        QVERIFY(!second.timing.connect.has_value());
        QVERIFY(!second.timing.tls.has_value());
        console.showRow(0);
        QVERIFY2(console.timingText().contains(QLatin1String("connect ")) &&
                     console.timingText().contains(QLatin1String(" TLS ")),
                 qPrintable(console.timingText()));
    }

    void aRepeatOfNSendsNOverOneConnection()
    {
        WorkspaceController workspace;
        HttpServiceController *service =
            startService(workspace, {route(QStringLiteral("GET"), QStringLiteral("/"),
                                           RouteKind::Text, QStringLiteral("hi"))});
        HttpClientSpec spec;
        spec.url = QStringLiteral("http://127.0.0.1:%1/").arg(service->port());
        spec.repeatCount = 5;
        spec.repeatInterval = 0.01;
        HttpClientController *client = addHttpClient(workspace, spec, QStringLiteral("client"));
        QVERIFY(client->start());
        QTRY_COMPARE_WITH_TIMEOUT(client->sentInRun(), 5, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(toString(client->state()), toString(ItemState::Stopped), 10000);
        QCOMPARE(client->history().size(), std::size_t(5));
        for (const HttpExchange &x : client->history())
            QCOMPARE(x.status, 200);
        // Keep-alive: one connect, then the connection is reused.
        QVERIFY(client->history()[0].timing.connect.has_value());
        QVERIFY(!client->history()[4].timing.connect.has_value());
        QCOMPARE(service->requests(), std::uint64_t(5));
        service->stop();
    }

    void aRefusedRequestIsAnErrorOnTheClient()
    {
        WorkspaceController workspace;
        HttpClientSpec spec;
        spec.url = QStringLiteral("http://127.0.0.1:%1/").arg(dtest::free_port());
        HttpClientController *client = addHttpClient(workspace, spec, QStringLiteral("client"));
        HttpClientConsole console;
        console.setController(client);
        QVERIFY(client->start());
        QTRY_COMPARE_WITH_TIMEOUT(toString(client->state()), toString(ItemState::Error), 10000);
        QVERIFY2(client->errorText().contains(QLatin1String("cannot connect")),
                 qPrintable(client->errorText()));
        QCOMPARE(console.statusText(), client->errorText());
        QTRY_VERIFY_WITH_TIMEOUT(client->loop() == 0, 10000);

        HttpClientSpec bad = spec;
        bad.url = QStringLiteral("ftp://example.org/");
        client->setSpec(bad);
        QVERIFY(client->start());
        QTRY_COMPARE_WITH_TIMEOUT(client->history().size(), std::size_t(2), 10000);
        QVERIFY(!client->history().back().error.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(client->loop() == 0, 10000);
    }

    void itemsSaveAndLoad()
    {
        HttpServiceSpec service;
        service.name = QStringLiteral("api");
        service.port = 0;
        service.routes = defaultHttpRoutes();
        HttpRoute files = route(QStringLiteral("GET"), QStringLiteral("/static"), RouteKind::Files);
        files.folder = QStringLiteral("/tmp");
        service.routes.push_back(files);
        service.routes.push_back(
            route(QStringLiteral("GET"), QStringLiteral("/ws"), RouteKind::WsBroadcast));
        service.autostart = false;
        HttpClientSpec client;
        client.method = QStringLiteral("PUT");
        client.headers = QStringLiteral("A: b");
        client.body = QStringLiteral("x");
        client.repeatCount = 3;
        client.repeatInterval = 0.5;
        Workspace w;
        w.items = {httpServiceItem(service, QStringLiteral("s")),
                   httpClientItem(client, QStringLiteral("c"))};
        const WorkspaceResult again = parseWorkspace(workspaceJson(w), QStringLiteral("http"));
        QVERIFY2(again, qPrintable(again.error));
        QVERIFY(*again.workspace == w);
        WorkspaceController workspace;
        workspace.load(w);
        auto *s = qobject_cast<HttpServiceController *>(workspace.item(QStringLiteral("s")));
        auto *c = qobject_cast<HttpClientController *>(workspace.item(QStringLiteral("c")));
        QVERIFY(s && c);
        QVERIFY(s->spec() == service);
        QVERIFY(c->spec() == client);
        QVERIFY(workspace.toWorkspace() == w);

        const WorkspaceResult bad = parseWorkspace(
            "{\"version\": 2, \"items\": [{\"id\": \"s\", \"type\": \"http-service\", \"name\": "
            "\"s\", \"routes\": [{\"pattern\": \"nope\"}]}]}",
            QStringLiteral("bad"));
        QVERIFY(!bad);
        QVERIFY2(bad.error.contains(QLatin1String("items[0].routes[0].pattern")),
                 qPrintable(bad.error));
    }
};

QTEST_MAIN(TestHttp)
#include "tst_app_http.moc"
