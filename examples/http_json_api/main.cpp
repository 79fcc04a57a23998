// SPDX-License-Identifier: MIT
// A JSON API on http::App: a small in-memory list of notes with routes, typed parameters, JSON in
// and out, error pages and the access log.
//
//   http_json_api [port] [--quiet]      (default 8080; --quiet: no access log)
//   curl localhost:8080/notes
//   curl -d '{"text":"buy milk"}' localhost:8080/notes
//   curl localhost:8080/notes/1        curl -X DELETE localhost:8080/notes/1
//   curl localhost:8080/hello/world    (the benchmark's route)
#include <diesel/diesel.h>
#include <diesel/http.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>

namespace http = diesel::http;

namespace {

struct Notes
{
    std::map<std::int64_t, QString> items;
    std::int64_t next_id = 1;

    QJsonObject as_json(std::int64_t id) const
    {
        return QJsonObject{{QStringLiteral("id"), static_cast<qint64>(id)},
                           {QStringLiteral("text"), items.at(id)}};
    }
};

http::App notes_app(std::shared_ptr<Notes> notes)
{
    http::App app;
    app.get("/hello/<name>", [](http::Request &, const http::Params &p) {
        return http::Response::text("Hello, " + std::string(p.text("name")) + "!");
    });
    app.get("/notes", [notes](http::Request &, const http::Params &) {
        QJsonArray all;
        for (const auto &[id, text] : notes->items)
            all.append(notes->as_json(id));
        return http::json(all);
    });
    app.post("/notes", [notes](http::Request &request, const http::Params &) {
        const QJsonValue text = http::read_json(request).object().value(QStringLiteral("text"));
        if (!text.isString())
            throw http::HttpError(422, "a note needs a \"text\" string");
        const std::int64_t id = notes->next_id++;
        notes->items[id] = text.toString();
        return http::json(notes->as_json(id), 201);
    });
    app.get("/notes/<int:id>", [notes](http::Request &, const http::Params &p) {
        const std::int64_t id = p.integer("id");
        if (!notes->items.count(id))
            throw http::HttpError(404, "no note " + std::to_string(id));
        return http::json(notes->as_json(id));
    });
    app.del("/notes/<int:id>", [notes](http::Request &, const http::Params &p) {
        if (!notes->items.erase(p.integer("id")))
            throw http::HttpError(404, "no such note");
        return http::Response(204, {});
    });
    return app;
}

} // namespace

int main(int argc, char **argv)
{
    std::uint16_t port = 8080;
    bool quiet = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quiet") == 0)
            quiet = true;
        else
            port = static_cast<std::uint16_t>(std::atoi(argv[i]));
    }
    http::App app = notes_app(std::make_shared<Notes>());
    if (!quiet)
        app.use(http::access_log());
    try {
        diesel::quickstart(app.service(port));
    } catch (const diesel::Error &e) {
        std::cerr << "http_json_api: " << e.what() << std::endl;
        return 1;
    }
}
