// SPDX-License-Identifier: MIT
// The decoded traffic model: the decoder chosen per connection (Auto by port and first bytes,
// Raw, or by id), requests paired with responses in order and by id with the latency between
// their chunks' timestamps, streamed responses, an HTTP Upgrade handing over to WebSocket, gaps
// in the capture, and a bounded number of rows.
#include "dieseltest.h"

#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/trafficmodel.h>

#include <QTest>

using namespace diesel::widgets;
using namespace std::chrono_literals;

namespace {

// Builds the batches of one connection: a client (outgoing) to `serverPort`, chunk by chunk,
// with timestamps set by the test.
class Capture
{
public:
    explicit Capture(std::uint16_t serverPort, diesel::ConnectionId id = 1)
    {
        m_record.info.id = id;
        m_record.info.outgoing = true;
        m_record.info.owner = "client";
        m_record.info.local = diesel::Address::parse("127.0.0.1", 50000);
        m_record.info.peer = diesel::Address::parse("127.0.0.1", serverPort);
    }
    // A chunk the client sent (Side::Client) or received, `after` the start.
    Capture &chunk(Side side, const QByteArray &bytes, std::chrono::microseconds after,
                   std::uint32_t size = 0)
    {
        const auto s = std::size_t(side);
        TrafficChunk c;
        c.seq = ++m_seq;
        c.at = m_start + after;
        c.connection = m_record.info.id;
        c.direction = side == Side::Client ? diesel::Direction::Out : diesel::Direction::In;
        c.bytes = bytes;
        c.size = size ? size : std::uint32_t(bytes.size());
        c.offset = m_offset[s];
        m_offset[s] += c.size;
        m_batch.chunks.push_back(c);
        return *this;
    }
    // Leaves `n` bytes of `side` out of the capture.
    Capture &lose(Side side, std::uint64_t n)
    {
        m_offset[std::size_t(side)] += n;
        return *this;
    }
    TrafficBatch take()
    {
        TrafficBatch b = std::move(m_batch);
        b.connections.push_back(m_record);
        m_batch = {};
        return b;
    }

private:
    ConnectionRecord m_record;
    diesel::Clock::time_point m_start = diesel::Clock::now();
    std::array<std::uint64_t, 2> m_offset{};
    std::uint64_t m_seq = 0;
    TrafficBatch m_batch;
};

QStringList summaries(const DecodedTrafficModel &model, bool notes = false)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        if (notes || !model.row(r).note)
            out << model.row(r).message.summary;
    return out;
}

// The row whose summary is `summary`.
const DecodedRow *rowOf(const DecodedTrafficModel &model, const QString &summary)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.row(r).message.summary == summary)
            return &model.row(r);
    return nullptr;
}

} // namespace

class TestDecodedTraffic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pipelinedRedisPairsInOrder()
    {
        DecodedTrafficModel model;
        Capture cap(6379);
        cap.chunk(Side::Client, "*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n", 0us)
            .chunk(Side::Server, "$2\r\nva\r\n$", 5000us)
            .chunk(Side::Server, "2\r\nvb\r\n", 9000us);
        model.ingest(cap.take());
        QCOMPARE(model.decoderOf(1), QStringLiteral("resp"));
        QCOMPARE(summaries(model, true),
                 (QStringList{QStringLiteral("decoding as RESP (Redis) (Auto: by its first bytes)"),
                              QStringLiteral("GET a"), QStringLiteral("GET b"),
                              QStringLiteral("\"va\""), QStringLiteral("\"vb\"")}));
        QCOMPARE(rowOf(model, QStringLiteral("\"va\""))->latency, std::optional(5000us));
        QCOMPARE(rowOf(model, QStringLiteral("\"vb\""))->latency, std::optional(9000us));
        QCOMPARE(rowOf(model, QStringLiteral("GET a"))->latency, std::optional(5000us));
        QCOMPARE(rowOf(model, QStringLiteral("GET b"))->latency, std::optional(9000us));
        // The byte ranges are the stream's: the second GET starts where the first ended.
        QCOMPARE(rowOf(model, QStringLiteral("GET b"))->streamBegin, std::uint64_t(20));
        QCOMPARE(rowOf(model, QStringLiteral("\"vb\""))->streamEnd, std::uint64_t(16));
        QCOMPARE(model.data(model.index(3, DecodedTrafficModel::ColLatency)).toString(),
                 QStringLiteral("5.0 ms"));
    }

    void latencyFilledInAcrossBatches()
    {
        DecodedTrafficModel model;
        Capture cap(6379);
        cap.chunk(Side::Client, "*1\r\n$4\r\nPING\r\n", 0us);
        model.ingest(cap.take());
        QVERIFY(!rowOf(model, QStringLiteral("PING"))->latency);
        int changed = 0;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&] { ++changed; });
        cap.chunk(Side::Server, "+PONG\r\n", 1500us);
        model.ingest(cap.take());
        QCOMPARE(rowOf(model, QStringLiteral("PING"))->latency, std::optional(1500us));
        QCOMPARE(changed, 1);
    }

    void streamedRiakResponsePairsWithItsLastPart()
    {
        DecodedTrafficModel model;
        Capture cap(8087);
        const QByteArray listKeys("\0\0\0\x08\x11\x0a\x05users", 13);
        const QByteArray part("\0\0\0\x04\x12\x0a\x01k", 8);
        const QByteArray done("\0\0\0\x03\x12\x10\x01", 7);
        cap.chunk(Side::Client, listKeys, 0us)
            .chunk(Side::Server, part, 1000us)
            .chunk(Side::Server, part, 2000us)
            .chunk(Side::Server, done, 3000us);
        model.ingest(cap.take());
        QCOMPARE(summaries(model), (QStringList{QStringLiteral("RpbListKeysReq users"),
                                                QStringLiteral("RpbListKeysResp 1 keys"),
                                                QStringLiteral("RpbListKeysResp 1 keys"),
                                                QStringLiteral("RpbListKeysResp 0 keys, done")}));
        QCOMPARE(rowOf(model, QStringLiteral("RpbListKeysReq users"))->latency,
                 std::optional(3000us));
    }

    void autoWaitsForEnoughFirstBytes()
    {
        // A client that writes a frame's length on its own: Auto decides on the whole header.
        DecodedTrafficModel model;
        Capture cap(40000);
        const QByteArray get("\0\0\0\x07\x09\x0a\x01"
                             "b\x12\x01k",
                             11);
        cap.chunk(Side::Client, get.first(4), 0us)
            .chunk(Side::Client, get.sliced(4), 10us)
            .chunk(Side::Server, QByteArray("\0\0\0\x01\x0a", 5), 30us);
        model.ingest(cap.take());
        QCOMPARE(
            summaries(model, true),
            (QStringList{QStringLiteral("decoding as Riak PBC (Auto: by its first bytes)"),
                         QStringLiteral("RpbGetReq b/k"), QStringLiteral("RpbGetResp not found")}));
        QCOMPARE(rowOf(model, QStringLiteral("RpbGetReq b/k"))->latency, std::optional(20us));
    }

    void httpUpgradeHandsOverToWebSocket()
    {
        DecodedTrafficModel model;
        Capture cap(9000);
        cap.chunk(Side::Client,
                  "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
                  0us)
            .chunk(Side::Server,
                   "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\n\r\n\x81\x02hi",
                   700us)
            .chunk(Side::Client, QByteArray("\x81\x82\x00\x00\x00\x00yo", 8), 900us);
        model.ingest(cap.take());
        QCOMPARE(summaries(model, true),
                 (QStringList{
                     QStringLiteral("decoding as HTTP/1.1 (Auto: by its first bytes)"),
                     QStringLiteral("GET /chat"), QStringLiteral("101 Switching Protocols"),
                     QStringLiteral("decoding as WebSocket frames"),
                     QStringLiteral("text \"hi\" (2 B)"), QStringLiteral("text \"yo\" (2 B)")}));
        QCOMPARE(model.decoderOf(1), QStringLiteral("websocket"));
        QCOMPARE(rowOf(model, QStringLiteral("GET /chat"))->latency, std::optional(700us));
        // The frame's bytes follow the 101 response in the server's stream.
        const DecodedRow *hi = rowOf(model, QStringLiteral("text \"hi\" (2 B)"));
        QCOMPARE(hi->streamEnd - hi->streamBegin, std::uint64_t(4));
        QCOMPARE(hi->streamBegin,
                 rowOf(model, QStringLiteral("101 Switching Protocols"))->streamEnd);
    }

    void choicesRawAndById()
    {
        TrafficModel transcript;
        DecodedTrafficModel model;
        Capture cap(12345);
        cap.chunk(Side::Client, "PING\r\n", 0us).chunk(Side::Server, "+PONG\r\n", 100us);
        const TrafficBatch batch = cap.take();
        transcript.ingest(batch);
        model.ingest(batch);
        // Nothing says RESP on an unknown port with an inline command: raw.
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.choiceOf(1), DecodedTrafficModel::autoChoice());
        model.setChoice(1, QStringLiteral("resp"));
        model.redecode(transcript);
        QCOMPARE(summaries(model), (QStringList{QStringLiteral("PING"), QStringLiteral("PONG")}));
        QCOMPARE(model.row(0).message.summary, QStringLiteral("decoding as RESP (Redis)"));
        model.setChoice(1, DecodedTrafficModel::rawChoice());
        model.redecode(transcript);
        QCOMPARE(model.rowCount(), 0);
        model.setChoice(1, QString());
        model.setDefaultChoice(QStringLiteral("http"));
        model.redecode(transcript);
        QCOMPARE(summaries(model, true).last(),
                 QStringLiteral("not HTTP: a start line without spaces"));
        QCOMPARE(model.failureOf(1), QStringLiteral("not HTTP: a start line without spaces"));
        QCOMPARE(model.decoderOf(1), QString());
    }

    void gapsStopDecodingUnlessInsideABody()
    {
        DecodedTrafficModel model;
        Capture cap(6379);
        cap.chunk(Side::Client, "*1\r\n$4\r\nPING\r\n", 0us)
            .lose(Side::Client, 10)
            .chunk(Side::Client, "*1\r\n$4\r\nPING\r\n", 10us);
        model.ingest(cap.take());
        QCOMPARE(summaries(model, true).last(),
                 QStringLiteral("bytes were not captured; decoding stopped"));

        // A long write captured in part: the missing bytes are inside the body, skipped anyway.
        DecodedTrafficModel http;
        Capture big(80, 2);
        const QByteArray head("HTTP/1.1 200 OK\r\nContent-Length: 40000\r\n\r\n");
        big.chunk(Side::Client, "GET /big HTTP/1.1\r\n\r\n", 0us)
            .chunk(Side::Server, head + QByteArray(16 * 1024 - head.size(), 'x'), 50us,
                   std::uint32_t(head.size() + 40000))
            .chunk(Side::Client, "GET /next HTTP/1.1\r\n\r\n", 60us)
            .chunk(Side::Server, "HTTP/1.1 204 No Content\r\n\r\n", 80us);
        http.ingest(big.take());
        QCOMPARE(summaries(http),
                 (QStringList{QStringLiteral("GET /big"), QStringLiteral("200 OK (40 KB)"),
                              QStringLiteral("GET /next"), QStringLiteral("204 No Content")}));
        QCOMPARE(rowOf(http, QStringLiteral("GET /next"))->latency, std::optional(20us));
    }

    void rowsAreBounded()
    {
        DecodedTrafficModel model;
        model.setMaxRows(10);
        Capture cap(6379);
        for (int i = 0; i < 20; ++i)
            cap.chunk(Side::Client, "*1\r\n$4\r\nPING\r\n", std::chrono::microseconds(i * 10));
        model.ingest(cap.take());
        // The answers arrive after their requests' rows were dropped: no latency, no crash.
        for (int i = 0; i < 20; ++i)
            cap.chunk(Side::Server, "+PONG\r\n", std::chrono::microseconds(1000 + i));
        model.ingest(cap.take());
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(summaries(model), QStringList(10, QStringLiteral("PONG")));
    }
};

QTEST_MAIN(TestDecodedTraffic)
#include "tst_widgets_decodedtraffic.moc"
