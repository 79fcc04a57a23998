// SPDX-License-Identifier: MIT
// WebSocket between the project's own server (App::websocket, accept_websocket on a bare
// HttpServer) and its own client (websocket_connect), over real sockets: echo of text and
// binary, subprotocols, route parameters, the closing handshake both ways, the size limit on
// each side, ping/pong, refused upgrades, TLS, many clients at once.
#include "dieseltest.h"
#include "http_fixture.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <QTest>

#include <memory>
#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

// What the server's sessions saw, for the tests to check.
struct Seen
{
    int close_code = 0;
    bool by_peer = false;
};

http::App echo_app(std::shared_ptr<Seen> seen)
{
    http::WebSocketOptions options;
    options.max_message = 65536;
    options.subprotocols = {"chat"};
    http::App app;
    app.websocket(
        "/echo",
        [seen](http::WebSocket &ws, const http::Request &, const http::Params &) {
            try {
                for (;;) {
                    http::Message m = ws.receive();
                    if (m.data == "close-me") {
                        ws.close(4002, "as asked");
                        return;
                    }
                    ws.send(m);
                }
            } catch (const http::WebSocketClosed &e) {
                seen->close_code = e.code();
                seen->by_peer = e.by_peer();
            }
        },
        options);
    app.websocket(
        "/rooms/<name>",
        [](http::WebSocket &ws, const http::Request &request, const http::Params &params) {
            ws.send_text(std::string(params.text("name")) + ' ' + ws.subprotocol() + ' ' +
                         std::string(request.header("X-Diesel").value_or("-")));
            ws.receive(); // until the client closes
        },
        options);
    app.websocket("/fail", [](http::WebSocket &, const http::Request &, const http::Params &) {
        throw std::runtime_error("the session failed");
    });
    app.get("/plain",
            [](http::Request &, const http::Params &) { return http::Response::text("plain"); });
    return app;
}

http::HttpServer started(std::shared_ptr<Seen> seen, http::HttpServerOptions options = {})
{
    http::HttpServer server(echo_app(std::move(seen)).handler(), 0, "127.0.0.1",
                            std::move(options));
    server.start();
    return server;
}

std::string url(const http::HttpServer &server, const std::string &path)
{
    return "ws://127.0.0.1:" + std::to_string(server.port()) + path;
}

// The close code a receive() on `ws` ends with.
int receive_close(http::WebSocket &ws)
{
    try {
        const http::Message m = ws.receive();
        qWarning("unexpected message: %s", m.data.c_str());
    } catch (const http::WebSocketClosed &e) {
        return e.code();
    }
    return 0;
}

} // namespace

class TestWebSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void echoTextAndBinary()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(std::make_shared<Seen>());
            http::WebSocket ws = http::websocket_connect(url(server, "/echo"));
            QVERIFY(ws.is_open());
            ws.send_text("héllo");
            http::Message m = ws.receive();
            QVERIFY(m.is_text());
            QCOMPARE(m.data, "héllo"s);
            const std::string bytes("\0\1\2\xff\xfe"s);
            ws.send_binary(bytes);
            m = ws.receive();
            QVERIFY(!m.is_text());
            QCOMPARE(m.data, bytes);
            // Exactly the limit, in a 64-bit-length frame each way.
            const std::string big(65536, 'z');
            ws.send_binary(big);
            QCOMPARE(ws.receive().data, big);
            ws.send_text("");
            QCOMPARE(ws.receive().data, ""s);
            ws.close();
            QVERIFY(!ws.is_open());
        }));
    }

    void routeParametersSubprotocolAndHeaders()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(std::make_shared<Seen>());
            http::WebSocketClientOptions options;
            options.websocket.subprotocols = {"other", "chat"};
            options.headers.add("X-Diesel", "yes");
            http::WebSocket ws = http::websocket_connect(url(server, "/rooms/lobby"), options);
            QCOMPARE(ws.subprotocol(), "chat"s);
            QCOMPARE(ws.receive().data, "lobby chat yes"s);
            ws.close();

            http::WebSocket plain = http::websocket_connect(url(server, "/rooms/x"));
            QCOMPARE(plain.subprotocol(), ""s);
            QCOMPARE(plain.receive().data, "x  -"s);
            plain.close();
        }));
    }

    void closingHandshakeBothWays()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto seen = std::make_shared<Seen>();
            auto server = started(seen);
            http::WebSocket ws = http::websocket_connect(url(server, "/echo"));
            ws.close(4001, "bye");
            QVERIFY(dtest::settle([&] { return seen->close_code != 0; }));
            QCOMPARE(seen->close_code, 4001);
            QVERIFY(seen->by_peer);
            QVERIFY_THROWS_EXCEPTION(http::WebSocketClosed, ws.send_text("late"));

            http::WebSocket other = http::websocket_connect(url(server, "/echo"));
            other.send_text("close-me");
            try {
                other.receive();
                QFAIL("no close");
            } catch (const http::WebSocketClosed &e) {
                QCOMPARE(int(e.code()), 4002);
                QCOMPARE(std::string(e.reason()), "as asked"s);
                QVERIFY(e.by_peer());
            }
            QVERIFY(!other.is_open());
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, other.close(1005));
        }));
    }

    void sessionFailureClosesWith1011()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(std::make_shared<Seen>());
            http::WebSocket ws = http::websocket_connect(url(server, "/fail"));
            QCOMPARE(receive_close(ws), 1011);
            // The server serves on.
            http::WebSocket next = http::websocket_connect(url(server, "/echo"));
            next.send_text("still");
            QCOMPARE(next.receive().data, "still"s);
            next.close();
        }));
    }

    void sizeLimitOnEachSide()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto seen = std::make_shared<Seen>();
            auto server = started(seen);
            http::WebSocket ws = http::websocket_connect(url(server, "/echo"));
            ws.send_binary(std::string(65537, 'y'));
            QCOMPARE(receive_close(ws), 1009);
            QVERIFY(dtest::settle([&] { return seen->close_code != 0; }));
            QCOMPARE(seen->close_code, 1009);
            QVERIFY(!seen->by_peer);

            http::WebSocketClientOptions small;
            small.websocket.max_message = 1000;
            http::WebSocket client = http::websocket_connect(url(server, "/echo"), small);
            client.send_text(std::string(1001, 'q'));
            try {
                client.receive();
                QFAIL("an oversized message was accepted");
            } catch (const http::WebSocketClosed &e) {
                QCOMPARE(int(e.code()), 1009);
                QVERIFY(!e.by_peer());
            }
        }));
    }

    void pingIsAnswered()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(std::make_shared<Seen>());
            http::WebSocket ws = http::websocket_connect(url(server, "/echo"));
            ws.ping("are you there");
            ws.send_text("after the ping");
            // The server answers the ping before it echoes the text; receive() counts the pong.
            QCOMPARE(ws.receive().data, "after the ping"s);
            QCOMPARE(ws.pongs(), 1u);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ws.ping(std::string(126, 'p')));
            ws.close();
        }));
    }

    void refusedUpgrades_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("field");
        const QByteArray head = "GET /echo HTTP/1.1\r\nHost: x\r\n";
        const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        const QByteArray upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        QTest::newRow("no Upgrade")
            << QByteArray(head + "\r\n") << 426 << QByteArray("Upgrade: websocket");
        QTest::newRow("version 8")
            << QByteArray(head + upgrade + key + "Sec-WebSocket-Version: 8\r\n\r\n") << 426
            << QByteArray("Sec-WebSocket-Version: 13");
        QTest::newRow("short key") << QByteArray(head + upgrade + "Sec-WebSocket-Key: abc\r\n" +
                                                 "Sec-WebSocket-Version: 13\r\n\r\n")
                                   << 400 << QByteArray();
        QTest::newRow("no key") << QByteArray(head + upgrade + "Sec-WebSocket-Version: 13\r\n\r\n")
                                << 400 << QByteArray();
        QTest::newRow("no Connection: Upgrade")
            << QByteArray(head + "Upgrade: websocket\r\n" + key +
                          "Sec-WebSocket-Version: 13\r\n\r\n")
            << 400 << QByteArray();
        QTest::newRow("HTTP/1.0") << QByteArray("GET /echo HTTP/1.0\r\n" + upgrade + key +
                                                "Sec-WebSocket-Version: 13\r\n\r\n")
                                  << 400 << QByteArray();
    }

    void refusedUpgrades()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, field);
        QVERIFY(dtest::run_in_loop([&] {
            auto server = started(std::make_shared<Seen>());
            const auto r =
                dtest::raw_exchange(server.port(), request.toStdString(), diesel::Seconds(1));
            QVERIFY2(r.bytes.starts_with("HTTP/1.1 " + std::to_string(status) + ' '),
                     r.bytes.c_str());
            QVERIFY2(r.bytes.find(field.toStdString()) != std::string::npos, r.bytes.c_str());
            try {
                http::websocket_connect(url(server, "/nowhere"));
                QFAIL("upgraded a missing route");
            } catch (const http::WebSocketHandshakeError &e) {
                QCOMPARE(e.status(), 404);
            }
        }));
    }

    void bareServerHandler()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServer server(
                [](http::Request &r) {
                    if (r.path != "/ws")
                        return http::Response::text("not here", 404);
                    return http::accept_websocket(
                        r, [](http::WebSocket &ws) { ws.send_text("hello " + ws.receive().data); });
                },
                0, "127.0.0.1");
            server.start();
            http::WebSocket ws = http::websocket_connect("127.0.0.1", server.port(), "/ws");
            ws.send_text("there");
            QCOMPARE(ws.receive().data, "hello there"s);
            // The session returned: the server closed normally.
            QCOMPARE(receive_close(ws), 1000);
            const auto r =
                dtest::raw_exchange(server.port(),
                                    "POST /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                                    "Connection: Upgrade\r\nContent-Length: 0\r\n\r\n",
                                    diesel::Seconds(1));
            QVERIFY2(r.bytes.starts_with("HTTP/1.1 400 "), r.bytes.c_str());
        }));
    }

    void overTls()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            const auto tls = diesel::TlsContext::server_self_signed("localhost");
            options.service.tls = tls;
            auto server = started(std::make_shared<Seen>(), options);
            http::WebSocketClientOptions client;
            client.client.tls = diesel::TlsContext::client_trusting(tls.certificate_pem());
            client.client.server_name = "localhost";
            http::WebSocket ws =
                http::websocket_connect("127.0.0.1", server.port(), "/echo", client);
            ws.send_text(std::string(100000 / 2, 's'));
            QCOMPARE(ws.receive().data.size(), 50000u);
            ws.close();
            // wss:// verifies against the system's store, which does not know this certificate.
            QVERIFY_THROWS_EXCEPTION(
                diesel::TlsError, http::websocket_connect("wss://127.0.0.1:" +
                                                          std::to_string(server.port()) + "/echo"));
        }));
    }

    void manyClientsAtOnce()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(std::make_shared<Seen>());
            constexpr int kClients = 20;
            constexpr int kMessages = 50;
            int done = 0;
            int wrong = 0;
            for (int c = 0; c < kClients; ++c) {
                diesel::fork([&, c] {
                    http::WebSocket ws = http::websocket_connect(url(server, "/echo"));
                    for (int i = 0; i < kMessages; ++i) {
                        const std::string text = std::to_string(c) + ':' + std::to_string(i);
                        ws.send_text(text);
                        if (ws.receive().data != text)
                            ++wrong;
                    }
                    ws.close();
                    ++done;
                });
            }
            QVERIFY(dtest::settle([&] { return done == kClients; }, 20000));
            QCOMPARE(wrong, 0);
        }));
    }

    void stoppingTheServerEndsSessions()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(std::make_shared<Seen>());
            http::WebSocket ws = http::websocket_connect(url(server, "/echo"));
            ws.send_text("one");
            QCOMPARE(ws.receive().data, "one"s);
            // A session is no request in flight: shutdown() does not wait for it.
            server.shutdown(diesel::Seconds(30));
            QCOMPARE(receive_close(ws), 1006);
        }));
    }

    void urlsAreChecked()
    {
        QVERIFY(dtest::run_in_loop([] {
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                     http::websocket_connect("http://127.0.0.1/x"));
        }));
    }
};

QTEST_GUILESS_MAIN(TestWebSocket)
#include "tst_websocket.moc"
