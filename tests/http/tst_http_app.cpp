// SPDX-License-Identifier: MIT
// http::App through curl: routes with typed parameters, 404/405, JSON in and out, error pages,
// middleware order and the access log, static files (MIME, HEAD, Range, ETag, index.html) and
// every way out of the folder refused.
#include "dieseltest.h"
#include "http_fixture.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

namespace {

std::vector<std::string> curl_args(std::initializer_list<std::string> args)
{
    std::vector<std::string> all{"-sS", "--max-time", "60"};
    all.insert(all.end(), args.begin(), args.end());
    return all;
}

std::string url(std::uint16_t port, const std::string &path)
{
    return "http://127.0.0.1:" + std::to_string(port) + path;
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

http::App api()
{
    http::App app;
    app.get("/users/<int:id>", [](http::Request &, const http::Params &p) {
        return http::json(
            QJsonObject{{QStringLiteral("id"), static_cast<qint64>(p.integer("id"))}});
    });
    app.get("/users/<name>/files/<path:rest>", [](http::Request &, const http::Params &p) {
        return http::Response::text(std::string(p.text("name")) + ':' +
                                    std::string(p.text("rest")));
    });
    app.get("/scale/<float:x>", [](http::Request &, const http::Params &p) {
        return http::Response::text(std::to_string(static_cast<int>(p.number("x") * 2)));
    });
    app.post("/echo", [](http::Request &r, const http::Params &) {
        QJsonObject in = http::read_json(r).object();
        in.insert(QStringLiteral("seen"), true);
        return http::json(in, 201);
    });
    app.get("/teapot", [](http::Request &, const http::Params &) -> http::Response {
        throw http::HttpError(418, "I'm a <teapot>");
    });
    app.get("/crash", [](http::Request &, const http::Params &) -> http::Response {
        throw std::runtime_error("database on fire");
    });
    return app;
}

} // namespace

class TestHttpApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void patternsAreChecked()
    {
        http::App app;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app.get("no-slash", {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app.get("/a/<path:p>/b", {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app.get("/a/<uuid:p>", {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app.get("/a/<open", {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app.get("/a/x<y>", {}));
    }

    void routesWithTypedParameters()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServer server(api().handler(), 0, "127.0.0.1");
            server.start();
            const auto p = server.port();
            auto r = dtest::run_tool("curl", curl_args({"-i", url(p, "/users/42")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 200 OK\r\n") &&
                         contains(r.out, "Content-Type: application/json\r\n"),
                     r.out.c_str());
            QVERIFY(r.out.ends_with("{\"id\":42}"));
            r = dtest::run_tool(
                "curl", curl_args({url(p, "/users/ann/files/a/b%20c.txt"), url(p, "/scale/1.5")}));
            QCOMPARE(r.out, "ann:a/b c.txt3"s);
            // Not an int: no route; a route for GET only: 405 with Allow.
            r = dtest::run_tool("curl", curl_args({"-i", url(p, "/users/4x2")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 404 Not Found\r\n") &&
                         contains(r.out, "<h1>404 Not Found</h1>"),
                     r.out.c_str());
            r = dtest::run_tool("curl", curl_args({"-i", "-X", "DELETE", url(p, "/users/42")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 405 Method Not Allowed\r\n") &&
                         contains(r.out, "\r\nAllow: GET\r\n"),
                     r.out.c_str());
            r = dtest::run_tool("curl", curl_args({"-I", url(p, "/users/7")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 200 OK\r\n") &&
                         contains(r.out, "Content-Length: 8\r\n"),
                     r.out.c_str());
        }));
    }

    void jsonAndErrorPages()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::HttpServer server(api().handler(), 0, "127.0.0.1");
            server.start();
            const auto p = server.port();
            auto r = dtest::run_tool(
                "curl", curl_args({"-i", "-H", "Content-Type: application/json", "--data",
                                   "{\"name\":\"ann\",\"tags\":[1,2]}", url(p, "/echo")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 201 Created\r\n"), r.out.c_str());
            QVERIFY(r.out.ends_with("{\"name\":\"ann\",\"seen\":true,\"tags\":[1,2]}"));
            r = dtest::run_tool("curl", curl_args({"-i", "-H", "Accept: application/json", "--data",
                                                   "{nope", url(p, "/echo")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 400 Bad Request\r\n"), r.out.c_str());
            QVERIFY(contains(r.out, "{\"error\":\"the body is not valid JSON"));
            r = dtest::run_tool("curl", curl_args({"-i", url(p, "/teapot")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 418 Unknown\r\n") &&
                         contains(r.out, "<p>I'm a &lt;teapot&gt;</p>"),
                     r.out.c_str());
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                                   "GET /crash: route failed: database on fire")));
            r = dtest::run_tool("curl", curl_args({"-i", url(p, "/crash")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 500 Internal Server Error\r\n"), r.out.c_str());
            QVERIFY(!contains(r.out, "database"));
        }));
    }

    void middlewareWrapsInOrderAndLogs()
    {
        QVERIFY(dtest::run_in_loop([] {
            http::App app = api();
            app.use(http::access_log());
            app.use([](http::Request &r, const http::Handler &next) {
                if (r.headers.has("X-Deny"))
                    return http::Response::error(403);
                http::Response response = next(r);
                response.headers.add("X-Inner", "1");
                return response;
            });
            http::HttpServer server(app.handler(), 0, "127.0.0.1");
            server.start();
            QTest::ignoreMessage(
                QtInfoMsg,
                QRegularExpression(QStringLiteral(
                    "^127\\.0\\.0\\.1:\\d+ \"GET /users/5 HTTP/1\\.1\" 200 8 [\\d.]+ms$")));
            QTest::ignoreMessage(
                QtInfoMsg, QRegularExpression(QStringLiteral("\"GET /users/5 HTTP/1\\.1\" 403 ")));
            auto r = dtest::run_tool("curl", curl_args({"-i", url(server.port(), "/users/5")}));
            QVERIFY2(contains(r.out, "\r\nX-Inner: 1\r\n"), r.out.c_str());
            r = dtest::run_tool(
                "curl", curl_args({"-i", "-H", "X-Deny: 1", url(server.port(), "/users/5")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 403 Forbidden\r\n"), r.out.c_str());
        }));
    }

    void staticFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.filePath(QStringLiteral("site"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/docs")));
        const auto write = [](const QString &path, const QByteArray &bytes) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        };
        QVERIFY(write(root + QStringLiteral("/style.css"), "body{}"));
        QVERIFY(write(root + QStringLiteral("/data.bin"), "0123456789"));
        QVERIFY(write(root + QStringLiteral("/docs/index.html"), "<p>docs</p>"));
        QVERIFY(write(dir.filePath(QStringLiteral("secret.txt")), "top secret"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("secret.txt")),
                            root + QStringLiteral("/link.txt")));
        const std::string folder = root.toStdString();
        QVERIFY(dtest::run_in_loop([&] {
            http::App app;
            app.static_files("/static/", folder);
            http::HttpServer server(app.handler(), 0, "127.0.0.1");
            server.start();
            const auto p = server.port();
            auto r = dtest::run_tool("curl", curl_args({"-i", url(p, "/static/style.css")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 200 OK\r\n") &&
                         contains(r.out, "Content-Type: text/css; charset=utf-8\r\n") &&
                         contains(r.out, "Accept-Ranges: bytes\r\n") &&
                         contains(r.out, "Last-Modified: ") && r.out.ends_with("\r\n\r\nbody{}"),
                     r.out.c_str());
            const auto etag_at = r.out.find("ETag: ");
            QVERIFY(etag_at != std::string::npos);
            const std::string etag =
                r.out.substr(etag_at + 6, r.out.find("\r\n", etag_at) - etag_at - 6);
            r = dtest::run_tool("curl", curl_args({"-i", "-H", "If-None-Match: W/" + etag,
                                                   url(p, "/static/style.css")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 304 Not Modified\r\n") &&
                         r.out.ends_with("\r\n\r\n"),
                     r.out.c_str());

            r = dtest::run_tool("curl", curl_args({"-i", "-r", "2-5", url(p, "/static/data.bin")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 206 Partial Content\r\n") &&
                         contains(r.out, "Content-Range: bytes 2-5/10\r\n") &&
                         r.out.ends_with("\r\n\r\n2345"),
                     r.out.c_str());
            r = dtest::run_tool("curl",
                                curl_args({"-H", "Range: bytes=-3", url(p, "/static/data.bin")}));
            QCOMPARE(r.out, "789"s);
            r = dtest::run_tool("curl",
                                curl_args({"-i", "-r", "20-30", url(p, "/static/data.bin")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 416 Range Not Satisfiable\r\n") &&
                         contains(r.out, "Content-Range: bytes */10\r\n"),
                     r.out.c_str());
            r = dtest::run_tool("curl", curl_args({"-i", url(p, "/static/docs/")}));
            QVERIFY2(contains(r.out, "Content-Type: text/html; charset=utf-8\r\n") &&
                         r.out.ends_with("<p>docs</p>"),
                     r.out.c_str());
            r = dtest::run_tool("curl", curl_args({"-I", url(p, "/static/data.bin")}));
            QVERIFY2(contains(r.out, "Content-Length: 10\r\n") &&
                         contains(r.out, "application/octet-stream"),
                     r.out.c_str());

            // Every way out of the folder is a 404, and nothing of the secret shows.
            for (const std::string path :
                 {"/static/../secret.txt"s, "/static/%2e%2e/secret.txt"s,
                  "/static/docs/..%2f..%2fsecret.txt"s, "/static/link.txt"s,
                  "/static/..%5csecret.txt"s, "/static/nothing"s}) {
                r = dtest::run_tool("curl", curl_args({"-i", "--path-as-is", url(p, path)}));
                QVERIFY2(contains(r.out, "HTTP/1.1 404 Not Found\r\n") &&
                             !contains(r.out, "secret"),
                         (path + ": " + r.out).c_str());
            }
            r = dtest::run_tool("curl",
                                curl_args({"-i", "-X", "POST", url(p, "/static/style.css")}));
            QVERIFY2(contains(r.out, "HTTP/1.1 405 ") && contains(r.out, "Allow: GET, HEAD\r\n"),
                     r.out.c_str());
        }));
    }
};

QTEST_GUILESS_MAIN(TestHttpApp)
#include "tst_http_app.moc"
