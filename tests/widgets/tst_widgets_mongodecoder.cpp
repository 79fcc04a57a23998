// SPDX-License-Identifier: MIT
// The MongoDB decoder on captured bytes: OP_MSG commands (name, database, collection, document
// sequences) and replies (ok, batch size, errors), legacy OP_QUERY; whole, cut at every offset
// and pipelined; pairing by requestID/responseTo out of order; garbage and invalid BSON.
#include "dieseltest.h"

#include <diesel/mongodb/document.h>
#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/mongodecoder.h>
#include <diesel/widgets/trafficview.h>

#include <QComboBox>
#include <QTest>

using namespace diesel::widgets;
using diesel::mongodb::Array;
using diesel::mongodb::Document;
using namespace std::chrono_literals;

namespace {

QByteArray le32(std::int32_t v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((std::uint32_t(v) >> (8 * i)) & 0xff);
    return b;
}

QByteArray bytesOf(const Document &d)
{
    const auto span = d.bytes();
    return QByteArray(reinterpret_cast<const char *>(span.data()), qsizetype(span.size()));
}

QByteArray wire(std::int32_t requestId, std::int32_t responseTo, std::int32_t op,
                const QByteArray &body)
{
    return le32(std::int32_t(16 + body.size())) + le32(requestId) + le32(responseTo) + le32(op) +
           body;
}

QByteArray opMsg(std::int32_t requestId, std::int32_t responseTo, const Document &d,
                 const QByteArray &sequence = {})
{
    return wire(requestId, responseTo, 2013, le32(0) + '\0' + bytesOf(d) + sequence);
}

std::vector<DecodedMessage> decode(const QByteArray &bytes, Side side, QString *failure,
                                   qsizetype cut = -1)
{
    std::unique_ptr<TrafficDecoder> d = mongoDecoderFactory().create();
    std::vector<DecodedMessage> out;
    if (cut < 0) {
        d->feed(side, bytes, out);
    } else {
        d->feed(side, QByteArrayView(bytes).first(cut), out);
        d->feed(side, QByteArrayView(bytes).sliced(cut), out);
    }
    *failure = d->failure();
    return out;
}

QStringList summaries(const std::vector<DecodedMessage> &messages)
{
    QStringList out;
    for (const DecodedMessage &m : messages)
        out << m.summary;
    return out;
}

} // namespace

class TestMongoDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsAndReplies()
    {
        QByteArray sequence;
        {
            QByteArray docs = QByteArray("documents") + '\0';
            for (int i = 0; i < 3; ++i)
                docs += bytesOf(Document{{"a", i}});
            sequence = QByteArray(1, '\1') + le32(std::int32_t(4 + docs.size())) + docs;
        }
        const QByteArray requests =
            opMsg(1, 0, Document{{"find", "items"}, {"filter", Document{}}, {"$db", "test"}}) +
            opMsg(2, 0, Document{{"insert", "items"}, {"$db", "test"}}, sequence) +
            opMsg(3, 0, Document{{"hello", 1}, {"$db", "admin"}});
        QString failure;
        const auto r = decode(requests, Side::Client, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(summaries(r), (QStringList{QStringLiteral("find test.items"),
                                            QStringLiteral("insert test.items (3 documents)"),
                                            QStringLiteral("hello admin")}));
        QCOMPARE(r[1].id, std::int64_t(2));
        QCOMPARE(r[1].role, MessageRole::Request);
        QVERIFY(r[0].detail.contains(QLatin1String("\"$db\" : \"test\"")));
        QVERIFY(r[1].detail.contains(QLatin1String("documents: 3 documents")));
        for (qsizetype cut = 1; cut < requests.size(); ++cut)
            QCOMPARE(summaries(decode(requests, Side::Client, &failure, cut)), summaries(r));

        const QByteArray replies =
            opMsg(10, 1,
                  Document{{"cursor",
                            Document{{"firstBatch", Array{Document{{"a", 1}}, Document{{"a", 2}}}},
                                     {"id", std::int64_t(0)},
                                     {"ns", "test.items"}}},
                           {"ok", 1.0}}) +
            opMsg(11, 2, Document{{"n", 3}, {"ok", 1.0}}) +
            opMsg(12, 3,
                  Document{{"ok", 0.0},
                           {"errmsg", "no such command"},
                           {"code", 59},
                           {"codeName", "CommandNotFound"}});
        const auto s = decode(replies, Side::Server, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(summaries(s),
                 (QStringList{QStringLiteral("ok, 2 documents"), QStringLiteral("ok, n 3"),
                              QStringLiteral("error 59: no such command (CommandNotFound)")}));
        QCOMPARE(s[0].role, MessageRole::Response);
        QCOMPARE(s[0].answers, std::int64_t(1));
        QVERIFY(s[2].error);
        for (qsizetype cut = 1; cut < replies.size(); ++cut)
            QCOMPARE(summaries(decode(replies, Side::Server, &failure, cut)), summaries(s));
    }

    void legacyQuery()
    {
        const QByteArray query = wire(7, 0, 2004,
                                      le32(0) + QByteArray("admin.$cmd") + '\0' + le32(0) +
                                          le32(-1) + bytesOf(Document{{"isMaster", 1}}));
        QString failure;
        const auto r = decode(query, Side::Client, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(summaries(r), (QStringList{QStringLiteral("OP_QUERY isMaster admin.$cmd")}));
    }

    void pairsByResponseTo()
    {
        DecoderRegistry registry = DecoderRegistry::builtins();
        registry.add(mongoDecoderFactory());
        DecodedTrafficModel model(registry);
        ConnectionRecord record;
        record.info.id = 3;
        record.info.outgoing = true;
        record.info.peer = diesel::Address::parse("127.0.0.1", 40000); // no port hint: sniffed
        TrafficBatch batch;
        batch.connections.push_back(record);
        const auto start = diesel::Clock::now();
        std::array<std::uint64_t, 2> offset{};
        auto add = [&](diesel::Direction d, const QByteArray &bytes, std::chrono::microseconds at) {
            TrafficChunk c;
            c.connection = 3;
            c.direction = d;
            c.at = start + at;
            c.bytes = bytes;
            c.size = std::uint32_t(bytes.size());
            c.offset = offset[std::size_t(d)];
            offset[std::size_t(d)] += c.size;
            batch.chunks.push_back(c);
        };
        add(diesel::Direction::Out,
            opMsg(21, 0, Document{{"ping", 1}, {"$db", "admin"}}) +
                opMsg(22, 0, Document{{"count", "c"}, {"$db", "db"}}),
            0us);
        add(diesel::Direction::In, opMsg(90, 22, Document{{"n", 0}, {"ok", 1.0}}), 300us);
        add(diesel::Direction::In, opMsg(91, 21, Document{{"ok", 1.0}}), 800us);
        model.ingest(batch);
        QCOMPARE(model.decoderOf(3), QStringLiteral("mongodb"));
        std::map<QString, std::optional<std::chrono::nanoseconds>> latency;
        for (int r = 0; r < model.rowCount(); ++r)
            latency[model.row(r).message.summary] = model.row(r).latency;
        QCOMPARE(latency[QStringLiteral("ping admin")], std::optional(800us));
        QCOMPARE(latency[QStringLiteral("count db.c")], std::optional(300us));
        QCOMPARE(latency[QStringLiteral("ok, n 0")], std::optional(300us));
    }

    void theViewOffersIt()
    {
        TrafficView view(diesel::Hub::current());
        auto *choice = view.findChild<QComboBox *>(QStringLiteral("decodeAs"));
        QVERIFY(choice);
        QCOMPARE(choice->findData(QStringLiteral("mongodb")), -1);
        view.addDecoder(mongoDecoderFactory());
        QVERIFY(choice->findData(QStringLiteral("mongodb")) > 0);
        QVERIFY(view.decoded().registry().find(QStringLiteral("mongodb")));
    }

    void garbage()
    {
        QString failure;
        decode("GET / HTTP/1.1\r\n\r\n", Side::Client, &failure);
        QCOMPARE(failure, QStringLiteral("not MongoDB: a message of 542393671 bytes"));
        decode(wire(1, 0, 9999, {}), Side::Client, &failure);
        QCOMPARE(failure, QStringLiteral("not MongoDB: unknown opCode 9999"));
        QByteArray bad = bytesOf(Document{{"find", "x"}});
        bad[bad.size() - 1] = 'x'; // no terminator
        decode(wire(1, 0, 2013, le32(0) + '\0' + bad), Side::Client, &failure);
        QCOMPARE(failure, QStringLiteral("not MongoDB: an OP_MSG body that is not BSON"));
        decode(wire(1, 0, 2013, le32(0) + '\5' + bad), Side::Client, &failure);
        QCOMPARE(failure, QStringLiteral("not MongoDB: an OP_MSG section of kind 5"));
        // A message longer than what is read whole: named by its header, its bytes skipped.
        const QByteArray big =
            opMsg(5, 0, Document{{"insert", "c"}, {"blob", std::string(3 << 20, 'b')}});
        const auto r = decode(big + opMsg(6, 0, Document{{"ping", 1}}), Side::Client, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(summaries(r),
                 (QStringList{QStringLiteral("OP_MSG (3.1 MB)"), QStringLiteral("ping")}));
    }
};

QTEST_MAIN(TestMongoDecoder)
#include "tst_widgets_mongodecoder.moc"
