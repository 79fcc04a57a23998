// SPDX-License-Identifier: MIT
// HttpClient against a real nginx (started by the fixture) and the project's own server:
// keep-alive reuse, 50 Loops sharing one client, HEAD, chunked and connection-delimited bodies,
// redirects only when asked, request timeouts, TLS with verification, broken servers; Session's
// per-host pools and redirects across hosts.
#include "dieseltest.h"
#include "http_fixture.h"
#include "nginx_server.h"

#include <diesel/diesel.h>
#include <diesel/http.h>
#include <diesel/http/client.h>
#include <diesel/http/session.h>

#include <QTest>

#include <memory>
#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

const char *const kNginxServer = R"(
        location = / { default_type text/plain; return 200 "Hello, world!"; }
        location = /old { return 301 /; }
        location = /far { return 302 http://example.invalid/; }
        location = /echo-host { default_type text/plain; return 200 "$http_host $http_user_agent $http_x_test"; }
        location = /gzip { default_type text/plain; gzip on; gzip_min_length 1; gzip_types text/plain;
                           return 200 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; }
)";

// A server that answers every request with `reply` and closes, whatever it was asked.
diesel::Service raw_server(std::string reply)
{
    diesel::Service service(
        [reply](const diesel::Address &) {
            diesel::until("\r\n\r\n");
            diesel::send(reply);
        },
        0, "127.0.0.1");
    service.start();
    return service;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(dtest::start_nginx(m_nginx, kNginxServer)); }
    void cleanupTestCase() { m_nginx.reset(); }
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void nginxKeepAliveAndFields()
    {
        QVERIFY(dtest::run_in_loop([this] {
            http::HttpClient client("127.0.0.1", m_nginx->port());
            for (int i = 0; i < 100; ++i) {
                const http::Response r = client.get("/");
                QCOMPARE(r.status, 200);
                QCOMPARE(r.body, "Hello, world!"s);
                QCOMPARE(r.headers.value("content-length"), std::string_view("13"));
            }
            QCOMPARE(client.connects(), 1u);
            http::Headers headers;
            headers.add("X-Test", "yes");
            const auto r = client.get("/echo-host", headers);
            QCOMPARE(r.body, "127.0.0.1:" + std::to_string(m_nginx->port()) + " diesel yes");
            const auto head = client.request("HEAD", "/");
            QCOMPARE(head.status, 200);
            QVERIFY(head.body.empty());
            QCOMPARE(client.get("/").body, "Hello, world!"s); // the HEAD left nothing behind
            QCOMPARE(client.connects(), 1u);
        }));
    }

    void fiftyLoopsShareOneClient()
    {
        QVERIFY(dtest::run_in_loop([this] {
            http::HttpClient client("127.0.0.1", m_nginx->port());
            int ok = 0;
            diesel::Countdown done(50);
            for (int i = 0; i < 50; ++i) {
                diesel::fork([&] {
                    for (int n = 0; n < 20; ++n) {
                        if (client.get("/").body == "Hello, world!")
                            ++ok;
                    }
                    done.tick();
                });
            }
            done.wait();
            QCOMPARE(ok, 1000);
            QCOMPARE(client.connects(), 1u);
        }));
    }

    void chunkedAndRedirects()
    {
        QVERIFY(dtest::run_in_loop([this] {
            http::HttpClient client("127.0.0.1", m_nginx->port());
            http::Headers gzip;
            gzip.add("Accept-Encoding", "gzip");
            const auto z = client.get("/gzip", gzip);
            QCOMPARE(z.headers.value("Transfer-Encoding"), std::string_view("chunked"));
            QVERIFY2(z.body.size() > 10 && z.body.starts_with("\x1f\x8b"), z.body.c_str());
            // Redirects are returned unless asked for; then only to this same host.
            QCOMPARE(client.get("/old").status, 301);
            http::HttpClientOptions follow;
            follow.max_redirects = 3;
            http::HttpClient following("127.0.0.1", m_nginx->port(), follow);
            const auto r = following.get("/old");
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, "Hello, world!"s);
            QCOMPARE(following.get("/far").status, 302);
        }));
    }

    void ownServerStreamsAndTimesOut()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServer server(
                [](http::Request &r) {
                    if (r.path == "/slow")
                        diesel::sleep(5);
                    http::Response response;
                    response.stream = [body = r.body](http::BodyWriter &out) {
                        out.write("got:");
                        out.write(body);
                    };
                    return response;
                },
                0, "127.0.0.1");
            server.start();
            http::HttpClient client("127.0.0.1", server.port());
            QCOMPARE(client.post("/p", "payload").body, "got:payload"s);
            QVERIFY_THROWS_EXCEPTION(diesel::RequestTimeout,
                                     client.request("GET", "/slow", {}, {}, diesel::Seconds(0.2)));
            // The timed-out connection was dropped; the next request makes a new one.
            QCOMPARE(client.post("/p", "again").body, "got:again"s);
            QCOMPARE(client.connects(), 2u);
            client.close();
            server.stop();
        }));
    }

    void connectionDelimitedBodyAndBrokenServers()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto eof = raw_server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
            http::HttpClient client("127.0.0.1", eof.port());
            QCOMPARE(client.get("/").body, "until the end"s);
            QCOMPARE(client.get("/").body, "until the end"s);
            QCOMPARE(client.connects(), 2u);

            auto garbage = raw_server("SMTP ready\r\n\r\n");
            http::HttpClient confused("127.0.0.1", garbage.port());
            QVERIFY_THROWS_EXCEPTION(http::HttpProtocolError, confused.get("/"));
            auto huge = raw_server("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n");
            http::HttpClient greedy("127.0.0.1", huge.port());
            QVERIFY_THROWS_EXCEPTION(http::HttpProtocolError, greedy.get("/"));
            auto cut = raw_server("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
            http::HttpClient truncated("127.0.0.1", cut.port());
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, truncated.get("/"));
        }));
    }

    void tlsWithVerification()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            const auto tls = diesel::TlsContext::server_self_signed("localhost");
            options.service.tls = tls;
            http::HttpServer server([](http::Request &) { return http::Response::text("secret"); },
                                    0, "127.0.0.1", options);
            server.start();
            http::HttpClientOptions trusting;
            trusting.client.tls = diesel::TlsContext::client_trusting(tls.certificate_pem());
            trusting.client.server_name = "localhost";
            http::HttpClient client("127.0.0.1", server.port(), trusting);
            QCOMPARE(client.get("/").body, "secret"s);
            http::HttpClientOptions system;
            system.client.tls = diesel::TlsContext::client();
            system.client.server_name = "localhost";
            http::HttpClient strict("127.0.0.1", server.port(), system);
            QVERIFY_THROWS_EXCEPTION(diesel::TlsError, strict.get("/"));
        }));
    }

    void urlsParse()
    {
        auto u = http::Url::parse("https://example.org/a/b?c=1#frag");
        QVERIFY(u.tls);
        QCOMPARE(u.host, "example.org"s);
        QCOMPARE(u.port, 443);
        QCOMPARE(u.target, "/a/b?c=1"s);
        u = http::Url::parse("http://user:pw@[::1]:8080?x");
        QVERIFY(!u.tls);
        QCOMPARE(u.host, "::1"s);
        QCOMPARE(u.port, 8080);
        QCOMPARE(u.target, "/?x"s);
        QCOMPARE(http::Url::parse("http://h").target, "/"s);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, http::Url::parse("ftp://h/"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, http::Url::parse("http:///x"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, http::Url::parse("http://h:99999/"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, http::Url::parse("http://[::1/"));
    }

    void sessionPoolsPerHostAndFollowsAcrossHosts()
    {
        QVERIFY(dtest::run_in_loop([this] {
            const std::string nginx = "http://127.0.0.1:" + std::to_string(m_nginx->port());
            std::size_t most = 0;
            http::HttpServer server(
                [&](http::Request &r) {
                    if (r.path == "/away") {
                        http::Response moved(302, {});
                        moved.headers.add("Location", nginx + "/");
                        return moved;
                    }
                    diesel::sleep(0.01);
                    return http::Response::text("own");
                },
                0, "127.0.0.1");
            server.start();
            const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
            http::SessionOptions options;
            options.per_host = 3;
            options.client.max_redirects = 2;
            http::Session session(options);
            int ok = 0;
            diesel::Countdown done(20);
            for (int i = 0; i < 20; ++i) {
                diesel::fork([&] {
                    for (int n = 0; n < 5; ++n) {
                        if (session.get(own + "/x").body == "own")
                            ++ok;
                        most = std::max(most, server.service().connections());
                    }
                    done.tick();
                });
            }
            done.wait();
            QCOMPARE(ok, 100);
            QVERIFY2(most <= 3, std::to_string(most).c_str());
            const auto r = session.get(own + "/away");
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, "Hello, world!"s);
            QCOMPARE(session.hosts(), 2u);
            QCOMPARE(http::request("GET", nginx + "/").body, "Hello, world!"s);
            options.client.max_redirects = 0;
            QCOMPARE(http::request("GET", own + "/away", {}, {}, std::nullopt, options).status,
                     302);
        }));
    }

private:
    std::unique_ptr<dtest::NginxServer> m_nginx;
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
