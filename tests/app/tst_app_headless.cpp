// SPDX-License-Identifier: MIT
// diesel-workbench --headless FILE: serves the workspace without a window, logs to stdout, and
// stops cleanly (exit status 0) on SIGTERM, on SIGINT and after --seconds N; --trace FILE writes
// the run's schedule as a Chrome trace; a redis-server launched by a Redis item stops with the
// run; without a FILE it runs the built-in demo; --help, --version and a bad file.
#include "dieseltest.h"
#include "pooltype.h"
#include "redistype.h"
#include "servicetype.h"
#include "workspacefile.h"

#include <diesel/diesel.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
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
        w.items = {serviceItem(spec, QStringLiteral("holla"))};
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

    // A Pool runs headless from the same file: --port moves the Service and the Pool aimed at
    // it follows; its actors' replies come back (no error is logged).
    void runsAPoolHeadless()
    {
        QTemporaryDir dir;
        Workspace w;
        ServiceSpec service;
        service.name = QStringLiteral("holla");
        service.port = 4321;
        PoolSpec pool;
        pool.name = QStringLiteral("p");
        pool.port = 4321;
        pool.actors = 2;
        pool.interval = 0.05;
        w.items = {serviceItem(service, QStringLiteral("holla")),
                   poolItem(pool, QStringLiteral("p"))};
        const QString path = dir.filePath(QStringLiteral("pool.json"));
        QVERIFY(writeWorkspaceFile(path, w, nullptr));
        const std::uint16_t port = dtest::free_port();

        QProcess process;
        process.start(kProgram, {QStringLiteral("--headless"), path, QStringLiteral("--port"),
                                 QStringLiteral("holla=%1").arg(port), QStringLiteral("--seconds"),
                                 QStringLiteral("1")});
        QVERIFY(process.waitForStarted(10000));
        QVERIFY(dtest::spin_until([&] { return process.state() == QProcess::NotRunning; },
                                  std::chrono::seconds(20)));
        const QByteArray output = process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(
            output.contains(
                QStringLiteral("pool p started: 2 actors \u2192 127.0.0.1:%1").arg(port).toUtf8()),
            output.constData());
        QVERIFY2(!output.contains("pool p: actor"), output.constData());
        QVERIFY2(output.contains("connection opened"), output.constData());
        // When it stops, each item's measures: the Pool's replies, with their rate.
        const QRegularExpression totals(
            QStringLiteral("^p after [0-9.]+ s: .*replies ([0-9]+) \\(([0-9.]+)/s\\)"),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = totals.match(QString::fromUtf8(output));
        QVERIFY2(match.hasMatch(), output.constData());
        QVERIFY2(match.captured(1).toInt() > 0 && match.captured(2).toDouble() > 0,
                 output.constData());
        QVERIFY2(output.contains("holla after "), output.constData());
    }

    // A Redis item that launches its redis-server: the server runs while the run does and is
    // stopped with it, on a signal or after --seconds.
    void aLaunchedRedisServerStopsWithTheRun_data()
    {
        QTest::addColumn<int>("signo"); // 0: --seconds
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGINT") << SIGINT;
        QTest::newRow("--seconds") << 0;
    }

    void aLaunchedRedisServerStopsWithTheRun()
    {
        QFETCH(int, signo);
        QTemporaryDir dir;
        Workspace w;
        RedisSpec spec;
        spec.launch = true;
        spec.port = 0;
        w.items = {redisItem(spec, QStringLiteral("redis"))};
        const QString path = dir.filePath(QStringLiteral("redis.json"));
        QVERIFY(writeWorkspaceFile(path, w, nullptr));

        QProcess process;
        QStringList arguments{QStringLiteral("--headless"), path};
        if (signo == 0)
            arguments << QStringLiteral("--seconds") << QStringLiteral("5");
        process.start(kProgram, arguments);
        QVERIFY(process.waitForStarted(10000));
        QByteArray output;
        QVERIFY2(waitForOutput(process, output, "connected to 127.0.0.1:"), output.constData());
        const QRegularExpressionMatch launched =
            QRegularExpression(
                QStringLiteral("redis-server \\(pid (\\d+)\\) accepts connections on "
                               ":(\\d+)"))
                .match(QString::fromUtf8(output));
        QVERIFY2(launched.hasMatch(), output.constData());
        const qint64 pid = launched.captured(1).toLongLong();
        const auto port = std::uint16_t(launched.captured(2).toUInt());
        QVERIFY(QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)));

        if (signo != 0)
            ::kill(pid_t(process.processId()), signo);
        QVERIFY(dtest::spin_until([&] { return process.state() == QProcess::NotRunning; },
                                  std::chrono::seconds(30)));
        output += process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(
            output.contains(QStringLiteral("stopping its redis-server on :%1").arg(port).toUtf8()),
            output.constData());
        QVERIFY2(output.trimmed().endsWith("stopped"), output.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)), 20000);
    }

    void writesTheScheduleAfterSeconds()
    {
        QTemporaryDir dir;
        Workspace w;
        ServiceSpec spec;
        spec.name = QStringLiteral("holla");
        w.items = {serviceItem(spec, QStringLiteral("holla"))};
        const QString path = dir.filePath(QStringLiteral("holla.json"));
        QVERIFY(writeWorkspaceFile(path, w, nullptr));
        const QString trace = dir.filePath(QStringLiteral("run.json"));
        const std::uint16_t port = dtest::free_port();

        QProcess process;
        process.start(kProgram, {QStringLiteral("--headless"), path, QStringLiteral("--port"),
                                 QStringLiteral("holla=%1").arg(port), QStringLiteral("--trace"),
                                 trace, QStringLiteral("--seconds"), QStringLiteral("2")});
        QVERIFY(process.waitForStarted(10000));
        QByteArray output;
        QVERIFY2(waitForOutput(process, output, "running; stop with"), output.constData());
        QCOMPARE(hollaOnce(port), std::string("HEADLESS\r\n"));
        // No signal: --seconds 2 ends it.
        QVERIFY(dtest::spin_until([&] { return process.state() == QProcess::NotRunning; },
                                  std::chrono::seconds(20)));
        output += process.readAllStandardOutput();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(output.contains("written to"), output.constData());

        QFile file(trace);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
        QVERIFY2(parse.error == QJsonParseError::NoError, qPrintable(parse.errorString()));
        QCOMPARE(doc.object().value(QStringLiteral("displayTimeUnit")).toString(),
                 QStringLiteral("ms"));
        QMap<qint64, QString> tracks;
        QSet<qint64> sliceTids;
        int slices = 0;
        for (const QJsonValue &v : doc.object().value(QStringLiteral("traceEvents")).toArray()) {
            const QJsonObject e = v.toObject();
            const qint64 tid = e.value(QStringLiteral("tid")).toInteger();
            const QString ph = e.value(QStringLiteral("ph")).toString();
            if (ph == QLatin1String("M") &&
                e.value(QStringLiteral("name")).toString() == QLatin1String("thread_name")) {
                QVERIFY2(!tracks.contains(tid), "one thread_name per Loop");
                tracks.insert(tid, e.value(QStringLiteral("args"))
                                       .toObject()
                                       .value(QStringLiteral("name"))
                                       .toString());
            } else if (ph == QLatin1String("X")) {
                ++slices;
                sliceTids.insert(tid);
                const double ts = e.value(QStringLiteral("ts")).toDouble();
                const double dur = e.value(QStringLiteral("dur")).toDouble();
                // Inside the run: recording began before the items started, and the run
                // lasted about two seconds (generous: a slow machine).
                QVERIFY(ts >= 0 && dur >= 0 && ts + dur < 20e6);
                QVERIFY(!e.value(QStringLiteral("args"))
                             .toObject()
                             .value(QStringLiteral("woken by"))
                             .toString()
                             .isEmpty());
            }
        }
        QVERIFY(slices > 0);
        for (qint64 tid : sliceTids)
            QVERIFY(tracks.contains(tid));
        // The connection's Loop ran and has its track, named after its Service.
        bool connectionTrack = false;
        for (qint64 tid : sliceTids)
            connectionTrack |= tracks.value(tid).contains(QStringLiteral("holla :%1").arg(port)) &&
                               tracks.value(tid).contains(QStringLiteral("127.0.0.1:"));
        QVERIFY2(connectionTrack, qPrintable(QStringList(tracks.values()).join(QLatin1Char('|'))));
    }

    // Without a FILE: the demo workspace the window opens with, its Services moved to free ports
    // (the demo's own may be taken), stopped by --seconds.
    void runsTheDemoWithoutAFile()
    {
        const std::uint16_t holla = dtest::free_port();
        QStringList arguments{QStringLiteral("--headless"), QStringLiteral("--seconds"),
                              QStringLiteral("2")};
        for (const QString &name :
             {QStringLiteral("udp holla"), QStringLiteral("broker"), QStringLiteral("web")})
            arguments << QStringLiteral("--port")
                      << QStringLiteral("%1=%2").arg(name).arg(dtest::free_port());
        arguments << QStringLiteral("--port") << QStringLiteral("holla=%1").arg(holla);

        QProcess process;
        process.start(kProgram, arguments);
        QVERIFY(process.waitForStarted(10000));
        QVERIFY(dtest::spin_until([&] { return process.state() == QProcess::NotRunning; },
                                  std::chrono::seconds(30)));
        const QByteArray output = process.readAllStandardOutput();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(output.contains("the built-in demo workspace ("), output.constData());
        QVERIFY2(output.contains(QStringLiteral("holla :%1 listening").arg(holla).toUtf8()),
                 output.constData());
        QVERIFY2(output.contains("running; stop with"), output.constData());
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
        // The project's version (CMake's project(Diesel VERSION ...)), the one the packages carry.
        QCOMPARE(version.readAllStandardOutput(),
                 QByteArray("diesel-workbench " DIESEL_VERSION "\n"));

        QTemporaryDir dir;
        QProcess bad;
        bad.start(kProgram,
                  {QStringLiteral("--headless"), dir.filePath(QStringLiteral("none.json"))});
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("there is no such file"));

        // --trace and --seconds only make sense headless.
        QProcess windowTrace;
        windowTrace.start(kProgram, {QStringLiteral("--seconds"), QStringLiteral("2")});
        QVERIFY(windowTrace.waitForFinished(20000));
        QCOMPARE(windowTrace.exitCode(), 2);
        QVERIFY(windowTrace.readAllStandardError().contains("go with --headless"));
    }
};

QTEST_MAIN(TestHeadless)
#include "tst_app_headless.moc"
