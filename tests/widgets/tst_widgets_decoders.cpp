// SPDX-License-Identifier: MIT
// The traffic decoders on captured bytes: RESP, HTTP, WebSocket and Riak messages whole, split at
// every byte offset, byte by byte and pipelined several per chunk; garbage and oversized input
// stop decoding with a reason; large bodies are skipped, not buffered.
#include "dieseltest.h"

#include <diesel/widgets/decoderregistry.h>

#include <QRandomGenerator>
#include <QTest>

using namespace diesel::widgets;

namespace {

const DecoderRegistry &registry()
{
    static const DecoderRegistry r = DecoderRegistry::builtins();
    return r;
}

struct Result
{
    std::vector<DecodedMessage> messages;
    QString failure;
    QStringList summaries() const
    {
        QStringList out;
        for (const DecodedMessage &m : messages)
            out << m.summary;
        return out;
    }
};

// Feeds `bytes` of `side` to a new decoder in pieces of `piece` bytes (0: at once).
Result decode(const QString &id, Side side, const QByteArray &bytes, qsizetype piece = 0)
{
    std::unique_ptr<TrafficDecoder> d = registry().create(id);
    Result r;
    if (piece <= 0)
        piece = std::max<qsizetype>(bytes.size(), 1);
    for (qsizetype at = 0; at < bytes.size(); at += piece)
        d->feed(side, QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)),
                r.messages);
    r.failure = d->failure();
    return r;
}

// The same messages, with the same byte ranges, however the bytes are cut: at every offset into
// two chunks, and byte by byte.
void expectSameWhenSplit(const QString &id, Side side, const QByteArray &bytes)
{
    const Result whole = decode(id, side, bytes);
    QVERIFY2(whole.failure.isEmpty(), qPrintable(whole.failure));
    auto same = [&](const Result &r, const QString &how) {
        QVERIFY2(r.failure.isEmpty(), qPrintable(how + QStringLiteral(": ") + r.failure));
        QCOMPARE(r.summaries(), whole.summaries());
        for (std::size_t i = 0; i < r.messages.size(); ++i) {
            QCOMPARE(r.messages[i].begin, whole.messages[i].begin);
            QCOMPARE(r.messages[i].end, whole.messages[i].end);
        }
    };
    for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
        std::unique_ptr<TrafficDecoder> d = registry().create(id);
        Result r;
        d->feed(side, QByteArrayView(bytes).first(cut), r.messages);
        d->feed(side, QByteArrayView(bytes).sliced(cut), r.messages);
        r.failure = d->failure();
        same(r, QStringLiteral("cut at %1").arg(cut));
    }
    same(decode(id, side, bytes, 1), QStringLiteral("byte by byte"));
}

QByteArray riakFrame(int code, const QByteArray &payload)
{
    const auto n = std::uint32_t(payload.size() + 1);
    QByteArray f;
    f += char(n >> 24);
    f += char(n >> 16);
    f += char(n >> 8);
    f += char(n);
    f += char(code);
    return f + payload;
}

// A protobuf length-delimited field.
QByteArray pbBytes(int field, const QByteArray &value)
{
    return QByteArray(1, char(field << 3 | 2)) + char(value.size()) + value;
}

QByteArray pbBool(int field, bool value)
{
    return QByteArray(1, char(field << 3)) + char(value ? 1 : 0);
}

QByteArray wsFrame(int opcode, const QByteArray &payload, bool fin = true,
                   const QByteArray &mask = {})
{
    QByteArray f;
    f += char((fin ? 0x80 : 0) | opcode);
    const char maskBit = mask.isEmpty() ? 0 : char(0x80);
    if (payload.size() < 126) {
        f += char(maskBit | char(payload.size()));
    } else {
        f += char(maskBit | 126);
        f += char(payload.size() >> 8);
        f += char(payload.size() & 0xff);
    }
    if (mask.isEmpty())
        return f + payload;
    f += mask;
    QByteArray masked = payload;
    for (qsizetype i = 0; i < masked.size(); ++i)
        masked[i] = char(masked[i] ^ mask[i % 4]);
    return f + masked;
}

} // namespace

class TestDecoders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void respCommands()
    {
        const QByteArray set("*3\r\n$3\r\nset\r\n$3\r\nkey\r\n$11\r\nhello world\r\n");
        const QByteArray ping("*1\r\n$4\r\nPING\r\n");
        const QByteArray inl("PING\r\n");
        const Result r = decode(QStringLiteral("resp"), Side::Client, set + ping + inl);
        QCOMPARE(r.summaries(), (QStringList{QStringLiteral("SET key \"hello world\""),
                                             QStringLiteral("PING"), QStringLiteral("PING")}));
        QCOMPARE(r.messages[0].role, MessageRole::Request);
        QCOMPARE(r.messages[1].begin, std::uint64_t(set.size()));
        QCOMPARE(r.messages[2].end, std::uint64_t(set.size() + ping.size() + inl.size()));
        expectSameWhenSplit(QStringLiteral("resp"), Side::Client, set + ping + inl);
    }

    void respReplies()
    {
        const QByteArray replies("+OK\r\n:42\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n-ERR wrong type\r\n"
                                 "*0\r\n$5\r\nhello\r\n");
        const Result r = decode(QStringLiteral("resp"), Side::Server, replies);
        QCOMPARE(r.summaries(),
                 (QStringList{QStringLiteral("OK"), QStringLiteral("(integer) 42"),
                              QStringLiteral("(nil)"), QStringLiteral("[2] \"a\", (integer) 1"),
                              QStringLiteral("(error) ERR wrong type"), QStringLiteral("[0] "),
                              QStringLiteral("\"hello\"")}));
        QCOMPARE(r.messages[3].detail, QStringLiteral("1) \"a\"\n2) (integer) 1"));
        QVERIFY(r.messages[4].error);
        QCOMPARE(r.messages[0].role, MessageRole::Response);
        expectSameWhenSplit(QStringLiteral("resp"), Side::Server, replies);
    }

    void resp3Types()
    {
        const QByteArray replies(
            "%2\r\n+a\r\n:1\r\n+b\r\n*1\r\n#t\r\n_\r\n,3.5\r\n(12345678901234567890\r\n"
            "=8\r\ntxt:abcd\r\n!3\r\nbad\r\n|1\r\n+ttl\r\n:5\r\n+OK\r\n"
            ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n~1\r\n:7\r\n");
        const Result r = decode(QStringLiteral("resp"), Side::Server, replies);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        QCOMPARE(
            r.summaries(),
            (QStringList{QStringLiteral("[map 2] a, (integer) 1, b, [1]"), QStringLiteral("(nil)"),
                         QStringLiteral("(double) 3.5"),
                         QStringLiteral("(big number) 12345678901234567890"),
                         QStringLiteral("\"txt:abcd\""), QStringLiteral("(error) bad"),
                         QStringLiteral("OK"), QStringLiteral("[3] \"message\", \"ch\", \"hi\""),
                         QStringLiteral("[1] (integer) 7")}));
        QCOMPARE(r.messages[0].detail, QStringLiteral("1# a => (integer) 1\n"
                                                      "2# b => 1) (true)"));
        QCOMPARE(r.messages[7].role, MessageRole::Other); // a push is not a reply
        expectSameWhenSplit(QStringLiteral("resp"), Side::Server, replies);
    }

    void respGarbageAndLimits()
    {
        Result r = decode(QStringLiteral("resp"), Side::Server, "hello there\r\n");
        QCOMPARE(r.failure, QStringLiteral("not RESP: 'h' is not a RESP type"));
        r = decode(QStringLiteral("resp"), Side::Client, QByteArray("\x16\x03\x01\x02\x00", 5));
        QVERIFY2(r.failure.startsWith(QLatin1String("not RESP: ")), qPrintable(r.failure));
        r = decode(QStringLiteral("resp"), Side::Server,
                   QByteArray("*1\r\n").repeated(40) + ":1\r\n");
        QCOMPARE(r.failure, QStringLiteral("not RESP: values nested deeper than 32"));
        r = decode(QStringLiteral("resp"), Side::Server, "*99999999999\r\n");
        QCOMPARE(r.failure, QStringLiteral("not RESP: bad aggregate length"));
        r = decode(QStringLiteral("resp"), Side::Server, "$3\r\nabcXY");
        QCOMPARE(r.failure, QStringLiteral("not RESP: a bulk string not ended by CRLF"));
        // A command that never ends stops at the decoder's limit.
        r = decode(QStringLiteral("resp"), Side::Client,
                   "*2\r\n$3\r\nSET\r\n$4000000\r\n" + QByteArray(2 << 20, 'x'), 64 * 1024);
        QVERIFY2(r.failure.contains(QLatin1String("has not ended")), qPrintable(r.failure));
        QVERIFY(r.messages.empty());
        // A long bulk reply is skipped as it arrives: no limit applies, the next reply follows.
        const QByteArray big(3 << 20, 'v');
        r = decode(QStringLiteral("resp"), Side::Server,
                   "$" + QByteArray::number(big.size()) + "\r\n" + big + "\r\n+OK\r\n", 16 * 1024);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        QCOMPARE(r.summaries().size(), 2);
        QVERIFY2(r.summaries()[0].startsWith(QLatin1String("\"vvvv")) &&
                     r.summaries()[0].endsWith(QLatin1String("(3.1 MB)")),
                 qPrintable(r.summaries()[0]));
        QCOMPARE(r.summaries()[1], QStringLiteral("OK"));
    }

    void httpRequestsAndResponses()
    {
        const QByteArray requests("GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
                                  "POST /b HTTP/1.1\r\nContent-Type: text/plain\r\n"
                                  "Content-Length: 5\r\n\r\nhello"
                                  "HEAD /c HTTP/1.1\r\n\r\n");
        Result r = decode(QStringLiteral("http"), Side::Client, requests);
        QCOMPARE(r.summaries(), (QStringList{QStringLiteral("GET /a?x=1"),
                                             QStringLiteral("POST /b (text/plain, 5 B)"),
                                             QStringLiteral("HEAD /c")}));
        QVERIFY(r.messages[1].detail.endsWith(QLatin1String("\n\nhello")));
        expectSameWhenSplit(QStringLiteral("http"), Side::Client, requests);

        // The decoder reads both sides: the HEAD's response has a length but no body.
        const QByteArray responses("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
                                   "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
                                   "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
                                   "HTTP/1.1 204 No Content\r\n\r\n");
        std::unique_ptr<TrafficDecoder> d = registry().create(QStringLiteral("http"));
        std::vector<DecodedMessage> out;
        d->feed(Side::Client, requests, out);
        out.clear();
        d->feed(Side::Server, responses, out);
        QVERIFY2(d->failure().isEmpty(), qPrintable(d->failure()));
        QStringList summaries;
        for (const DecodedMessage &m : out)
            summaries << m.summary;
        QCOMPARE(
            summaries,
            (QStringList{QStringLiteral("200 OK (2 B)"), QStringLiteral("404 Not Found (11 B)"),
                         QStringLiteral("200 OK"), QStringLiteral("204 No Content")}));
        QVERIFY(out[1].error);
        QCOMPARE(out.back().end, std::uint64_t(responses.size()));
    }

    void httpLargeBodyIsSkipped()
    {
        const QByteArray body(5 << 20, 'b');
        const QByteArray bytes =
            "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
            body + "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end";
        const Result r = decode(QStringLiteral("http"), Side::Server, bytes, 64 * 1024);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        QCOMPARE(r.summaries(), (QStringList{QStringLiteral("200 OK (5.2 MB)"),
                                             QStringLiteral("200 OK (body until close)")}));
    }

    void httpGarbageAndLimits()
    {
        Result r = decode(QStringLiteral("http"), Side::Client, QByteArray("\x16\x03\x01\x02", 4));
        QCOMPARE(r.failure, QStringLiteral("not HTTP: not a request line"));
        r = decode(QStringLiteral("http"), Side::Server, "+OK\r\n");
        QCOMPARE(r.failure, QStringLiteral("not HTTP: not a status line"));
        r = decode(QStringLiteral("http"), Side::Server, "HTTP/1.1 2x0 OK\r\n\r\n");
        QCOMPARE(r.failure, QStringLiteral("not HTTP: a status without three digits"));
        r = decode(QStringLiteral("http"), Side::Client,
                   "GET / HTTP/1.1\r\nX: " + QByteArray(70000, 'a'), 4096);
        QCOMPARE(r.failure, QStringLiteral("not HTTP: headers longer than 64 KiB"));
        r = decode(QStringLiteral("http"), Side::Client,
                   "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
        QCOMPARE(r.failure, QStringLiteral("not HTTP: a bad Content-Length"));
        r = decode(QStringLiteral("http"), Side::Client,
                   "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        QCOMPARE(r.failure, QStringLiteral("not HTTP: a bad chunk size"));
    }

    void websocketFrames()
    {
        const QByteArray server = wsFrame(0x1, "hello") + wsFrame(0x2, QByteArray(300, '\x01')) +
                                  wsFrame(0x9, {}) + wsFrame(0x1, "frag", false) +
                                  wsFrame(0x0, "ment") +
                                  wsFrame(0x8, QByteArray("\x03\xe8", 2) + "bye");
        const Result r = decode(QStringLiteral("websocket"), Side::Server, server);
        QCOMPARE(r.summaries(),
                 (QStringList{QStringLiteral("text \"hello\" (5 B)"),
                              QStringLiteral("binary 01 01 01 01 01 01 01 01 01 01 01 01 01 01 "
                                             "01 01 \u2026 (300 B)"),
                              QStringLiteral("ping"),
                              QStringLiteral("text \"frag\" (4 B), more fragments follow"),
                              QStringLiteral("continuation \"ment\" (4 B)"),
                              QStringLiteral("close 1000 (normal closure) \"bye\"")}));
        expectSameWhenSplit(QStringLiteral("websocket"), Side::Server, server);

        const QByteArray client = wsFrame(0x1, "masked text", true, "\x11\x22\x33\x44") +
                                  wsFrame(0x8, "\x03\xea", true, "\x01\x02\x03\x04");
        const Result c = decode(QStringLiteral("websocket"), Side::Client, client);
        QCOMPARE(c.summaries(), (QStringList{QStringLiteral("text \"masked text\" (11 B)"),
                                             QStringLiteral("close 1002 (protocol error)")}));
        QVERIFY(c.messages[0].detail.contains(QLatin1String("masked")));
        QVERIFY(c.messages[1].error);
        expectSameWhenSplit(QStringLiteral("websocket"), Side::Client, client);
    }

    void websocketGarbage()
    {
        Result r = decode(QStringLiteral("websocket"), Side::Server, QByteArray("\x83\x00", 2));
        QCOMPARE(r.failure, QStringLiteral("not WebSocket: opcode 3 is reserved"));
        r = decode(QStringLiteral("websocket"), Side::Server, QByteArray("\x89\x7e\x01\x00", 4));
        QCOMPARE(r.failure, QStringLiteral("not WebSocket: a fragmented or long control frame"));
        r = decode(QStringLiteral("websocket"), Side::Server,
                   QByteArray("\x82\x7f\xff\xff\xff\xff\xff\xff\xff\xff", 10));
        QCOMPARE(r.failure,
                 QStringLiteral("not WebSocket: a payload length with its top bits set"));
    }

    void riakMessages()
    {
        const QByteArray client = riakFrame(1, {}) +
                                  riakFrame(9, pbBytes(1, "users") + pbBytes(2, "alice")) +
                                  riakFrame(17, pbBytes(1, "users"));
        Result r = decode(QStringLiteral("riak"), Side::Client, client);
        QCOMPARE(r.summaries(),
                 (QStringList{QStringLiteral("RpbPingReq"), QStringLiteral("RpbGetReq users/alice"),
                              QStringLiteral("RpbListKeysReq users")}));
        QCOMPARE(r.messages[1].role, MessageRole::Request);
        expectSameWhenSplit(QStringLiteral("riak"), Side::Client, client);

        const QByteArray server =
            riakFrame(2, {}) + riakFrame(10, pbBytes(1, pbBytes(1, "v1")) + pbBytes(2, "vc")) +
            riakFrame(18, pbBytes(1, "a") + pbBytes(1, "b")) + riakFrame(18, pbBool(2, true)) +
            riakFrame(0, pbBytes(1, "no such bucket") + pbBool(2, true));
        r = decode(QStringLiteral("riak"), Side::Server, server);
        QCOMPARE(r.summaries(), (QStringList{QStringLiteral("RpbPingResp"),
                                             QStringLiteral("RpbGetResp 1 value(s)"),
                                             QStringLiteral("RpbListKeysResp 2 keys"),
                                             QStringLiteral("RpbListKeysResp 0 keys, done"),
                                             QStringLiteral("RpbErrorResp no such bucket")}));
        QVERIFY(r.messages[2].partial);
        QVERIFY(!r.messages[3].partial);
        QVERIFY(r.messages[4].error);
        expectSameWhenSplit(QStringLiteral("riak"), Side::Server, server);
    }

    void riakGarbageAndLimits()
    {
        Result r = decode(QStringLiteral("riak"), Side::Client, "GET / HTTP/1.1\r\n\r\n");
        QCOMPARE(r.failure, QStringLiteral("not Riak PBC: a frame of 1195725856 bytes"));
        r = decode(QStringLiteral("riak"), Side::Client, QByteArray("\0\0\0\x01\x63", 5));
        QCOMPARE(r.failure, QStringLiteral("not Riak PBC: unknown message code 99"));
        // A large value is skipped as it arrives; a truncated protobuf still names what it can.
        const QByteArray value(4 << 20, 'z');
        r = decode(QStringLiteral("riak"), Side::Client,
                   riakFrame(11, pbBytes(1, "b") + pbBytes(2, "k") +
                                     QByteArray("\x1a\x80\x80\x80\x02", 5) + value) +
                       riakFrame(1, {}),
                   32 * 1024);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        QCOMPARE(r.summaries(),
                 (QStringList{QStringLiteral("RpbPutReq b/k"), QStringLiteral("RpbPingReq")}));
    }

    // Mutated samples and random bytes, in random pieces on both sides: every decoder either
    // decodes or stops with a reason, and the messages it reports cover the bytes in order.
    void hostileBytesNeverBreakTheInvariants()
    {
        const QList<QByteArray> samples{
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n",
            "%1\r\n+a\r\n*2\r\n:1\r\n$-1\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            wsFrame(0x1, "hello", true, "\x01\x02\x03\x04") + wsFrame(0x8, "\x03\xe8"),
            riakFrame(9, pbBytes(1, "b") + pbBytes(2, "k")) + riakFrame(18, pbBool(2, true)),
        };
        QRandomGenerator random(1234);
        for (const DecoderFactory &factory : registry().factories()) {
            for (int round = 0; round < 400; ++round) {
                std::unique_ptr<TrafficDecoder> d = factory.create();
                std::array<std::uint64_t, 2> fed{};
                std::array<std::uint64_t, 2> covered{};
                for (int piece = 0; piece < 8 && d->failure().isEmpty(); ++piece) {
                    QByteArray bytes = samples[random.bounded(int(samples.size()))];
                    const int edits = random.bounded(4);
                    for (int e = 0; e < edits && !bytes.isEmpty(); ++e)
                        bytes[random.bounded(int(bytes.size()))] = char(random.bounded(256));
                    if (random.bounded(4) == 0)
                        bytes.truncate(random.bounded(int(bytes.size()) + 1));
                    if (random.bounded(8) == 0)
                        for (int i = 0; i < 64; ++i)
                            bytes += char(random.bounded(256));
                    const Side side = random.bounded(2) ? Side::Client : Side::Server;
                    std::vector<DecodedMessage> out;
                    d->feed(side, bytes, out);
                    fed[std::size_t(side)] += std::uint64_t(bytes.size());
                    for (const DecodedMessage &m : out) {
                        const auto s = std::size_t(m.side);
                        QVERIFY(m.begin >= covered[s]);
                        QVERIFY(m.end >= m.begin);
                        QVERIFY(m.end <= fed[s]);
                        covered[s] = m.end;
                    }
                }
            }
        }
    }

    void registryChooses()
    {
        const DecoderRegistry &reg = registry();
        auto chosen = [&](std::uint16_t port, Side side, QByteArrayView first) {
            const DecoderFactory *f = reg.choose(port, side, first);
            return f ? f->id : QString();
        };
        QCOMPARE(chosen(9999, Side::Client, "*1\r\n$4\r\nPING\r\n"), QStringLiteral("resp"));
        QCOMPARE(chosen(6379, Side::Client, "GET / HTTP/1.1\r\n"), QStringLiteral("http"));
        QCOMPARE(chosen(9999, Side::Server, "HTTP/1.1 200 OK\r\n"), QStringLiteral("http"));
        QCOMPARE(chosen(6379, Side::Client, "PING\r\n"), QStringLiteral("resp"));
        QCOMPARE(chosen(8087, Side::Client, QByteArray("\0\0\0\x01\x01", 5)),
                 QStringLiteral("riak"));
        QCOMPARE(chosen(9999, Side::Client, "hello\r\n"), QString());
        QVERIFY(reg.create(QStringLiteral("nope")) == nullptr);
        QCOMPARE(reg.factories().size(), std::size_t(4));
    }
};

QTEST_MAIN(TestDecoders)
#include "tst_widgets_decoders.moc"
