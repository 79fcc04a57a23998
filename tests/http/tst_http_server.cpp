// SPDX-License-Identifier: MIT
// HttpServer against real clients: the curl command line and Python's http.client, plus raw
// sockets for pipelining and HTTP/1.0. Keep-alive, chunked bodies both ways, 100-continue, HEAD,
// the fields the server sets, a failing handler, graceful shutdown, TLS.
#include "dieseltest.h"
#include "http_fixture.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <QRegularExpression>
#include <QTest>

#include <memory>
#include <string>
#include <vector>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

// Answers with what it saw, so a test can check the parse: "METHOD path|query|body-size|body".
http::Response echo(http::Request &r)
{
    std::string query;
    for (const auto &[k, v] : r.query)
        query += k + '=' + v + ';';
    http::Response response = http::Response::text(r.method + ' ' + r.path + '|' + query + '|' +
                                                   std::to_string(r.body.size()) + '|' + r.body);
    response.headers.add("X-Host", std::string(r.headers.value("host")));
    return response;
}

http::HttpServer started(http::Handler handler, http::HttpServerOptions options = {})
{
    http::HttpServer server(std::move(handler), 0, "127.0.0.1", std::move(options));
    server.start();
    return server;
}

std::vector<std::string> curl_args(std::initializer_list<std::string> args)
{
    std::vector<std::string> all{"-sS", "--max-time", "60"};
    all.insert(all.end(), args.begin(), args.end());
    return all;
}

std::string url(std::uint16_t port, const char *path = "/")
{
    return "http://127.0.0.1:" + std::to_string(port) + path;
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void curlGetSetsDateServerAndLength()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(echo);
            const auto r = dtest::run_tool(
                "curl", curl_args({"-i", url(server.port(), "/a%20b?x=1&y=two+words")}));
            QCOMPARE(r.exit_code, 0);
            QVERIFY2(contains(r.out, "HTTP/1.1 200 OK\r\n"), r.out.c_str());
            QVERIFY(contains(r.out, "\r\nServer: diesel\r\n"));
            QVERIFY(QRegularExpression(
                        QStringLiteral(
                            "\r\nDate: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n"))
                        .match(QString::fromStdString(r.out))
                        .hasMatch());
            const std::string body = "GET /a b|x=1;y=two words;|0|";
            QVERIFY(contains(r.out, "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"));
            QVERIFY(
                contains(r.out, "\r\nX-Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n"));
            QVERIFY2(r.out.ends_with("\r\n\r\n" + body), r.out.c_str());
            QCOMPARE(server.requests(), 1u);
        }));
    }

    void curlReusesOneConnection()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(echo);
            const auto r = dtest::run_tool(
                "curl", curl_args({url(server.port(), "/1"), url(server.port(), "/2"),
                                   url(server.port(), "/3")}));
            QCOMPARE(r.exit_code, 0);
            QCOMPARE(r.out, "GET /1||0|GET /2||0|GET /3||0|"s);
            QCOMPARE(server.service().accepted(), 1u);
            QCOMPARE(server.requests(), 3u);
        }));
    }

    void curlChunkedUploadAndContinue()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(echo);
            const std::string payload(300000, 'z');
            auto r = dtest::run_tool("curl",
                                     curl_args({"-H", "Transfer-Encoding: chunked", "--data-binary",
                                                "@-", url(server.port(), "/up")}),
                                     payload);
            QCOMPARE(r.exit_code, 0);
            QCOMPARE(r.out, "POST /up||300000|" + payload);
            // curl waits (a second by default) for 100 Continue before sending the body.
            r = dtest::run_tool(
                "curl",
                curl_args({"-i", "-H", "Expect: 100-continue", "--expect100-timeout", "30",
                           "--data-binary", "@-", url(server.port(), "/c")}),
                "hello");
            QCOMPARE(r.exit_code, 0);
            QVERIFY2(r.out.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"),
                     r.out.c_str());
            QVERIFY(r.out.ends_with("POST /c||5|hello"));
        }));
    }

    void headAndHttp10()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(echo);
            auto r = dtest::run_tool("curl", curl_args({"-I", url(server.port(), "/h")}));
            QCOMPARE(r.exit_code, 0);
            QVERIFY2(contains(r.out, "\r\nContent-Length: 11\r\n"), r.out.c_str()); // "HEAD /h||0|"
            QVERIFY(r.out.ends_with("\r\n\r\n"));

            r = dtest::run_tool("curl", curl_args({"-i", "--http1.0", url(server.port(), "/old")}));
            QCOMPARE(r.exit_code, 0);
            QVERIFY2(contains(r.out, "\r\nConnection: close\r\n"), r.out.c_str());
            // HTTP/1.0 keep-alive when asked for; no Host needed.
            const auto raw = dtest::raw_exchange(server.port(),
                                                 "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                                                 "GET /b HTTP/1.0\r\n\r\n");
            QVERIFY(raw.closed);
            QCOMPARE(dtest::count_responses(raw.bytes), 2);
            QVERIFY(contains(raw.bytes, "\r\nConnection: keep-alive\r\n"));
            QVERIFY(raw.bytes.ends_with("Connection: close\r\n\r\nGET /b||0|"));
        }));
    }

    void pipelinedRequestsAnswerInOrder()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(echo);
            std::string requests;
            for (int i = 0; i < 20; ++i)
                requests += "POST /" + std::to_string(i) +
                            " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n" +
                            std::to_string(i % 10);
            requests += "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            const auto raw = dtest::raw_exchange(server.port(), requests);
            QVERIFY(raw.closed);
            QCOMPARE(dtest::count_responses(raw.bytes), 21);
            std::size_t at = 0;
            for (int i = 0; i < 20; ++i) {
                at = raw.bytes.find("POST /" + std::to_string(i) + "||1|" + std::to_string(i % 10),
                                    at);
                QVERIFY2(at != std::string::npos, raw.bytes.c_str());
            }
            QVERIFY(raw.bytes.ends_with("GET /last||0|"));
        }));
    }

    // While a handler is suspended its request stays its own: other connections' requests,
    // parsed meanwhile, use other storage.
    void suspendedHandlersKeepTheirRequests()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started([](http::Request &r) {
                const std::string before = r.path + '|' + std::string(r.headers.value("X-N"));
                diesel::sleep(0.02);
                return http::Response::text(before + '|' + r.path + '|' +
                                            std::string(r.headers.value("X-N")));
            });
            constexpr int kClients = 8;
            auto replies = std::make_shared<std::vector<std::string>>(kClients);
            auto done = std::make_shared<int>(0);
            for (int i = 0; i < kClients; ++i) {
                diesel::fork([port = server.port(), replies, done, i] {
                    const std::string n = std::to_string(i);
                    std::string requests;
                    for (int k = 0; k < 3; ++k)
                        requests += "GET /" + n + " HTTP/1.1\r\nHost: x\r\nX-N: " + n + "\r\n\r\n";
                    requests += "GET /end HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
                    (*replies)[i] = dtest::raw_exchange(port, requests).bytes;
                    ++*done;
                });
            }
            QVERIFY(dtest::settle([&] { return *done == kClients; }, 30000));
            for (int i = 0; i < kClients; ++i) {
                const std::string n = std::to_string(i);
                const std::string &bytes = (*replies)[i];
                QCOMPARE(dtest::count_responses(bytes), 4);
                std::size_t at = 0;
                for (int k = 0; k < 3; ++k) {
                    at = bytes.find("/" + n + "|" + n + "|/" + n + "|" + n, at);
                    QVERIFY2(at != std::string::npos, bytes.c_str());
                    ++at;
                }
            }
        }));
    }

    void streamedResponseIsChunked()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started([](http::Request &) {
                http::Response response;
                response.stream = [](http::BodyWriter &out) {
                    for (int i = 0; i < 5; ++i) {
                        out.write("part" + std::to_string(i) + ";");
                        diesel::sleep(0.001);
                    }
                };
                return response;
            });
            auto r = dtest::run_tool("curl", curl_args({"-i", url(server.port())}));
            QCOMPARE(r.exit_code, 0);
            QVERIFY2(contains(r.out, "\r\nTransfer-Encoding: chunked\r\n"), r.out.c_str());
            QVERIFY(r.out.ends_with("\r\n\r\npart0;part1;part2;part3;part4;"));
            const auto raw = dtest::raw_exchange(server.port(), "GET / HTTP/1.0\r\n\r\n");
            QVERIFY(raw.closed);
            QVERIFY2(raw.bytes.ends_with("Connection: close\r\n\r\npart0;part1;part2;part3;part4;"),
                     raw.bytes.c_str());
        }));
    }

    void pythonHttpClientKeepAlive()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started(echo);
            const std::string script = R"(
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
out = []
for i in range(5):
    c.request("POST", "/p?i=%d" % i, body=b"x" * i, headers={"x-mixed-CASE": "v"})
    r = c.getresponse()
    out.append("%d %s %s" % (r.status, r.getheader("content-length"), r.read().decode()))
def gen():
    yield b"ab"
    yield b"cd"
c.request("PUT", "/chunked", body=gen(), encode_chunked=True)
r = c.getresponse()
out.append("%d %s" % (r.status, r.read().decode()))
print("\n".join(out))
)";
            const auto r = dtest::run_python(script, {std::to_string(server.port())});
            QVERIFY2(r.exit_code == 0, r.err.c_str());
            QCOMPARE(
                dtest::q(r.out),
                dtest::q(
                    "200 15 POST /p|i=0;|0|\n200 16 POST /p|i=1;|1|x\n200 17 POST /p|i=2;|2|xx\n"
                    "200 18 POST /p|i=3;|3|xxx\n200 19 POST /p|i=4;|4|xxxx\n"
                    "200 PUT /chunked||4|abcd\n"));
            QCOMPARE(server.service().accepted(), 1u);
        }));
    }

    void handlerExceptionIsA500AndTheServerGoesOn()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started([](http::Request &r) {
                if (r.path == "/boom")
                    throw std::runtime_error("kaboom");
                return http::Response::text("fine");
            });
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                                   "GET /boom .*handler failed: kaboom")));
            const auto raw = dtest::raw_exchange(
                server.port(), "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n"
                               "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            QVERIFY(raw.closed);
            QVERIFY2(raw.bytes.starts_with("HTTP/1.1 500 Internal Server Error\r\n"),
                     raw.bytes.c_str());
            QVERIFY(raw.bytes.ends_with("\r\n\r\nfine"));
        }));
    }

    void responseFieldsCannotInjectLines()
    {
        QVERIFY(dtest::run_in_loop([] {
            auto server = started([](http::Request &) {
                http::Response response = http::Response::text("x");
                response.headers.add("X-Evil", "a\r\nSet-Cookie: stolen=1");
                return response;
            });
            QTest::ignoreMessage(
                QtWarningMsg, QRegularExpression(QStringLiteral("response field X-Evil rejected")));
            const auto r = dtest::run_tool("curl", curl_args({"-i", url(server.port())}));
            QVERIFY2(contains(r.out, "HTTP/1.1 500 "), r.out.c_str());
            QVERIFY(!contains(r.out, "stolen"));
        }));
    }

    void gracefulShutdownFinishesRequestsInFlight()
    {
        QVERIFY(dtest::run_in_loop([] {
            diesel::Event release("release");
            auto server = started([&release](http::Request &) {
                release.wait();
                return http::Response::text("done");
            });
            dtest::RawReply reply;
            bool finished = false;
            diesel::fork([&] {
                reply = dtest::raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                                            diesel::Seconds(30));
                finished = true;
            });
            QVERIFY(dtest::settle([&] { return server.in_flight() == 1; }));
            diesel::fork([&] {
                diesel::sleep(0.05);
                release.set();
            });
            server.shutdown(diesel::Seconds(30));
            QVERIFY(!server.running());
            QVERIFY(dtest::settle([&] { return finished; }));
            QVERIFY2(reply.bytes.starts_with("HTTP/1.1 200 OK\r\n"), reply.bytes.c_str());
            QVERIFY(reply.bytes.ends_with("\r\n\r\ndone"));
            QVERIFY(reply.closed);
        }));
    }

    void httpsThroughCoreTls()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServerOptions options;
            options.service.tls = diesel::TlsContext::server_self_signed("localhost");
            auto server = started(echo, options);
            const auto r = dtest::run_tool(
                "curl",
                curl_args({"-k", "https://127.0.0.1:" + std::to_string(server.port()) + "/tls"}));
            QVERIFY2(r.exit_code == 0, r.err.c_str());
            QCOMPARE(r.out, "GET /tls||0|"s);
        }));
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
