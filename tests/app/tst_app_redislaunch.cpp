// SPDX-License-Identifier: MIT
// A Redis item that launches its own redis-server (the real one on the PATH): it comes up on a
// free port (also when the asked one is taken), the console talks to it, stopping or removing the
// item ends the process, a missing redis-server, a server killed from outside, one that exits at
// once and one that never listens are errors on the item, and no redis-server of this test
// outlives it.
#include "dieseltest.h"
#include "jsonfields.h"
#include "rediscommandpane.h"
#include "redisconsole.h"
#include "rediscontroller.h"
#include "rediseditor.h"
#include "redisserverprocess.h"
#include "redistype.h"
#include "replytree.h"
#include "workspacecontroller.h"

#include <diesel/diesel.h>

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <csignal>
#include <optional>

using namespace workbench;

namespace {

bool processExists(qint64 pid)
{
    return pid > 0 && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
}

// The redis-server processes whose parent is this test (from /proc/<pid>/stat:
// "pid (comm) state ppid ...").
QList<qint64> childRedisServers()
{
    QList<qint64> found;
    const QString self = QString::number(::getpid());
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromLocal8Bit(stat.readAll());
        const qsizetype close = text.lastIndexOf(QLatin1Char(')'));
        const QString comm = text.mid(text.indexOf(QLatin1Char('(')) + 1,
                                      close - text.indexOf(QLatin1Char('(')) - 1);
        const QStringList rest = text.mid(close + 2).split(QLatin1Char(' '));
        if (comm == QLatin1String("redis-server") && rest.size() > 1 && rest[1] == self)
            found << pid;
    }
    return found;
}

// Whether 127.0.0.1:port accepts a connection.
bool accepts(std::uint16_t port)
{
    bool connected = false;
    dtest::run_in_loop([&] {
        try {
            diesel::Client probe("127.0.0.1", port, 5.0);
            connected = true;
        } catch (const diesel::ClientConnectionError &) {
        }
    });
    return connected;
}

bool runCommand(RedisCommandPane &pane, const QString &command)
{
    pane.input()->setText(command);
    pane.runInput();
    return dtest::spin_until([&] { return pane.pending() == 0; }, std::chrono::seconds(20));
}

QString cellOf(const QStandardItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

RedisSpec launching(std::uint16_t port = 0)
{
    RedisSpec spec;
    spec.launch = true;
    spec.port = port;
    return spec;
}

// Starts the item and waits until it is connected (true) or failed.
bool startAndWait(RedisController &redis)
{
    redis.start();
    dtest::spin_until([&] { return redis.connected() || redis.state() == ItemState::Error; },
                      std::chrono::seconds(30));
    return redis.connected();
}

} // namespace

class TestRedisLaunch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!findRedisServer().isEmpty(), "these tests need redis-server on the PATH");
    }

    void cleanup()
    {
        // Stopped servers go in the background: give them the grace a SIGTERM has.
        QTRY_VERIFY_WITH_TIMEOUT(childRedisServers().isEmpty(), 20000);
        dtest::expect_clean();
    }

    void settingsRoundTripAndRefuseWhatCannotBeLaunched()
    {
        RedisSpec spec = launching();
        spec.redisServer = QStringLiteral("/opt/redis/bin/redis-server");
        QCOMPARE(readRedisSpec(redisJson(spec), QStringLiteral("items[0]")), spec);
        QCOMPARE(redisJson(spec).value(QLatin1String("launch")).toBool(), true);
        QVERIFY(!redisJson(RedisSpec{}).contains(QLatin1String("launch")));

        const auto refusal = [](QJsonObject o) {
            try {
                readRedisSpec(o, QStringLiteral("items[0]"));
            } catch (const Invalid &e) {
                return e.message;
            }
            return QString();
        };
        QJsonObject noPort = redisJson(RedisSpec{});
        noPort.insert(QStringLiteral("port"), 0); // only a launched server takes any free port
        QVERIFY(refusal(noPort).contains(QLatin1String("items[0].port")));
        QJsonObject remote = redisJson(launching());
        remote.insert(QStringLiteral("host"), QStringLiteral("redis.example.com"));
        QVERIFY2(refusal(remote).contains(QLatin1String("listens on this machine")),
                 qPrintable(refusal(remote)));
        QJsonObject cluster = redisJson(launching());
        cluster.insert(QStringLiteral("cluster"), QJsonArray{QStringLiteral("127.0.0.1:7000")});
        QVERIFY2(refusal(cluster).contains(QLatin1String("items[0].launch")),
                 qPrintable(refusal(cluster)));
    }

    void launchesAServerOnAFreePortAndTheConsoleTalksToIt()
    {
        WorkspaceController workspace;
        RedisController *redis = addRedis(workspace, launching());
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        QCOMPARE(toString(redis->state()), toString(ItemState::Running));
        const RedisServerProcess *server = redis->launchedServer();
        QVERIFY(server && server->isRunning());
        QVERIFY(server->port() != 0);
        QCOMPARE(childRedisServers(), QList<qint64>{server->pid()});
        QCOMPARE(redis->server(), QStringLiteral("127.0.0.1:%1").arg(server->port()));
        QVERIFY2(redis->summary().contains(
                     QStringLiteral("launched redis-server :%1").arg(server->port())),
                 qPrintable(redis->summary()));

        RedisConsole console;
        console.setController(redis);
        RedisCommandPane &pane = *console.commands();
        QVERIFY(runCommand(pane, QStringLiteral("PING")));
        QCOMPARE(cellOf(pane.replies(), 0, ReplyValue), QStringLiteral("PONG"));
        QVERIFY(runCommand(pane, QStringLiteral("SET greeting hello")));
        QCOMPARE(cellOf(pane.replies(), 1, ReplyValue), QStringLiteral("OK"));
        QVERIFY(runCommand(pane, QStringLiteral("GET greeting")));
        QCOMPARE(cellOf(pane.replies(), 2, ReplyValue), QStringLiteral("hello"));
        // A throwaway server: it saves nothing, in a folder of its own.
        std::optional<diesel::redis::Reply> save;
        redis->run({"CONFIG", "GET", "save"}, this,
                   [&save](const diesel::redis::Reply &reply) { save = reply; });
        QTRY_VERIFY_WITH_TIMEOUT(save.has_value(), 20000);
        QVERIFY(save->is_array() && save->size() == 2);
        QCOMPARE((*save)[1].str(), std::string());
    }

    void aTakenPortGivesAFreeOne()
    {
        WorkspaceController workspace;
        RedisController *first = addRedis(workspace, launching(dtest::free_port()));
        QVERIFY2(startAndWait(*first), qPrintable(first->errorText()));
        const std::uint16_t taken = first->launchedServer()->port();
        QCOMPARE(taken, first->spec().port); // it was free: it is the one asked for

        RedisSpec second = launching(taken);
        second.name = QStringLiteral("second");
        RedisController *other = addRedis(workspace, second);
        QVERIFY2(startAndWait(*other), qPrintable(other->errorText()));
        QVERIFY(other->launchedServer()->port() != taken);
        QCOMPARE(childRedisServers().size(), 2);
    }

    void stoppingTheItemEndsTheServer()
    {
        WorkspaceController workspace;
        RedisController *redis = addRedis(workspace, launching());
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        const qint64 pid = redis->launchedServer()->pid();
        const std::uint16_t port = redis->launchedServer()->port();
        QVERIFY(accepts(port));

        redis->stop();
        QCOMPARE(redis->launchedServer(), nullptr);
        QCOMPARE(toString(redis->state()), toString(ItemState::Stopped));
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(pid), 20000);
        QVERIFY(!accepts(port));
        QVERIFY(redis->errorText().isEmpty()); // a server stopped on purpose is no error

        // Started again, it launches a new one.
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        QVERIFY(redis->launchedServer()->pid() != pid);
    }

    void removingTheItemEndsTheServer()
    {
        WorkspaceController workspace;
        RedisController *redis = addRedis(workspace, launching());
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        const qint64 pid = redis->launchedServer()->pid();
        const std::uint16_t port = redis->launchedServer()->port();
        workspace.remove(redis);
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(pid), 20000);
        QVERIFY(!accepts(port));
    }

    void aMissingRedisServerIsAClearError()
    {
        WorkspaceController workspace;
        RedisSpec spec = launching();
        spec.redisServer = QStringLiteral("/nonexistent/redis-server");
        RedisController *redis = addRedis(workspace, spec);
        RedisEditor editor(workspace);
        editor.setController(redis);
        QVERIFY(!redis->start());
        QCOMPARE(toString(redis->state()), toString(ItemState::Error));
        QVERIFY2(redis->errorText().startsWith(
                     QLatin1String("/nonexistent/redis-server is not an executable file")),
                 qPrintable(redis->errorText()));
        QCOMPARE(editor.shownError(), redis->errorText());
        QCOMPARE(redis->launchedServer(), nullptr);

        // None on the PATH.
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QDir::tempPath().toLocal8Bit() + "/no-such-folder");
        RedisSpec fromPath = launching();
        fromPath.name = QStringLiteral("from the PATH");
        RedisController *other = addRedis(workspace, fromPath);
        const bool started = other->start();
        qputenv("PATH", path);
        QVERIFY(!started);
        QCOMPARE(other->errorText(),
                 QStringLiteral("redis-server is not on the PATH; point this item at a running "
                                "server or install redis-server"));
    }

    void aServerEndedFromOutsideIsAnErrorOnTheItem_data()
    {
        QTest::addColumn<int>("signo");
        QTest::addColumn<QString>("how");
        QTest::newRow("SIGKILL") << SIGKILL << QStringLiteral("was killed or crashed");
        // redis-server shuts down on SIGTERM by itself, and says so.
        QTest::newRow("SIGTERM") << SIGTERM << QStringLiteral("exited with code 0");
    }

    void aServerEndedFromOutsideIsAnErrorOnTheItem()
    {
        QFETCH(int, signo);
        QFETCH(QString, how);
        WorkspaceController workspace;
        RedisController *redis = addRedis(workspace, launching());
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        const std::uint16_t port = redis->launchedServer()->port();
        QCOMPARE(::kill(pid_t(redis->launchedServer()->pid()), signo), 0);
        QTRY_VERIFY_WITH_TIMEOUT(redis->state() == ItemState::Error, 20000);
        const QString error = redis->errorText();
        QVERIFY2(error.startsWith(QStringLiteral("redis-server on :%1 %2").arg(port).arg(how)),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("its last lines:")), qPrintable(error));
        QVERIFY(!redis->connected());
        QCOMPARE(redis->launchedServer(), nullptr);
    }

    // A program that exits at once says why; one that never listens is given up and ended.
    void aServerThatDoesNotComeUpIsAnError_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QString>("error");
        QTest::newRow("exits") << QByteArray("echo 'bad config line' >&2; exit 3")
                               << QStringLiteral("exited with code 3; its last lines:\nbad config "
                                                 "line");
        QTest::newRow("never listens")
            << QByteArray("exec sleep 60")
            << QStringLiteral("redis-server did not accept connections on :");
    }

    void aServerThatDoesNotComeUpIsAnError()
    {
        QFETCH(QByteArray, script);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString program = dir.filePath(QStringLiteral("redis-server"));
        QFile file(program);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n" + script + "\n");
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

        WorkspaceController workspace;
        RedisSpec spec = launching();
        spec.redisServer = program;
        RedisController *redis = addRedis(workspace, spec);
        QVERIFY(redis->start());
        QVERIFY(redis->starting());
        const qint64 pid = redis->launchedServer()->pid();
        QTRY_VERIFY_WITH_TIMEOUT(redis->state() == ItemState::Error, 30000);
        QVERIFY2(redis->errorText().contains(error), qPrintable(redis->errorText()));
        QVERIFY(!redis->starting());
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(pid), 20000);
    }

    void thePropertiesLaunchAServer()
    {
        WorkspaceController workspace;
        RedisController *redis = addRedis(workspace, RedisSpec{});
        RedisEditor editor(workspace);
        editor.setController(redis);
        QCheckBox *launch = nullptr;
        for (QCheckBox *box : editor.findChildren<QCheckBox *>())
            if (box->text().contains(QLatin1String("redis-server")))
                launch = box;
        QVERIFY(launch && launch->text().contains(QLatin1String("redis-server")));
        QVERIFY(!launch->isChecked());
        launch->setChecked(true);
        // The port may now be "any free port".
        for (QSpinBox *port : editor.findChildren<QSpinBox *>())
            if (port->value() == 6379)
                port->setValue(0);
        QVERIFY(editor.apply());
        QVERIFY(redis->spec().launch);
        QCOMPARE(redis->spec().port, std::uint16_t(0));
        QVERIFY2(redis->summary().contains(QLatin1String("launched redis-server on a free port")),
                 qPrintable(redis->summary()));
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        QVERIFY(redis->summary().contains(
            QStringLiteral("launched redis-server :%1").arg(redis->launchedServer()->port())));
    }
};

QTEST_MAIN(TestRedisLaunch)
#include "tst_app_redislaunch.moc"
