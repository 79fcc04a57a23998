// SPDX-License-Identifier: MIT
// The traffic view decodes real traffic: the project's HttpServer and HttpClient (requests,
// responses, an Upgrade to WebSocket and its frames), a RedisClient against a real redis-server
// and a RiakClient and a MongoClient against the Riak and MongoDB wire-protocol peers (when
// Node.js is there), captured through real
// sockets; requests are paired with their responses.
#include "dieseltest.h"
#include "redis_server.h"
#ifdef DIESEL_MONGO_PEER_FIXTURE
#include "mongo_peer.h"

#include <diesel/mongodb/client.h>
#include <diesel/mongodb/collection.h>
#include <diesel/mongodb/database.h>
#include <diesel/widgets/mongodecoder.h>
#endif
#ifdef DIESEL_RIAK_PEER_FIXTURE
#include "riak_peer.h"

#include <diesel/riak/client.h>
#endif

#include <diesel/diesel.h>
#include <diesel/http/app.h>
#include <diesel/http/client.h>
#include <diesel/http/server.h>
#include <diesel/http/websocket.h>
#include <diesel/http/websocket_client.h>
#include <diesel/redis/client.h>
#include <diesel/redis/pipeline.h>
#include <diesel/widgets/connectionlistmodel.h>
#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/streamview.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficview.h>

#include <QTest>

using namespace diesel::widgets;
namespace http = diesel::http;

namespace {

enum class Ends { Clients, All };

// The decoded messages of the clients' connections (or of all), in order.
QStringList messagesOf(const TrafficView &view, Ends ends)
{
    QStringList out;
    const DecodedTrafficModel &decoded = view.decoded();
    for (int r = 0; r < decoded.rowCount(); ++r) {
        const DecodedRow &row = decoded.row(r);
        const ConnectionRecord *record = view.model().record(row.connection);
        if (!row.note && (ends == Ends::All || (record && record->info.outgoing)))
            out << row.message.summary;
    }
    return out;
}

const DecodedRow *firstRow(const TrafficView &view, const QString &summary)
{
    for (int r = 0; r < view.decoded().rowCount(); ++r)
        if (view.decoded().row(r).message.summary == summary)
            return &view.decoded().row(r);
    return nullptr;
}

} // namespace

class TestDecodersLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void httpAndWebSocket()
    {
        TrafficView view(diesel::Hub::current());
        view.showDecoded();
        http::App app;
        app.get("/hello",
                [](http::Request &, const http::Params &) { return http::Response::text("hi"); });
        app.websocket("/echo",
                      [](http::WebSocket &ws, const http::Request &, const http::Params &) {
                          try {
                              for (;;)
                                  ws.send(ws.receive());
                          } catch (const http::WebSocketClosed &) {
                          }
                      });
        http::HttpServer server(app.handler(), 0, "127.0.0.1");
        server.start();
        QVERIFY(dtest::run_in_loop([&] {
            http::HttpClient client("127.0.0.1", server.port());
            QCOMPARE(client.get("/hello").body, std::string("hi"));
            QCOMPARE(client.post("/hello", "x").status, 405);
            client.close();
            http::WebSocket ws = http::websocket_connect("127.0.0.1", server.port(), "/echo");
            ws.send_text("ping me");
            QCOMPARE(ws.receive().data, std::string("ping me"));
            ws.close();
        }));
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return server.service().connections() == 0;
        }));
        server.stop();
        view.poll();

        // The client's connections (no port hint: the first bytes say HTTP).
        const QStringList client = messagesOf(view, Ends::Clients);
        QVERIFY2(client.size() >= 8, qPrintable(client.join(QLatin1String(" | "))));
        QCOMPARE(client[0], QStringLiteral("GET /hello"));
        QVERIFY2(client[1].startsWith(QLatin1String("200 OK (text/plain")), qPrintable(client[1]));
        QCOMPARE(client[2], QStringLiteral("POST /hello (1 B)"));
        QVERIFY2(client[3].startsWith(QLatin1String("405 ")), qPrintable(client[3]));
        QCOMPARE(client[4], QStringLiteral("GET /echo"));
        QCOMPARE(client[5], QStringLiteral("101 Switching Protocols"));
        QCOMPARE(client[6], QStringLiteral("text \"ping me\" (7 B)"));
        QCOMPARE(client[7], QStringLiteral("text \"ping me\" (7 B)"));
        QVERIFY(client.contains(QStringLiteral("close 1000 (normal closure)")));
        QVERIFY(firstRow(view, QStringLiteral("GET /hello"))->latency.has_value());
        // The server side decodes the same conversation on its own connections.
        const QStringList served = messagesOf(view, Ends::All);
        QCOMPARE(served.count(QStringLiteral("GET /hello")), 2);

        // The owner filter applies to the decoded messages as to the transcript.
        const DecodedRow *hello = firstRow(view, QStringLiteral("GET /hello"));
        view.filterOwner(view.model().ownerOf(hello->connection));
        int ofOwner = 0;
        for (int r = 0; r < view.decoded().rowCount(); ++r)
            ofOwner += view.decoded().row(r).owner == view.model().ownerOf(hello->connection);
        QCOMPARE(view.shownMessages(), ofOwner);
        QVERIFY(ofOwner < view.decoded().rowCount());
        view.filterOwner(QString());

        // Double-clicking a message selects its bytes in the stream window.
        const DecodedRow *get = firstRow(view, QStringLiteral("GET /hello"));
        view.showConnection(get->connection);
        QVERIFY(view.shownMessages() >= 4);
        StreamView *stream = view.showMessageBytes(1); // the first row is the decoding note
        QVERIFY(stream);
        const auto [at, end] = stream->match();
        QCOMPARE(stream->bytes().mid(at, end - at),
                 QByteArray("GET /hello HTTP/1.1\r\n")
                     .append(stream->bytes().mid(at + 21, end - at - 21)));
        QVERIFY(stream->bytes().mid(at, end - at).endsWith("\r\n\r\n"));

        // Raw for that connection: its messages go, the others stay.
        const int before = view.decoded().rowCount();
        view.decodeAs(DecodedTrafficModel::rawChoice());
        QCOMPARE(view.shownMessages(), 0);
        QVERIFY(view.decoded().rowCount() < before);
        view.decodeAs(QStringLiteral("http"));
        QVERIFY(view.shownMessages() >= 4);
    }

    void redisCommandsAndReplies()
    {
        dtest::RedisServer redis;
        TrafficView view(diesel::Hub::current());
        QVERIFY(dtest::run_in_loop([&] {
            diesel::redis::RedisClient client("127.0.0.1", redis.port());
            client.set("greeting", "hello world");
            QCOMPARE(client.get("greeting").value_or(""), std::string("hello world"));
            client.del_({"nothing"});
            auto pipeline = client.pipeline();
            pipeline.set("a", "1");
            pipeline.incr("a");
            pipeline.execute();
            client.close();
        }));
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return view.connections().closedCount() >= 1;
        }));
        // Nothing is decoded while the Decoded tab is not shown; showing it decodes the capture.
        QVERIFY(!view.decoding());
        QCOMPARE(view.decoded().rowCount(), 0);
        view.showDecoded();
        const QStringList messages = messagesOf(view, Ends::All);
        for (const QString &expected :
             {QStringLiteral("SET greeting \"hello world\""), QStringLiteral("OK"),
              QStringLiteral("GET greeting"), QStringLiteral("\"hello world\""),
              QStringLiteral("DEL nothing"), QStringLiteral("(integer) 0"),
              QStringLiteral("SET a 1"), QStringLiteral("INCR a"), QStringLiteral("(integer) 2")})
            QVERIFY2(messages.contains(expected),
                     qPrintable(expected + QStringLiteral(" not in: ") +
                                messages.join(QLatin1String(" | "))));
        const DecodedRow *get = firstRow(view, QStringLiteral("GET greeting"));
        QVERIFY(get && get->latency.has_value());
        QCOMPARE(view.decoded().decoderOf(get->connection), QString()); // closed: state gone
    }

#ifdef DIESEL_RIAK_PEER_FIXTURE
    void riakMessageCodes()
    {
        dtest::RiakPeer peer;
        TrafficView view(diesel::Hub::current());
        view.showDecoded();
        QVERIFY(dtest::run_in_loop([&] {
            diesel::riak::RiakClient client(peer.host(), peer.port());
            client.put("users", "alice", "1");
            QCOMPARE(client.get("users", "alice").siblings.size(), std::size_t(1));
            client.close();
        }));
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return view.connections().closedCount() >= 1;
        }));
        const QStringList messages = messagesOf(view, Ends::All);
        for (const QString &expected :
             {QStringLiteral("RpbPutReq users/alice"), QStringLiteral("RpbGetReq users/alice"),
              QStringLiteral("RpbGetResp 1 value(s)")})
            QVERIFY2(messages.contains(expected),
                     qPrintable(expected + QStringLiteral(" not in: ") +
                                messages.join(QLatin1String(" | "))));
        QVERIFY(firstRow(view, QStringLiteral("RpbGetReq users/alice"))->latency.has_value());
    }
#endif

#ifdef DIESEL_MONGO_PEER_FIXTURE
    void mongoCommands()
    {
        dtest::MongoPeer peer;
        TrafficView view(diesel::Hub::current());
        view.addDecoder(mongoDecoderFactory());
        view.showDecoded();
        QVERIFY(dtest::run_in_loop([&] {
            diesel::mongodb::MongoClient client(peer.host(), peer.port());
            diesel::mongodb::Collection items = client["shop"]["items"];
            items.insert(diesel::mongodb::Document{{"name", "pen"}});
            QVERIFY(items.find_one(diesel::mongodb::Document{{"name", "pen"}}).has_value());
        }));
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return messagesOf(view, Ends::All).contains(QStringLiteral("ok, 1 documents"));
        }));
        const QStringList messages = messagesOf(view, Ends::All);
        for (const QString &expected :
             {QStringLiteral("insert shop.items (1 documents)"), QStringLiteral("ok, n 1"),
              QStringLiteral("find shop.items"), QStringLiteral("ok, 1 documents")})
            QVERIFY2(messages.contains(expected),
                     qPrintable(expected + QStringLiteral(" not in: ") +
                                messages.join(QLatin1String(" | "))));
        QVERIFY(firstRow(view, QStringLiteral("find shop.items"))->latency.has_value());
    }
#endif
};

QTEST_MAIN(TestDecodersLive)
#include "tst_widgets_decoders_live.moc"
