// SPDX-License-Identifier: MIT
// For scripts/screenshot.sh: the project's HttpServer and HttpClient exchanging a few requests and
// WebSocket messages, the Traffic view's Decoded tab on the client's connections, saved as a PNG.
// Not a test: it draws what the README shows.
//
//   decoded_screenshot OUT.png
#include <diesel/diesel.h>
#include <diesel/http/app.h>
#include <diesel/http/client.h>
#include <diesel/http/server.h>
#include <diesel/http/websocket.h>
#include <diesel/http/websocket_client.h>
#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/trafficview.h>

#include <QApplication>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace http = diesel::http;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: decoded_screenshot OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    diesel::Hub &hub = diesel::Hub::current();
    diesel::widgets::TrafficView traffic(hub);
    traffic.resize(1100, 460);
    traffic.showDecoded();
    traffic.show();

    http::App web;
    web.get("/hello", [](http::Request &, const http::Params &) {
        return http::Response::text("hello from diesel");
    });
    web.get("/users/<id>", [](http::Request &, const http::Params &p) {
        return http::Response::text(std::string("{\"id\": \"") + std::string(p.text("id")) + "\"}");
    });
    web.websocket("/echo", [](http::WebSocket &ws, const http::Request &, const http::Params &) {
        try {
            for (;;)
                ws.send(ws.receive());
        } catch (const http::WebSocketClosed &) {
        }
    });
    http::HttpServer server(web.handler(), 0, "127.0.0.1");
    server.start();
    hub.spawn([&] {
        http::HttpClient client("127.0.0.1", server.port());
        client.get("/hello");
        client.get("/users/42");
        client.post("/hello", "not allowed");
        client.get("/missing");
        client.close();
        http::WebSocket ws = http::websocket_connect("127.0.0.1", server.port(), "/echo");
        ws.send_text("hello over WebSocket");
        ws.receive();
        ws.ping("are you there");
        ws.send_text("bye");
        ws.receive();
        ws.close();
    });
    QTimer::singleShot(1500, &app, [&] {
        traffic.poll();
        // The client's side of the conversation: the server's connections say the same.
        for (int row = 0; row < traffic.decoded().rowCount(); ++row) {
            const auto &r = traffic.decoded().row(row);
            const auto *record = traffic.model().record(r.connection);
            if (record && record->info.outgoing && !r.note &&
                r.message.summary.startsWith(QLatin1String("GET /users"))) {
                traffic.filterOwner(QString::fromStdString(record->info.owner));
                break;
            }
        }
        if (auto *view = traffic.findChild<QTableView *>(QStringLiteral("decodedMessages")))
            view->selectRow(3);
        QTimer::singleShot(500, &traffic, [&traffic, out] {
            const bool saved = traffic.grab().save(out);
            std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "wrote" : "cannot write",
                         qPrintable(out));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    });
    const int status = QApplication::exec();
    server.stop();
    hub.cancel_all("done");
    return status;
}
