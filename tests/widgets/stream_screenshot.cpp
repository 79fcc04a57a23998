// SPDX-License-Identifier: MIT
// For scripts/screenshot.sh: a real echo Service and a Client exchanging a few requests, the
// Traffic view capturing them, and its "follow stream" window on the Service's connection, saved
// as a PNG. Not a test: it draws what the README shows.
//
//   stream_screenshot OUT.png
#include <diesel/diesel.h>
#include <diesel/widgets/streamview.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficview.h>

#include <QApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: stream_screenshot OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    diesel::Hub &hub = diesel::Hub::current();
    diesel::widgets::TrafficView traffic(hub);
    diesel::Service echo(
        [](const diesel::Address &) {
            for (;;) {
                const std::string line = diesel::until_eol();
                diesel::send(line == "PING\r\n" ? std::string("+PONG\r\n") : "echo: " + line);
            }
        },
        0, "127.0.0.1", diesel::ServiceOptions{"holla", 0, {}, 4096, 0, {}, 0, {}});
    echo.start();
    hub.spawn([&] {
        diesel::Client c("127.0.0.1", echo.port());
        c.call([] {
            for (const char *line :
                 {"HELLO diesel\r\n", "PING\r\n", "GET /stream HTTP/1.1\r\n", "Host: 127.0.0.1\r\n",
                  "\x01\x02 binary \xff\r\n", "bye\r\n"}) {
                diesel::send(line);
                diesel::until_eol();
            }
        });
    });
    QTimer::singleShot(1500, &app, [&] {
        const diesel::widgets::TrafficModel &model = traffic.model();
        for (int row = 0; row < model.rowCount(); ++row)
            if (const auto *c = model.chunkAt(row);
                c && model.ownerOf(c->connection) == QLatin1String("holla")) {
                diesel::widgets::StreamView *stream = traffic.followStream(c->connection);
                stream->resize(760, 420);
                stream->find(QStringLiteral("PONG"));
                QTimer::singleShot(500, stream, [stream, out] {
                    const bool saved = stream->grab().save(out);
                    std::fprintf(saved ? stdout : stderr, "%s %s\n",
                                 saved ? "wrote" : "cannot write", qPrintable(out));
                    QCoreApplication::exit(saved ? 0 : 1);
                });
                return;
            }
        std::fprintf(stderr, "stream_screenshot: no traffic captured\n");
        QCoreApplication::exit(1);
    });
    const int status = QApplication::exec();
    echo.stop();
    hub.cancel_all("done");
    return status;
}
