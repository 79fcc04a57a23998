// SPDX-License-Identifier: MIT
// diesel-workbench --headless FILE: serves the workspace without a window, logs to stdout, and
// stops cleanly (exit status 0) on SIGTERM and on SIGINT; --help, --version and a bad file.
#include "dieseltest.h"
#include "workspacefile.h"

#include <diesel/diesel.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace workbench;

namespace {

const QString kProgram = QStringLiteral(DIESEL_WORKBENCH_BIN);

std::string hollaOnce(std::uint16_t port)
{
    std::string reply;
    dtest::run_in_loop([&] {
        diesel::Client c("127.0.0.1", port);
        reply = c.call([] {
            diesel::send("headless\r\n");
            return diesel::until_eol();
        });
    });
    return reply;
}

// Waits (spinning Qt's event loop, so the Hub keeps running) for `text` on the process's stdout.
bool waitForOutput(QProcess &process, QByteArray &output, const char *text)
{
    return dtest::spin_until(
               [&] {
                   output += process.readAllStandardOutput();
                   return output.contains(text) || process.state() == QProcess::NotRunning;
               },
               std::chrono::seconds(20)) &&
           output.contains(text);
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void servesAndStopsOnSignals_data()
    {
        QTest::addColumn<int>("signo");
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGINT") << SIGINT;
    }

    void servesAndStopsOnSignals()
    {
        QFETCH(int, signo);
        QTemporaryDir dir;
        Workspace w;
        ServiceSpec spec;
        spec.name = QStringLiteral("holla");
        spec.port = 4321; // overridden on the command line, as the benchmark does
        w.services = {spec};
        const QString path = dir.filePath(QStringLiteral("holla.json"));
        QVERIFY(writeWorkspaceFile(path, w, nullptr));
        const std::uint16_t port = dtest::free_port();

        QProcess process;
        process.start(kProgram, {QStringLiteral("--headless"), path, QStringLiteral("--port"),
                                 QStringLiteral("holla=%1").arg(port)});
        QVERIFY(process.waitForStarted(10000));
        QByteArray output;
        QVERIFY2(waitForOutput(process, output, "running; stop with"), output.constData());
        QCOMPARE(hollaOnce(port), std::string("HEADLESS\r\n"));
        QVERIFY2(waitForOutput(process, output, "connection opened"), output.constData());

        ::kill(pid_t(process.processId()), signo);
        QVERIFY(dtest::spin_until([&] { return process.state() == QProcess::NotRunning; },
                                  std::chrono::seconds(20)));
        output += process.readAllStandardOutput();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(output.contains("holla :"), output.constData());
        QVERIFY2(output.trimmed().endsWith("stopped"), output.constData());
    }

    void helpVersionAndBadFiles()
    {
        QProcess help;
        help.start(kProgram, {QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(20000));
        QCOMPARE(help.exitCode(), 0);
        const QByteArray text = help.readAllStandardOutput();
        QVERIFY(text.contains("--headless"));
        QVERIFY(text.contains("demo workspace"));

        QProcess version;
        version.start(kProgram, {QStringLiteral("--version")});
        QVERIFY(version.waitForFinished(20000));
        QCOMPARE(version.exitCode(), 0);
        QVERIFY(version.readAllStandardOutput().startsWith("diesel-workbench "));

        QTemporaryDir dir;
        QProcess bad;
        bad.start(kProgram,
                  {QStringLiteral("--headless"), dir.filePath(QStringLiteral("none.json"))});
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("there is no such file"));
    }
};

QTEST_MAIN(TestHeadless)
#include "tst_app_headless.moc"
