// SPDX-License-Identifier: MIT
// The stream and hex views: a followed stream shows exactly the bytes that crossed a real socket,
// coloured by side; the hex dump's format; find by text and by hex; copy as text, hex dump and C
// arrays; gaps summed up in one line under a flood; Follow held while a row is selected.
#include "dieseltest.h"

#include <diesel/diesel.h>
#include <diesel/widgets/bytedump.h>
#include <diesel/widgets/streamview.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficview.h>

#include <QApplication>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace diesel::widgets;

namespace {

// A chunk of connection 1 (an accepted one: In is the client's side).
TrafficChunk chunk(std::uint64_t seq, diesel::Direction direction, const QByteArray &bytes,
                   std::uint64_t offset)
{
    TrafficChunk c;
    c.seq = seq;
    c.at = diesel::Clock::now();
    c.connection = 1;
    c.loop = 2;
    c.direction = direction;
    c.bytes = bytes;
    c.size = std::uint32_t(bytes.size());
    c.offset = offset;
    return c;
}

TrafficBatch withRecord()
{
    TrafficBatch batch;
    ConnectionRecord r;
    r.info.id = 1;
    r.info.owner = "svc";
    r.info.local = diesel::Address::parse("127.0.0.1", 4000);
    r.info.peer = diesel::Address::parse("127.0.0.1", 50000);
    batch.connections.push_back(r);
    return batch;
}

QTableView *transcriptOf(TrafficView &view)
{
    return view.findChild<QTableView *>(QStringLiteral("transcript"));
}

} // namespace

class TestStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void streamShowsTheBytesOfARealSocket()
    {
        TrafficView view(diesel::Hub::current());
        const std::uint16_t port = dtest::free_port();
        diesel::Service echo(
            [](const diesel::Address &) {
                for (;;)
                    diesel::send(diesel::receive());
            },
            port, "127.0.0.1", diesel::ServiceOptions{"echo", 0, {}, 1024, 0, {}, 0, {}});
        echo.start();
        const QList<QByteArray> lines{"GET /a HTTP/1.1\r\n", "x-y: z\r\n", "bye\r\n"};
        QByteArray conversation;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Client c("127.0.0.1", port);
            c.call([&] {
                for (const QByteArray &line : lines) {
                    diesel::send(line.toStdString());
                    diesel::receive(std::size_t(line.size()));
                    conversation += line + line; // the request, then its echo
                }
            });
        }));
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return echo.connections() == 0;
        }));
        echo.stop();

        diesel::ConnectionId id = 0;
        for (int row = 0; row < view.model().rowCount() && !id; ++row)
            if (const TrafficChunk *c = view.model().chunkAt(row);
                c && view.model().ownerOf(c->connection) == QLatin1String("echo"))
                id = c->connection;
        QVERIFY(id != 0);
        StreamView *stream = view.followStream(id);
        QCOMPARE(stream->bytes(), conversation);
        QCOMPARE(stream->text(), QString::fromLatin1(conversation).remove(QLatin1Char('\r')));
        QVERIFY2(
            stream->summary().contains(QLatin1String("client 127.0.0.1:")) &&
                stream->summary().contains(QStringLiteral("server 127.0.0.1:%1").arg(int(port))),
            qPrintable(stream->summary()));
        // The client's bytes red, the server's blue, as Wireshark shows them.
        auto *edit = stream->findChild<QPlainTextEdit *>();
        QVERIFY(edit);
        QTextCursor cursor(edit->document());
        cursor.setPosition(1);
        QCOMPARE(cursor.charFormat().foreground().color(), QColor(0x7f, 0x00, 0x00));
        cursor.setPosition(int(lines[0].size())); // past "GET /a HTTP/1.1\n": the echo
        cursor.movePosition(QTextCursor::NextCharacter);
        QCOMPARE(cursor.charFormat().foreground().color(), QColor(0x00, 0x00, 0x7f));

        stream->setMode(StreamView::Mode::HexDump);
        QVERIFY(stream->text().startsWith(
            QLatin1String("00000000  47 45 54 20 2f 61 20 48  "
                          "54 54 50 2f 31 2e 31 0d  |GET /a HTTP/1.1.|")));
    }

    void hexDumpFormat()
    {
        QCOMPARE(hexDump(QByteArray("hello\r\nbye\r\n")),
                 QStringLiteral("00000000  68 65 6c 6c 6f 0d 0a 62  79 65 0d 0a              "
                                "|hello..bye..|\n"));
        QByteArray counting;
        for (int i = 0; i < 18; ++i)
            counting += char(i + 0x7c);
        QCOMPARE(hexDump(counting, 0x10),
                 QStringLiteral("00000010  7c 7d 7e 7f 80 81 82 83  84 85 86 87 88 89 8a 8b  "
                                "||}~.............|\n"
                                "00000020  8c 8d                                             "
                                "|..|\n"));
        QCOMPARE(cArray(QByteArray("\x01\xff", 2), QStringLiteral("peer0_0")),
                 QStringLiteral("static const unsigned char peer0_0[] = { /* 2 bytes */\n"
                                "    0x01, 0xff\n};\n"));
        QCOMPARE(parseHex(QStringLiteral("0d 0A,0x41")), QByteArray("\r\nA"));
        QVERIFY(!parseHex(QStringLiteral("0d 0")));
        QVERIFY(!parseHex(QStringLiteral("zz")));
    }

    void findTextAndHex()
    {
        TrafficModel model;
        TrafficBatch batch = withRecord();
        batch.chunks = {chunk(1, diesel::Direction::In, "PING one\r\n", 0),
                        chunk(2, diesel::Direction::Out, "PONG\r\n", 0),
                        chunk(3, diesel::Direction::In, "PING two\r\n", 10)};
        model.ingest(batch);
        StreamView stream(model);
        stream.showConnection(1);
        auto *edit = stream.findChild<QPlainTextEdit *>();

        QVERIFY(stream.find(QStringLiteral("PING")));
        QCOMPARE(stream.match(), (std::pair<qsizetype, qsizetype>(0, 4)));
        QVERIFY(stream.find(QStringLiteral("PING"))); // the next one
        QCOMPARE(stream.match().first, qsizetype(16));
        QCOMPARE(edit->textCursor().selectedText(), QStringLiteral("PING"));
        QVERIFY(stream.find(QStringLiteral("PING"))); // wraps around
        QCOMPARE(stream.match().first, qsizetype(0));
        QVERIFY(!stream.find(QStringLiteral("absent")));

        QVERIFY(stream.find(QStringLiteral("4f 4e 47"), true)); // "ONG"
        QCOMPARE(stream.match(), (std::pair<qsizetype, qsizetype>(11, 14)));
        QCOMPARE(edit->textCursor().selectedText(), QStringLiteral("ONG"));
        stream.setMode(StreamView::Mode::HexDump);
        QCOMPARE(edit->textCursor().selectedText(), QStringLiteral("4f 4e 47"));
        QVERIFY(!stream.find(QStringLiteral("4"), true)); // odd digits: not hex
    }

    void copyFormats()
    {
        TrafficModel model;
        TrafficBatch batch = withRecord();
        batch.chunks = {chunk(1, diesel::Direction::In, "hi\r\n", 0),
                        chunk(2, diesel::Direction::Out, QByteArray("\x00\x01", 2), 0)};
        model.ingest(batch);
        StreamView stream(model);
        stream.showConnection(1);
        QClipboard *clipboard = QApplication::clipboard();
        stream.copyAs(StreamView::CopyFormat::Text);
        QCOMPARE(clipboard->text(), QString::fromUtf8(QByteArray("hi\r\n\x00\x01", 6)));
        stream.copyAs(StreamView::CopyFormat::Hex);
        QCOMPARE(clipboard->text(),
                 QStringLiteral("00000000  68 69 0d 0a                                       "
                                "|hi..|\n"
                                "00000000  00 01                                             "
                                "|..|\n"));
        stream.copyAs(StreamView::CopyFormat::CArray);
        QCOMPARE(clipboard->text(),
                 QStringLiteral("static const unsigned char peer0_0[] = { /* 4 bytes */\n"
                                "    0x68, 0x69, 0x0d, 0x0a\n};\n"
                                "static const unsigned char peer1_0[] = { /* 2 bytes */\n"
                                "    0x00, 0x01\n};\n"));
    }

    void gapsAreSummedUpInOneLine()
    {
        TrafficModel model;
        std::uint64_t seq = 0;
        std::uint64_t offset = 0;
        for (int b = 0; b < 50; ++b) {
            TrafficBatch batch = withRecord();
            batch.lost = 100;
            offset += 100 * 4; // the chunks not captured, 4 bytes each
            for (int i = 0; i < 10; ++i, offset += 4)
                batch.chunks.push_back(chunk(++seq, diesel::Direction::In, "abcd", offset));
            model.ingest(batch);
        }
        int markers = 0;
        int markerRow = -1;
        for (int row = 0; row < model.rowCount(); ++row)
            if (!model.chunkAt(row)) {
                ++markers;
                markerRow = row;
            }
        QCOMPARE(markers, 1);
        QCOMPARE(markerRow, model.rowCount() - 11); // at the newest gap
        QVERIFY2(model.index(markerRow, TrafficModel::ColData)
                     .data()
                     .toString()
                     .contains(QLatin1String("5,000 chunks not captured in 50 gaps")),
                 qPrintable(model.index(markerRow, TrafficModel::ColData).data().toString()));
        QCOMPARE(model.chunkAt(model.rowCount() - 1)->seq, seq); // the newest chunk is there

        StreamView stream(model);
        stream.showConnection(1);
        QVERIFY2(stream.summary().contains(QLatin1String("19,600 bytes not captured in 49 gaps")),
                 qPrintable(stream.summary()));
        QCOMPARE(stream.text(), QString(QStringLiteral("abcd")).repeated(500));
    }

    void followIsHeldWhileARowIsSelected()
    {
        TrafficView view(diesel::Hub::current());
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTableView *transcript = transcriptOf(view);
        QVERIFY(transcript);
        std::uint64_t seq = 0;
        auto addRows = [&](int n) {
            TrafficBatch batch = withRecord();
            for (int i = 0; i < n; ++i, ++seq)
                batch.chunks.push_back(chunk(seq + 1, diesel::Direction::In, "row\r\n", seq * 5));
            view.model().ingest(batch);
            QCoreApplication::processEvents();
        };
        addRows(200);
        QVERIFY(view.following());
        QScrollBar *bar = transcript->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum());

        const QModelIndex picked =
            transcript->model()->index(transcript->model()->rowCount() - 3, 0);
        transcript->selectionModel()->select(picked, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
        QVERIFY(!view.following());
        const int value = bar->value();
        addRows(200);
        QCoreApplication::processEvents();
        QCOMPARE(bar->value(), value);
        QVERIFY(transcript->viewport()->rect().intersects(transcript->visualRect(picked)));

        transcript->selectionModel()->clearSelection();
        QVERIFY(view.following());
        QTRY_COMPARE(bar->value(), bar->maximum());
    }
};

QTEST_MAIN(TestStream)
#include "tst_widgets_stream.moc"
