// SPDX-License-Identifier: MIT
// Export to Wireshark: a real TCP echo session exported from the traffic view as pcapng and read
// back by tshark (packet count, checksums, both directions reassembled equal to what was sent,
// comments naming the Loop); bytes the capture missed skip sequence numbers; UDP datagrams.
#include "dieseltest.h"
#include "tshark.h"

#include <diesel/diesel.h>
#include <diesel/widgets/trafficexport.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficview.h>

#include <QTemporaryDir>
#include <QTest>

using namespace diesel::widgets;

namespace {

// Echoes whatever arrives, as it arrives.
diesel::Service echoService(std::uint16_t port)
{
    return diesel::Service(
        [](const diesel::Address &) {
            for (;;)
                diesel::send(diesel::receive());
        },
        port, "127.0.0.1", diesel::ServiceOptions{"echo", 0, {}, 1024, 0, {}, 0, {}});
}

// The frames the export must hold for the service side's chunks of `model`.
int framesOf(const TrafficModel &model, const QString &owner, std::size_t mss)
{
    int frames = 6; // SYN, SYN-ACK, ACK; FIN, FIN, ACK
    for (int row = 0; row < model.rowCount(); ++row)
        if (const TrafficChunk *c = model.chunkAt(row); c && model.ownerOf(c->connection) == owner)
            frames += int((std::size_t(c->bytes.size()) + mss - 1) / mss);
    return frames;
}

} // namespace

class TestPcapng : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (dtest::tsharkPath().isEmpty())
            QSKIP("tshark is not installed (scripts/deps installs it)");
    }
    void cleanup() { dtest::expect_clean(); }

    void tcpSessionReadsBackInTshark()
    {
        TrafficView view(diesel::Hub::current());
        const std::uint16_t port = dtest::free_port();
        diesel::Service echo = echoService(port);
        echo.start();

        // Several chunks each way, one larger than a segment so that it is split.
        QByteArray big(5000, '\0');
        for (int i = 0; i < big.size(); ++i)
            big[i] = char('a' + i % 26);
        const QList<QByteArray> messages{"hello\r\n", big, QByteArray("\x00\x01\xff bye\n", 8)};
        QByteArray sent;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.label = "talker";
            diesel::Client c("127.0.0.1", port, options);
            c.call([&] {
                for (const QByteArray &m : messages) {
                    diesel::send(std::string_view(m.constData(), std::size_t(m.size())));
                    diesel::receive(std::size_t(m.size()));
                    sent += m;
                }
            });
        }));
        // The service's side closes once it reads the end.
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return echo.connections() == 0;
        }));
        echo.stop();

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("echo.pcapng"));
        const PcapngExport result =
            view.exportPcapng(TrafficScope{QStringLiteral("echo"), 0}, file);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.connections, 1);
        QCOMPARE(result.missingBytes, std::uint64_t(0));
        QCOMPARE(result.packets, framesOf(view.model(), QStringLiteral("echo"), 1460));

        QCOMPARE(dtest::tsharkFields(file, QStringLiteral("frame.number")).size(), result.packets);
        // Wireshark finds nothing wrong: checksums verified, no expert errors or warnings.
        QCOMPARE(dtest::tsharkFields(file, QStringLiteral("frame.number"),
                                     QStringLiteral("ip.checksum.status == \"Good\" && "
                                                    "tcp.checksum.status == \"Good\""))
                     .size(),
                 result.packets);
        const QStringList complaints = dtest::tsharkFields(
            file, QStringLiteral("frame.number"),
            QStringLiteral("ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\" || "
                           "_ws.expert.severity >= \"Warning\" || _ws.malformed"));
        QVERIFY2(complaints.isEmpty(), qPrintable(complaints.join(QLatin1Char(' '))));

        const std::optional<dtest::FollowedStream> stream = dtest::followTcp(file);
        QVERIFY(stream);
        QCOMPARE(stream->fromFirst, sent);  // the client's requests
        QCOMPARE(stream->fromSecond, sent); // the echoes

        const QStringList ports = dtest::tsharkFields(file, QStringLiteral("tcp.srcport"),
                                                      QStringLiteral("tcp.flags.syn == 1 && "
                                                                     "tcp.flags.ack == 1"));
        QCOMPARE(ports, QStringList{QString::number(port)});
        const QStringList comments = dtest::tsharkFields(file, QStringLiteral("frame.comment"),
                                                         QStringLiteral("tcp.len > 0"));
        QVERIFY(!comments.isEmpty());
        for (const QString &comment : comments)
            QVERIFY2(comment.contains(QLatin1String("loop ")) &&
                         comment.contains(QLatin1String("\"echo 127.0.0.1:")),
                     qPrintable(comment));
    }

    void missedBytesSkipSequenceNumbers()
    {
        TrafficModel model;
        TrafficBatch batch;
        ConnectionRecord record;
        record.info.id = 7;
        record.info.owner = "svc";
        record.info.local = diesel::Address::parse("127.0.0.1", 4000);
        record.info.peer = diesel::Address::parse("127.0.0.1", 50000);
        record.seenOpening = true;
        record.opened = diesel::Clock::now();
        batch.connections.push_back(record);
        for (std::uint64_t offset : {0u, 100u}) {
            TrafficChunk c;
            c.seq = offset + 1;
            c.at = diesel::Clock::now();
            c.connection = 7;
            c.loop = 3;
            c.bytes = QByteArray(10, 'x');
            c.size = 10;
            c.offset = offset;
            batch.chunks.push_back(c);
        }
        model.ingest(batch);

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("gap.pcapng"));
        const PcapngExport result = exportPcapng(model, TrafficScope{}, file);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.missingBytes, std::uint64_t(90));
        QCOMPARE(result.packets, 5); // handshake and two segments: still open, no FIN
        QCOMPARE(dtest::tsharkFields(file, QStringLiteral("frame.number"),
                                     QStringLiteral("tcp.analysis.lost_segment"))
                     .size(),
                 1);
        const QStringList comments = dtest::tsharkFields(file, QStringLiteral("frame.comment"),
                                                         QStringLiteral("tcp.seq == 101"));
        QCOMPARE(comments.size(), 1);
        QVERIFY2(comments[0].contains(QLatin1String("90 bytes before these were not captured")),
                 qPrintable(comments[0]));
    }

    void udpDatagramsReadBackInTshark()
    {
        TrafficView view(diesel::Hub::current());
        const std::uint16_t port = dtest::free_udp_port();
        diesel::UDPService echo(
            [] {
                for (;;) {
                    const std::string d = diesel::receive(diesel::datagram);
                    diesel::send(d);
                }
            },
            port, "127.0.0.1", diesel::ServiceOptions{"udp echo", 0, {}, 1024, 0, {}, 0, {}});
        echo.start();
        QVERIFY(dtest::run_in_loop([&] {
            diesel::UDPClient c("127.0.0.1", port);
            c.call([] {
                for (const char *m : {"one", "two", "three"}) {
                    diesel::send(m);
                    diesel::receive(diesel::datagram);
                }
            });
        }));
        echo.stop();

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("udp.pcapng"));
        const PcapngExport result =
            view.exportPcapng(TrafficScope{QStringLiteral("udp echo"), 0}, file);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.packets, 6);
        const QStringList payloads = dtest::tsharkFields(
            file, QStringLiteral("udp.payload"),
            QStringLiteral("udp.dstport == %1 && udp.checksum.status != \"Bad\"").arg(port));
        QCOMPARE(payloads, (QStringList{QStringLiteral("6f6e65"), QStringLiteral("74776f"),
                                        QStringLiteral("7468726565")}));
    }
};

QTEST_MAIN(TestPcapng)
#include "tst_widgets_pcapng.moc"
