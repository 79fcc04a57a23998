// SPDX-License-Identifier: MIT
// The WebSocket server against hand-made frames (websocket_raw.h): fragmentation with a ping in
// between, every protocol violation with its close code (unmasked, RSV bits, unknown opcodes,
// fragmented or long control frames, bad continuations, invalid UTF-8, bad close frames, huge
// declared lengths), random bytes after the upgrade, a truncated frame and a stall mid-frame.
// After each, a connection opened before it and a new one are still served.
#include "dieseltest.h"
#include "websocket_raw.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <QTest>

#include <random>
#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

constexpr std::size_t kLimit = 1024 * 1024;

http::HttpServer started(diesel::Seconds idle = diesel::Seconds(2))
{
    http::WebSocketOptions options;
    options.max_message = kLimit;
    options.idle_timeout = idle; // also the allowance of a stalled frame
    http::App app;
    app.websocket(
        "/ws",
        [](http::WebSocket &ws, const http::Request &, const http::Params &) {
            for (;;)
                ws.send(ws.receive());
        },
        options);
    http::HttpServer server(app.handler(), 0, "127.0.0.1");
    server.start();
    return server;
}

// `ws` still echoes.
void expect_echo(dtest::RawWebSocket &ws, const std::string &text)
{
    ws.send_frame(0x81, text);
    const auto frame = ws.read_frame();
    QVERIFY2(frame && frame->opcode == 1 && frame->payload == text,
             frame ? frame->payload.c_str() : "no frame");
}

} // namespace

class TestWebSocketHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void fragmentsWithPingBetween()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started();
            dtest::RawWebSocket ws(server.port());
            ws.send_frame(0x01, "Hel");
            ws.send_frame(0x89, "p");
            ws.send_frame(0x00, "lo ");
            ws.send_frame(0x80, "world");
            auto frame = ws.read_frame();
            QVERIFY(frame && frame->opcode == 0xA && frame->payload == "p");
            frame = ws.read_frame();
            QVERIFY(frame && frame->opcode == 1 && frame->fin);
            QCOMPARE(frame->payload, "Hello world"s);
            // A character split between fragments is valid UTF-8 as a whole.
            ws.send_frame(0x01, "\xc3");
            ws.send_frame(0x80, "\xa9");
            frame = ws.read_frame();
            QVERIFY(frame && frame->payload == "\xc3\xa9");
            ws.send_frame(0x02, "\0\1"s);
            ws.send_frame(0x80, "\2"s);
            frame = ws.read_frame();
            QVERIFY(frame && frame->opcode == 2 && frame->payload == "\0\1\2"s);
            // The close handshake: the server echoes the code and closes.
            ws.send_frame(0x88, "\x0f\xa0"s + "done");
            QCOMPARE(ws.read_close(), 4000);
            QVERIFY(ws.closed_by_server());
        }));
    }

    void violations_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        const auto frame = [](std::uint8_t b0, const std::string &payload, bool masked = true,
                              std::optional<std::uint64_t> declared = std::nullopt) {
            return QByteArray::fromStdString(dtest::raw_frame(b0, payload, masked, declared));
        };
        QTest::newRow("unmasked") << frame(0x81, "hi", false) << 1002;
        QTest::newRow("RSV1") << frame(0xC1, "hi") << 1002;
        QTest::newRow("RSV3") << frame(0x91, "hi") << 1002;
        QTest::newRow("opcode 3") << frame(0x83, "hi") << 1002;
        QTest::newRow("opcode 0xB") << frame(0x8B, "hi") << 1002;
        QTest::newRow("fragmented ping") << frame(0x09, "p") << 1002;
        QTest::newRow("ping of 126 bytes") << frame(0x89, std::string(126, 'p')) << 1002;
        QTest::newRow("continuation first") << frame(0x80, "x") << 1002;
        QTest::newRow("message inside a message") << frame(0x01, "a") + frame(0x81, "b") << 1002;
        QTest::newRow("invalid UTF-8") << frame(0x81, "h\xc3\x28") << 1007;
        QTest::newRow("UTF-16 surrogate") << frame(0x81, "\xed\xa0\x80") << 1007;
        QTest::newRow("close with 1 byte") << frame(0x88, "\x03") << 1002;
        QTest::newRow("close code 1005") << frame(0x88, "\x03\xed") << 1002;
        QTest::newRow("close code 999") << frame(0x88, "\x03\xe7") << 1002;
        QTest::newRow("close code 5000") << frame(0x88, "\x13\x88") << 1002;
        QTest::newRow("close reason not UTF-8") << frame(0x88, "\x03\xe8\xff") << 1007;
        QTest::newRow("64-bit length, top bit")
            << frame(0x82, "", true, 0x8000000000000000ULL) << 1002;
        QTest::newRow("huge declared length") << frame(0x82, "", true, 1ULL << 62) << 1009;
        QTest::newRow("one over the limit") << frame(0x82, "", true, kLimit + 1) << 1009;
        QTest::newRow("fragments over the limit")
            << frame(0x02, std::string(kLimit / 2, 'a')) +
                   frame(0x00, std::string(kLimit / 2, 'b')) + frame(0x80, "c")
            << 1009;
    }

    void violations()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QVERIFY(dtest::run_in_loop([&] {
            auto server = started();
            dtest::RawWebSocket bystander(server.port());
            dtest::RawWebSocket ws(server.port());
            ws.send_raw(bytes.toStdString());
            QCOMPARE(ws.read_close(), code);
            QVERIFY(ws.closed_by_server());
            expect_echo(bystander, "still here");
            dtest::RawWebSocket fresh(server.port());
            expect_echo(fresh, "new");
        }));
    }

    void randomBytesAfterUpgrade()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started();
            dtest::RawWebSocket bystander(server.port());
            std::mt19937 rng(6455);
            int close_frames = 0;
            for (int round = 0; round < 40; ++round) {
                dtest::RawWebSocket ws(server.port());
                std::string junk(1 + rng() % 3000, '\0');
                for (char &c : junk)
                    c = static_cast<char>(rng());
                ws.send_raw(junk);
                // A close frame carries a code for what was wrong; junk that happens to read as
                // an unfinished frame gets nothing yet, and the client hangs up.
                while (const auto frame = ws.read_frame(diesel::Seconds(0.3))) {
                    if (frame->opcode != 0x8)
                        continue;
                    const int code = frame->close_code();
                    QVERIFY2(code == 1002 || code == 1007 || code == 1009,
                             std::to_string(code).c_str());
                    ++close_frames;
                    break;
                }
                ws.client.close();
            }
            QVERIFY(close_frames > 20);
            expect_echo(bystander, "survived");
            QVERIFY(dtest::settle([&] { return server.service().connections() == 1; }, 10000));
        }));
    }

    void truncatedFrame()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started();
            {
                dtest::RawWebSocket ws(server.port());
                ws.send_raw(dtest::raw_frame(0x81, std::string(100, 't')).substr(0, 40));
                ws.client.close();
            }
            {
                dtest::RawWebSocket ws(server.port());
                ws.send_raw(dtest::raw_frame(0x81, "abc").substr(0, 1));
                ws.client.close();
            }
            QVERIFY(dtest::settle([&] { return server.service().connections() == 0; }));
            dtest::RawWebSocket fresh(server.port());
            expect_echo(fresh, "after truncation");
        }));
    }

    void stallMidFrame()
    {
        QVERIFY(dtest::run_in_loop(
            [] {
                auto server = started();
                // With an idle timeout (2 s), a stall mid-payload or mid-header closes the
                // connection when it runs out.
                dtest::RawWebSocket payload(server.port());
                payload.send_raw(dtest::raw_frame(0x82, std::string(1000, 's')).substr(0, 50));
                dtest::RawWebSocket header(server.port());
                header.send_raw(dtest::raw_frame(0x82, std::string(1000, 's')).substr(0, 3));
                QVERIFY(payload.closed_by_server(diesel::Seconds(30)));
                QVERIFY(header.closed_by_server(diesel::Seconds(30)));
                dtest::RawWebSocket fresh(server.port());
                expect_echo(fresh, "not stalled");

                // Without one, the minimum receive rate ends a stalled payload after its 10 s
                // allowance, with a close frame (1008).
                auto patient = started(diesel::Seconds(0));
                dtest::RawWebSocket slow(patient.port());
                slow.send_raw(dtest::raw_frame(0x82, std::string(1000, 's')).substr(0, 50));
                QCOMPARE(slow.read_close(diesel::Seconds(60)), 1008);
                QVERIFY(slow.closed_by_server());
            },
            std::chrono::seconds(120)));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketHostile)
#include "tst_websocket_hostile.moc"
