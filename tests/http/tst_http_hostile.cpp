// SPDX-License-Identifier: MIT
// HttpServer against hostile and broken clients: malformed request lines, obs-fold, duplicate
// Content-Length, chunk size overflow, header floods, bodies over the limit, random bytes,
// truncation, a client that stops reading, slowloris heads and bodies. Each gets its status or a
// closed connection, and the server goes on serving a well-behaved client.
#include "dieseltest.h"
#include "http_fixture.h"
#include "peak_rss.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <QTest>

#include <random>
#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

http::HttpServer started(http::HttpServerOptions options = {})
{
    http::HttpServer server(
        [](http::Request &r) {
            if (r.path == "/big")
                return http::Response::text(std::string(16 * 1024 * 1024, 'b'));
            return http::Response::text("ok " + std::to_string(r.body.size()));
        },
        0, "127.0.0.1", std::move(options));
    server.start();
    return server;
}

// A well-behaved request on a fresh connection still gets its answer.
void expect_serving(std::uint16_t port)
{
    const auto r =
        dtest::raw_exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY2(r.closed && r.bytes.starts_with("HTTP/1.1 200 OK\r\n") && r.bytes.ends_with("ok 0"),
             r.bytes.c_str());
}

// Sends `head` a byte every `pause` until the server closes or `give_up` passed; returns whether
// the server closed it.
bool trickle(std::uint16_t port, const std::string &head, double pause, diesel::Seconds give_up)
{
    diesel::Client client("127.0.0.1", port);
    const auto until =
        diesel::Clock::now() + std::chrono::duration_cast<diesel::Clock::duration>(give_up);
    try {
        client.call([&] {
            for (std::size_t i = 0; diesel::Clock::now() < until; ++i) {
                diesel::send(std::string_view(head).substr(i % head.size(), 1));
                diesel::sleep(pause);
                if (!diesel::current_connection().is_open())
                    throw diesel::ConnectionClosed("closed by the server");
            }
        });
    } catch (const diesel::ConnectionClosed &) {
        return true;
    } catch (const diesel::NoConnection &) {
        return true;
    }
    return false;
}

} // namespace

class TestHttpHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray host = "Host: x\r\n";
        QTest::newRow("malformed request line") << QByteArray("GET / FOO/1.1\r\n\r\n") << 400;
        QTest::newRow("no method") << QByteArray("/ HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("space in target")
            << QByteArray("GET /a b HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\n" + host +
                                                "X: a\r\n  folded\r\n\r\n")
                                  << 400;
        QTest::newRow("duplicate Content-Length")
            << QByteArray("POST / HTTP/1.1\r\n" + host +
                          "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
            << 400;
        QTest::newRow("Content-Length and chunked")
            << QByteArray(
                   "POST / HTTP/1.1\r\n" + host +
                   "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("chunk size overflow")
            << QByteArray("POST / HTTP/1.1\r\n" + host +
                          "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n")
            << 400;
        QTest::newRow("negative Content-Length")
            << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400;
        QTest::newRow("no Host on HTTP/1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("two Hosts")
            << QByteArray("GET / HTTP/1.1\r\n" + host + host + "\r\n") << 400;
        QTest::newRow("HTTP/2.0 request line")
            << QByteArray("GET / HTTP/2.0\r\n" + host + "\r\n") << 505;
        QTest::newRow("long target")
            << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n" + host + "\r\n") << 414;
        QByteArray many = "GET / HTTP/1.1\r\n" + host;
        for (int i = 0; i < 200; ++i)
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("header count flood") << QByteArray(many + "\r\n") << 431;
        QTest::newRow("huge header") << QByteArray("GET / HTTP/1.1\r\n" + host +
                                                   "X: " + QByteArray(200000, 'v') + "\r\n\r\n")
                                     << 431;
        QTest::newRow("declared body over the limit")
            << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999\r\n\r\n")
            << 413;
        QByteArray chunked = "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 10; ++i)
            chunked += "3e8\r\n" + QByteArray(1000, 'c') + "\r\n";
        QTest::newRow("chunked body over the limit") << QByteArray(chunked + "0\r\n\r\n") << 413;
    }

    void badRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QVERIFY(dtest::run_in_loop([&] {
            http::HttpServerOptions options;
            options.limits.max_body = 5000;
            auto server = started(options);
            const auto r = dtest::raw_exchange(server.port(), request.toStdString());
            QVERIFY2(r.closed, "the connection stays open after a refused request");
            QVERIFY2(r.bytes.starts_with("HTTP/1.1 " + std::to_string(status) + ' '),
                     r.bytes.c_str());
            QVERIFY(r.bytes.find("\r\nConnection: close\r\n") != std::string::npos);
            expect_serving(server.port());
        }));
    }

    void randomBytesAndTruncation()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started();
            std::mt19937 rng(11);
            for (int round = 0; round < 50; ++round) {
                std::string junk(1 + rng() % 3000, '\0');
                for (char &c : junk)
                    c = static_cast<char>(rng());
                const auto r = dtest::raw_exchange(server.port(), junk, diesel::Seconds(0.2));
                // Either refused with 400 or still waiting for the rest of a plausible head.
                QVERIFY2(r.bytes.empty() || r.bytes.starts_with("HTTP/1.1 400 "), r.bytes.c_str());
            }
            // Truncated mid-head and mid-body: the client closes; nothing to answer.
            for (const std::string cut :
                 {"GET / HTTP/1.1\r\nHo"s,
                  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"s}) {
                diesel::Client client("127.0.0.1", server.port());
                client.call([&] { diesel::send(cut); });
                client.close();
            }
            QVERIFY(dtest::settle([&] { return server.service().connections() == 0; }));
            expect_serving(server.port());
        }));
    }

    void floodsKeepMemoryBounded()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started();
            const dtest::PeakRss peak;
            // An endless header value and an endless body: answered long before they end.
            const auto a = dtest::raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\nX: " +
                                                                  std::string(4 << 20, 'v'));
            QVERIFY2(a.bytes.starts_with("HTTP/1.1 431 "), a.bytes.substr(0, 200).c_str());
            const auto b = dtest::raw_exchange(
                server.port(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                   std::string(8 << 20, '1'));
            QVERIFY2(b.bytes.starts_with("HTTP/1.1 400 "), b.bytes.substr(0, 200).c_str());
            QVERIFY2(peak.growth() < 64ll << 20, "a flood grew the process by 64 MiB");
            expect_serving(server.port());
        }));
    }

    void clientThatStopsReadingIsClosed()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            options.idle_timeout = diesel::Seconds(1);
            auto server = started(options);
            diesel::Client stuck("127.0.0.1", server.port());
            // Ask for 16 MiB and never read it: the write waits, then the idle timeout ends it.
            stuck.call([] { diesel::send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"); });
            QVERIFY(dtest::settle([&] { return server.in_flight() == 1; }));
            expect_serving(server.port());
            QVERIFY(dtest::settle([&] { return server.service().connections() == 0; }, 30000));
            QCOMPARE(server.in_flight(), 0u);
        }));
    }

    void slowlorisHeadIsClosed()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            options.idle_timeout = diesel::Seconds(1);
            options.min_receive_rate = 1000;
            auto server = started(options);
            bool closed = false;
            auto loris = diesel::fork([&] {
                closed =
                    trickle(server.port(),
                            "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: abcdefghijklmnopqrstuvwxyz\r\n",
                            0.1, diesel::Seconds(60));
            });
            diesel::sleep(0.3);
            expect_serving(server.port());
            QVERIFY(dtest::settle([&] { return server.service().connections() == 0; }, 30000));
            QVERIFY(dtest::settle([&] { return closed; }, 30000));
        }));
    }

    void slowBodyIs408()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            options.idle_timeout = diesel::Seconds(1);
            options.min_receive_rate = 1000;
            auto server = started(options);
            diesel::Client slow("127.0.0.1", server.port());
            std::string got;
            slow.call([&] {
                diesel::send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
                try {
                    for (int i = 0; i < 600; ++i) {
                        diesel::send("b");
                        diesel::sleep(0.05);
                        if (auto more = diesel::current_connection().try_receive_any())
                            got += *more;
                    }
                } catch (const diesel::ConnectionClosed &e) {
                    got += e.buffered();
                }
            });
            QVERIFY2(got.starts_with("HTTP/1.1 408 Request Timeout\r\n"), got.c_str());
        }));
    }

    void idleKeepAliveIsClosed()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            options.idle_timeout = diesel::Seconds(0.5);
            auto server = started(options);
            const auto r = dtest::raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                                               diesel::Seconds(30));
            QVERIFY(r.closed);
            QCOMPARE(dtest::count_responses(r.bytes), 1);
        }));
    }
};

QTEST_GUILESS_MAIN(TestHttpHostile)
#include "tst_http_hostile.moc"
