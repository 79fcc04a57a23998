// SPDX-License-Identifier: MIT
// diesel-workbench --headless FILE --capture OUT: the real program records its traffic and writes
// it as pcapng when SIGTERM stops it, or when --seconds N ran out; tshark reads it back.
#include "dieseltest.h"
#include "servicetype.h"
#include "tshark.h"
#include "workspacefile.h"

#include <diesel/diesel.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace workbench;

namespace {

const QString kProgram = QStringLiteral(DIESEL_WORKBENCH_BIN);

QString hollaWorkspace(const QTemporaryDir &dir)
{
    Workspace w;
    ServiceSpec spec;
    spec.name = QStringLiteral("holla");
    spec.port = 4321; // overridden on the command line
    w.items = {serviceItem(spec, QStringLiteral("holla"))};
    const QString path = dir.filePath(QStringLiteral("holla.json"));
    return writeWorkspaceFile(path, w, nullptr) ? path : QString();
}

bool waitUntilStopped(QProcess &process, QByteArray &output)
{
    const bool stopped = dtest::spin_until(
        [&] {
            output += process.readAllStandardOutput();
            return process.state() == QProcess::NotRunning;
        },
        std::chrono::seconds(30));
    output += process.readAllStandardOutput();
    return stopped && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace

class TestCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void writesTheRunsTrafficOnSigterm()
    {
        if (dtest::tsharkPath().isEmpty())
            QSKIP("tshark is not installed (scripts/deps installs it)");
        QTemporaryDir dir;
        const QString workspace = hollaWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        const QString capture = dir.filePath(QStringLiteral("run.pcapng"));
        const std::uint16_t port = dtest::free_port();

        QProcess process;
        process.start(kProgram,
                      {QStringLiteral("--headless"), workspace, QStringLiteral("--port"),
                       QStringLiteral("holla=%1").arg(port), QStringLiteral("--capture"), capture});
        QVERIFY(process.waitForStarted(10000));
        QByteArray output;
        QVERIFY(dtest::spin_until(
            [&] {
                output += process.readAllStandardOutput();
                return output.contains("running; stop with") ||
                       process.state() == QProcess::NotRunning;
            },
            std::chrono::seconds(20)));
        QVERIFY2(output.contains("running; stop with"), output.constData());
        QVERIFY(dtest::run_in_loop([&] {
            for (const char *line : {"first\r\n", "second\r\n"}) {
                diesel::Client c("127.0.0.1", port);
                c.call([line] {
                    diesel::send(line);
                    diesel::until_eol();
                });
            }
        }));

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY2(waitUntilStopped(process, output), output.constData());
        QVERIFY2(output.contains("capture: "), output.constData());

        // Two connections, each a handshake, a line each way and a FIN exchange.
        QCOMPARE(dtest::tsharkFields(capture, QStringLiteral("tcp.stream"),
                                     QStringLiteral("tcp.flags.syn == 1 && tcp.flags.ack == 0")),
                 (QStringList{QStringLiteral("0"), QStringLiteral("1")}));
        QCOMPARE(dtest::tsharkFields(capture, QStringLiteral("frame.number")).size(), 2 * 8);
        const std::optional<dtest::FollowedStream> first = dtest::followTcp(capture, 0);
        QVERIFY(first);
        QCOMPARE(first->fromFirst, QByteArray("first\r\n"));
        QCOMPARE(first->fromSecond, QByteArray("FIRST\r\n"));
        const std::optional<dtest::FollowedStream> second = dtest::followTcp(capture, 1);
        QVERIFY(second);
        QCOMPARE(second->fromFirst, QByteArray("second\r\n"));
        QCOMPARE(second->fromSecond, QByteArray("SECOND\r\n"));
    }

    void secondsEndsTheRunAndStillWrites()
    {
        QTemporaryDir dir;
        const QString workspace = hollaWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        const QString capture = dir.filePath(QStringLiteral("quiet.pcapng"));
        QProcess process;
        process.start(kProgram, {QStringLiteral("--headless"), workspace, QStringLiteral("--port"),
                                 QStringLiteral("holla=%1").arg(dtest::free_port()),
                                 QStringLiteral("--capture"), capture, QStringLiteral("--seconds"),
                                 QStringLiteral("0.5")});
        QVERIFY(process.waitForStarted(10000));
        QByteArray output;
        QVERIFY2(waitUntilStopped(process, output), output.constData());
        QVERIFY2(output.contains("capture: 0 packets"), output.constData());
        QFile file(capture);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(4) == QByteArray("\x0a\x0d\x0d\x0a", 4)); // a pcapng section header

        QProcess misplaced;
        misplaced.start(kProgram, {QStringLiteral("--capture"), capture});
        QVERIFY(misplaced.waitForFinished(20000));
        QCOMPARE(misplaced.exitCode(), 2);
    }
};

QTEST_MAIN(TestCapture)
#include "tst_app_capture.moc"
