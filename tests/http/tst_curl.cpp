// SPDX-License-Identifier: MIT
// The cooperative curl layer against a real nginx (plain, and TLS with HTTP/2 on a certificate
// made by `openssl req` here) and the project's own servers on the same thread: methods and
// fields, TLS verification, HTTP versions, redirects only when asked, a shared cookie jar, a
// proxy, timeouts, refused connections, bodies over the limit, a Loop cancelled mid-transfer,
// and a raw easy handle of the caller's own.
#include "dieseltest.h"
#include "nginx_server.h"

#include <diesel/diesel.h>
#include <diesel/http.h>
#include <diesel/http/curl.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

// A self-signed certificate for localhost and 127.0.0.1, made by the openssl command line.
bool make_certificate(const QString &dir)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                   QStringLiteral("-keyout"), dir + QStringLiteral("/key.pem"),
                   QStringLiteral("-out"), dir + QStringLiteral("/cert.pem")});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        qWarning("openssl req failed: %s", openssl.readAll().constData());
        return false;
    }
    return true;
}

std::string nginx_block(const std::string &cert_dir, std::uint16_t tls_port)
{
    return "        listen 127.0.0.1:" + std::to_string(tls_port) +
           " ssl http2;\n"
           "        ssl_certificate " +
           cert_dir + "/cert.pem;\n        ssl_certificate_key " + cert_dir + "/key.pem;\n" +
           R"(
        location = / { default_type text/plain; return 200 "Hello, world!"; }
        location = /old { return 301 /; }
        location = /set { add_header Set-Cookie "session=42; Path=/"; default_type text/plain; return 200 "set"; }
        location = /cookie { default_type text/plain; return 200 "cookie=$http_cookie"; }
        location = /echo { default_type text/plain; return 200 "$request_method $http_x_test $http_user_agent"; }
)";
}

// A server that reads a request head and then never answers; it counts requests and closes.
struct StallingServer
{
    std::shared_ptr<int> requests = std::make_shared<int>(0);
    std::shared_ptr<int> closed = std::make_shared<int>(0);
    diesel::Service service{[requests = requests, closed = closed](const diesel::Address &) {
                                diesel::until("\r\n\r\n");
                                ++*requests;
                                try {
                                    for (;;)
                                        diesel::receive();
                                } catch (const diesel::ConnectionClosed &) {
                                    ++*closed;
                                }
                            },
                            0, "127.0.0.1"};
    StallingServer() { service.start(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(service.port()) + "/"; }
};

// The project's own server: echoes, big bodies (declared and streamed), on this same thread.
http::HttpServer own_server()
{
    http::HttpServer server(
        [](http::Request &r) {
            if (r.path == "/big")
                return http::Response::text(std::string(1024 * 1024, 'b'));
            if (r.path == "/stream") {
                http::Response response;
                response.stream = [](http::BodyWriter &out) {
                    for (int i = 0; i < 256; ++i)
                        out.write(std::string(4096, 's'));
                };
                return response;
            }
            return http::Response::text(
                r.method + " " + std::string(r.header("x-test").value_or("")) + " " + r.body);
        },
        0, "127.0.0.1");
    server.start();
    return server;
}

} // namespace

class TestCurl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_certs.isValid());
        QVERIFY(make_certificate(m_certs.path()));
        m_tls_port = dtest::free_port();
        QVERIFY(dtest::start_nginx(m_nginx, nginx_block(m_certs.path().toStdString(), m_tls_port)));
    }
    void cleanupTestCase() { m_nginx.reset(); }
    void cleanup()
    {
        http::curl_reset(); // closes the connections curl keeps for reuse
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void fetchesFromNginxAndOwnServer()
    {
        QVERIFY(dtest::run_in_loop([this] {
            for (int i = 0; i < 20; ++i) {
                const http::CurlResponse r = http::curl_get(plain("/"));
                QCOMPARE(r.status, 200);
                QCOMPARE(r.body, "Hello, world!"s);
                QCOMPARE(r.headers.value("content-length"), std::string_view("13"));
                QCOMPARE(r.http_version, 11);
            }
            http::Headers fields;
            fields.add("X-Test", "yes");
            QCOMPARE(http::curl_request("DELETE", plain("/echo"), fields).body,
                     "DELETE yes diesel"s);
            const auto head = http::curl_request("HEAD", plain("/"));
            QCOMPARE(head.status, 200);
            QVERIFY(head.body.empty());

            // The server runs on this very thread: a blocking curl would never see its answer.
            auto server = own_server();
            const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
            QCOMPARE(http::curl_request("POST", base + "/p", fields, "payload").body,
                     "POST yes payload"s);
            QCOMPARE(http::curl_request("PUT", base + "/p", {}, "x").body, "PUT  x"s);
            server.stop();
        }));
    }

    void httpsVerifiesAgainstItsCaAndSpeaksHttp2()
    {
        QVERIFY(dtest::run_in_loop([this] {
            http::CurlOptions trusting;
            trusting.ca_file = m_certs.path().toStdString() + "/cert.pem";
            const auto r = http::curl_get(tls("127.0.0.1", "/"), trusting);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, "Hello, world!"s);
            QCOMPARE(r.http_version, 20); // ALPN chose h2
            QCOMPARE(http::curl_get(tls("localhost", "/"), trusting).body, "Hello, world!"s);
            trusting.http_version = http::CurlHttpVersion::Http1_1;
            QCOMPARE(http::curl_get(tls("127.0.0.1", "/"), trusting).http_version, 11);

            // Several Loops at once over HTTP/2. The HTTP/1.1 connection just used would be
            // reused for them: drop it first.
            http::curl_reset();
            trusting.http_version = http::CurlHttpVersion::Http2;
            auto versions = std::make_shared<std::vector<int>>();
            for (int i = 0; i < 10; ++i)
                diesel::fork([this, trusting, versions] {
                    for (int j = 0; j < 5; ++j)
                        versions->push_back(
                            http::curl_get(tls("127.0.0.1", "/"), trusting).http_version);
                });
            QVERIFY(dtest::settle([&] { return versions->size() == 50; }, 20000));
            QCOMPARE(std::count(versions->begin(), versions->end(), 20), 50);
            try {
                http::curl_get(tls("127.0.0.1", "/")); // the system's CAs do not know it
                QFAIL("an unknown certificate was accepted");
            } catch (const http::CurlError &e) {
                QCOMPARE(e.curl_code(), CURLE_PEER_FAILED_VERIFICATION);
                QVERIFY(e.code() ==
                        std::error_code(CURLE_PEER_FAILED_VERIFICATION, http::curl_category()));
            }
            http::CurlOptions careless;
            careless.verify_tls = false;
            QCOMPARE(http::curl_get(tls("127.0.0.1", "/"), careless).status, 200);
        }));
    }

    void redirectsFollowedOnlyWhenAsked()
    {
        QVERIFY(dtest::run_in_loop([this] {
            const auto moved = http::curl_get(plain("/old"));
            QCOMPARE(moved.status, 301);
            QVERIFY(moved.headers.value("location").ends_with("/"));
            http::CurlOptions follow;
            follow.max_redirects = 3;
            const auto r = http::curl_get(plain("/old"), follow);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, "Hello, world!"s);
            QCOMPARE(r.effective_url, plain("/"));
            QVERIFY(!r.headers.has("location")); // the fields are the last response's
        }));
    }

    void cookiesKeptInASharedJar()
    {
        QVERIFY(dtest::run_in_loop([this] {
            QCOMPARE(http::curl_get(plain("/set")).body, "set"s);
            QCOMPARE(http::curl_get(plain("/cookie")).body, "cookie="s); // no jar, no cookie
            http::CurlOptions with_jar;
            with_jar.cookies = std::make_shared<http::CookieJar>();
            QCOMPARE(http::curl_get(plain("/set"), with_jar).body, "set"s);
            // Another Loop using the same jar sends the cookie.
            auto seen = std::make_shared<std::string>();
            diesel::fork([this, with_jar, seen] {
                *seen = http::curl_get(plain("/cookie"), with_jar).body;
            });
            QVERIFY(dtest::settle([&] { return !seen->empty(); }));
            QCOMPARE(*seen, "cookie=session=42"s);
            const auto kept = with_jar.cookies->cookies();
            QCOMPARE(kept.size(), std::size_t(1));
            QVERIFY(kept.front().find("session\t42") != std::string::npos);
        }));
    }

    void proxyCarriesTheRequest()
    {
        QVERIFY(dtest::run_in_loop([] {
            // A stand-in proxy: answers with the request line it was sent.
            diesel::Service proxy(
                [](const diesel::Address &) {
                    std::string head = diesel::until("\r\n\r\n");
                    const std::string line = head.substr(0, head.find("\r\n"));
                    diesel::send("HTTP/1.1 200 OK\r\nContent-Length: " +
                                 std::to_string(line.size()) + "\r\n\r\n" + line);
                    diesel::until("\r\n\r\n"); // until curl closes or sends more
                },
                0, "127.0.0.1");
            proxy.start();
            http::CurlOptions via;
            via.proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
            QCOMPARE(http::curl_get("http://example.invalid/x?y=1", via).body,
                     "GET http://example.invalid/x?y=1 HTTP/1.1"s);
            http::curl_reset();
            proxy.stop();
        }));
    }

    void timesOutOnAStallingServer()
    {
        QVERIFY(dtest::run_in_loop([] {
            StallingServer stalling;
            http::CurlOptions quick;
            quick.timeout = diesel::Seconds(0.3);
            const auto start = diesel::Clock::now();
            try {
                http::curl_get(stalling.url(), quick);
                QFAIL("a stalled server answered");
            } catch (const diesel::RequestTimeout &e) {
                QVERIFY(e.code() ==
                        std::error_code(CURLE_OPERATION_TIMEDOUT, http::curl_category()));
                QVERIFY(dynamic_cast<const http::CurlTimeout *>(&e));
            }
            QVERIFY(diesel::Clock::now() - start < std::chrono::seconds(10));
            QCOMPARE(*stalling.requests, 1);
            QVERIFY(dtest::settle([&] { return *stalling.closed == 1; }));
            stalling.service.stop();
        }));
    }

    void refusedConnectionIsACurlError()
    {
        QVERIFY(dtest::run_in_loop([] {
            const std::string url = "http://127.0.0.1:" + std::to_string(dtest::free_port()) + "/";
            try {
                http::curl_get(url);
                QFAIL("a closed port accepted");
            } catch (const http::CurlError &e) {
                QCOMPARE(e.curl_code(), CURLE_COULDNT_CONNECT);
                QVERIFY(std::string(e.what()).find(url) != std::string::npos);
            }
        }));
    }

    void bodyOverTheLimitIsRefused()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = own_server();
            const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
            http::CurlOptions small;
            small.max_body = 64 * 1024;
            // Declared by Content-Length: refused before the body; streamed (chunked): cut off.
            QVERIFY_THROWS_EXCEPTION(http::CurlBodyTooLarge, http::curl_get(base + "/big", small));
            QVERIFY_THROWS_EXCEPTION(http::CurlBodyTooLarge,
                                     http::curl_get(base + "/stream", small));
            QCOMPARE(http::curl_get(base + "/big").body.size(), std::size_t(1024 * 1024));
            QCOMPARE(http::curl_get(base + "/stream").body.size(), std::size_t(1024 * 1024));
            http::curl_reset();
            server.stop();
        }));
    }

    void loopCancelledMidTransferLetsGo()
    {
        QVERIFY(dtest::run_in_loop([this] {
            StallingServer stalling;
            auto reached = std::make_shared<bool>(false);
            auto waiter = diesel::fork([url = stalling.url(), reached] {
                http::CurlOptions patient;
                patient.timeout = diesel::Seconds(60);
                http::curl_get(url, patient);
                *reached = true;
            });
            QVERIFY(dtest::settle([&] { return *stalling.requests == 1; }));
            waiter.cancel("enough");
            QVERIFY(dtest::settle([&] { return !waiter.running(); }));
            QVERIFY(!*reached);
            // Its easy handle left the multi handle and its connection was closed.
            QVERIFY(dtest::settle([&] { return *stalling.closed == 1; }));
            QCOMPARE(http::curl_get(plain("/")).body, "Hello, world!"s);
            stalling.service.stop();
        }));
    }

    void performsARawEasyHandle()
    {
        QVERIFY_THROWS_EXCEPTION(diesel::NotInLoop, http::perform(nullptr));
        QVERIFY(dtest::run_in_loop([this] {
            CURL *easy = curl_easy_init();
            std::string body;
            const std::string url = plain("/");
            curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
            curl_easy_setopt(
                easy, CURLOPT_WRITEFUNCTION,
                +[](char *data, std::size_t size, std::size_t n, void *out) -> std::size_t {
                    static_cast<std::string *>(out)->append(data, size * n);
                    return size * n;
                });
            curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
            QCOMPARE(http::perform(easy), CURLE_OK);
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            QCOMPARE(status, 200L);
            QCOMPARE(body, "Hello, world!"s);
            // The same handle again, to a closed port: the result, not an exception.
            const std::string closed =
                "http://127.0.0.1:" + std::to_string(dtest::free_port()) + "/";
            curl_easy_setopt(easy, CURLOPT_URL, closed.c_str());
            QCOMPARE(http::perform(easy), CURLE_COULDNT_CONNECT);
            curl_easy_cleanup(easy);
        }));
    }

private:
    std::string plain(const std::string &path) const
    {
        return "http://127.0.0.1:" + std::to_string(m_nginx->port()) + path;
    }
    std::string tls(const std::string &host, const std::string &path) const
    {
        return "https://" + host + ":" + std::to_string(m_tls_port) + path;
    }

    QTemporaryDir m_certs;
    std::uint16_t m_tls_port = 0;
    std::unique_ptr<dtest::NginxServer> m_nginx;
};

QTEST_GUILESS_MAIN(TestCurl)
#include "tst_curl.moc"
