// SPDX-License-Identifier: MIT
// WebSocket against an independent implementation, the npm `ws` package on Node.js
// (tests/peers/websocket, pinned by its package-lock.json, installed by the
// websocket_peer_npm_ci fixture): the C++ client against a `ws` server, and a `ws` client
// against the C++ server — echo of text and binary, fragmentation, ping/pong both ways, close
// codes both ways, messages over each side's limit, invalid UTF-8, subprotocols.
#include "dieseltest.h"
#include "http_fixture.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <QProcess>
#include <QTest>

#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

const std::string kNode = DIESEL_NODE;
const std::string kPeerDir = DIESEL_WS_PEER_DIR;

// The `ws` server of tests/peers/websocket/server.js, on a free port, for the whole suite.
class WsServer
{
public:
    WsServer()
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QString::fromStdString(kNode),
                        {QString::fromStdString(kPeerDir + "/server.js"), QStringLiteral("--port"),
                         QStringLiteral("0"), QStringLiteral("--max-payload"),
                         QStringLiteral("1048576")});
        QByteArray out;
        while (!out.contains('\n') && m_process.waitForReadyRead(20000))
            out += m_process.readAllStandardOutput();
        const int at = out.indexOf("listening ");
        if (at >= 0)
            m_port = static_cast<std::uint16_t>(out.mid(at + 10).trimmed().toUInt());
    }
    WsServer(const WsServer &) = delete;
    WsServer &operator=(const WsServer &) = delete;
    ~WsServer()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    std::uint16_t port() const noexcept { return m_port; }

private:
    QProcess m_process;
    std::uint16_t m_port = 0;
};

// The C++ server that client.js expects at /echo.
http::HttpServer echo_server()
{
    http::WebSocketOptions options;
    options.max_message = 65536;
    options.subprotocols = {"chat"};
    http::App app;
    app.websocket(
        "/echo",
        [](http::WebSocket &ws, const http::Request &, const http::Params &) {
            for (;;) {
                http::Message m = ws.receive();
                if (m.data == "close-me") {
                    ws.close(4002, "as asked");
                    return;
                }
                ws.send(m);
            }
        },
        options);
    http::HttpServer server(app.handler(), 0, "127.0.0.1");
    server.start();
    return server;
}

// The code a receive() ends with, and whether the peer started the close.
std::pair<int, bool> receive_close(http::WebSocket &ws)
{
    try {
        ws.receive();
    } catch (const http::WebSocketClosed &e) {
        return {e.code(), e.by_peer()};
    }
    return {0, false};
}

} // namespace

class TestWebSocketPeer : public QObject
{
    Q_OBJECT

    std::unique_ptr<WsServer> m_peer;

    std::string peer_url() const
    {
        return "ws://127.0.0.1:" + std::to_string(m_peer->port()) + '/';
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("NODE_PATH", DIESEL_WS_NODE_PATH);
        m_peer = std::make_unique<WsServer>();
        QVERIFY2(m_peer->port() != 0,
                 "the ws peer did not start: is node installed and websocket_peer_npm_ci run?");
    }

    void cleanupTestCase() { m_peer.reset(); }

    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void clientEchoesWithWsServer()
    {
        QVERIFY(dtest::run_in_loop([&] {
            http::WebSocketClientOptions options;
            options.websocket.subprotocols = {"chat"};
            options.headers.add("X-Diesel", "yes");
            http::WebSocket ws = http::websocket_connect(peer_url(), options);
            QCOMPARE(ws.subprotocol(), "chat"s);
            ws.send_text("protocol");
            QCOMPARE(ws.receive().data, "chat"s);
            ws.send_text("headers");
            QCOMPARE(ws.receive().data, "yes"s);
            ws.send_text("grüße");
            http::Message m = ws.receive();
            QVERIFY(m.is_text());
            QCOMPARE(m.data, "grüße"s);
            std::string every_byte;
            for (int i = 0; i < 256; ++i)
                every_byte += static_cast<char>(i);
            ws.send_binary(every_byte);
            m = ws.receive();
            QVERIFY(!m.is_text());
            QCOMPARE(m.data, every_byte);
            const std::string mib(1024 * 1024, 'm');
            ws.send_binary(mib);
            QVERIFY(ws.receive().data == mib);
            ws.close(4004, "client bye"); // ws answers; the run's 30 s bound catches a hang
        }));
    }

    void clientReassemblesFragments()
    {
        QVERIFY(dtest::run_in_loop([&] {
            http::WebSocket ws = http::websocket_connect(peer_url());
            ws.send_text("fragments:5:the quick brown fox jumps over the lazy dog");
            QCOMPARE(ws.receive().data, "the quick brown fox jumps over the lazy dog"s);
            ws.close();
        }));
    }

    void pingPongBothWays()
    {
        QVERIFY(dtest::run_in_loop([&] {
            http::WebSocket ws = http::websocket_connect(peer_url());
            // ws pings us: receive() answers, and ws reports the pong it got.
            ws.send_text("ping:hello");
            QCOMPARE(ws.receive().data, "pong:hello"s);
            // We ping ws: its pong comes before the echo of the next message.
            ws.ping("from diesel");
            ws.send_text("after");
            QCOMPARE(ws.receive().data, "after"s);
            QCOMPARE(ws.pongs(), 1u);
            ws.close();
        }));
    }

    void closeCodesAndLimits()
    {
        QVERIFY(dtest::run_in_loop([&] {
            http::WebSocket ws = http::websocket_connect(peer_url());
            ws.send_text("close:4003:server says bye");
            try {
                ws.receive();
                QFAIL("no close");
            } catch (const http::WebSocketClosed &e) {
                QCOMPARE(int(e.code()), 4003);
                QCOMPARE(std::string(e.reason()), "server says bye"s);
                QVERIFY(e.by_peer());
            }

            // Over ws's maxPayload (1 MiB): ws closes with 1009.
            http::WebSocket big = http::websocket_connect(peer_url());
            big.send_binary(std::string(1024 * 1024 + 1, 'b'));
            QCOMPARE(receive_close(big), std::make_pair(1009, true));

            // Over our own limit: we close with 1009.
            http::WebSocketClientOptions small;
            small.websocket.max_message = 100000;
            http::WebSocket limited = http::websocket_connect(peer_url(), small);
            limited.send_text("big:100001");
            QCOMPARE(receive_close(limited), std::make_pair(1009, false));
        }));
    }

    void wsClientAgainstOurServer()
    {
        QVERIFY(dtest::run_in_loop(
            [&] {
                auto server = echo_server();
                const auto r = dtest::run_tool(
                    kNode, {kPeerDir + "/client.js", std::to_string(server.port())});
                QVERIFY2(r.exit_code == 0, (r.out + r.err).c_str());
                QVERIFY2(r.out.find("FAIL") == std::string::npos, r.out.c_str());
                int oks = 0;
                for (std::size_t at = 0; (at = r.out.find("ok ", at)) != std::string::npos; ++at)
                    ++oks;
                QVERIFY2(oks == 10, r.out.c_str());
            },
            std::chrono::seconds(60)));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketPeer)
#include "tst_websocket_peer.moc"
