// SPDX-License-Identifier: MIT
// Workspace files: save -> load round trip; every bad-file case (missing, malformed, newer
// version, no version, a wrong field) is a clear message and changes nothing; recent files; the
// demo workspace and port overrides; the command line.
#include "commandline.h"
#include "demoworkspace.h"
#include "dieseltest.h"
#include "documentcontroller.h"
#include "recentfiles.h"
#include "servicecontroller.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <sys/stat.h>

using namespace workbench;

namespace {

Workspace sample()
{
    Workspace w;
    w.name = QStringLiteral("sample");
    ServiceSpec tcp;
    tcp.name = QStringLiteral("holla");
    tcp.port = 4321;
    ServiceSpec tls;
    tls.name = QStringLiteral("secure");
    tls.port = 4433;
    tls.iface = QStringLiteral("::");
    tls.behaviour = Behaviour::Echo;
    tls.tls = TlsMode::Files;
    tls.certFile = QStringLiteral("/etc/cert.pem");
    tls.keyFile = QStringLiteral("/etc/key.pem");
    tls.autostart = false;
    tls.idleTimeout = 0;
    tls.minReceiveRate = 4096;
    ServiceSpec push;
    push.name = QStringLiteral("push");
    push.transport = Transport::Udp;
    push.behaviour = Behaviour::QueuePush;
    push.queue = QStringLiteral("jobs");
    w.services = {tcp, tls, push};
    ClientSpec client;
    client.name = QStringLiteral("to holla");
    client.port = 4321;
    client.lineEnding = LineEnding::Lf;
    client.replyTimeout = 2.5;
    client.autoconnect = true;
    client.repeat = RepeatSpec{true, QStringLiteral("hi {n}"), 10, 0.25};
    w.clients = {client};
    QueueSpec queue;
    queue.name = QStringLiteral("jobs");
    queue.capacity = 0;
    queue.consumers = 2;
    queue.consumeDelay = 0.5;
    w.queues = {queue};
    return w;
}

QString write(const QTemporaryDir &dir, const char *name, const QByteArray &content)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void saveLoadRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.diesel.json"));
        const Workspace original = sample();
        QString error;
        QVERIFY(writeWorkspaceFile(path, original, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"version\": 1"));
        const WorkspaceResult loaded = readWorkspaceFile(path);
        QVERIFY2(loaded, qPrintable(loaded.error));
        QVERIFY(*loaded.workspace == original);

        // Through the controllers too: load, turn back into values, compare.
        WorkspaceController workspace;
        workspace.load(*loaded.workspace);
        QCOMPARE(workspace.items().size(), 5);
        QVERIFY(workspace.toWorkspace() == original);
        QVERIFY(!workspace.modified());
    }

    void badFilesAreClearMessages_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed") << QByteArray("{\"version\": 1, \"services\": [")
                                   << QStringLiteral("is not valid JSON");
        QTest::newRow("not an object")
            << QByteArray("[1, 2]") << QStringLiteral("expected a JSON object");
        QTest::newRow("no version")
            << QByteArray("{\"services\": []}") << QStringLiteral("has no \"version\" field");
        QTest::newRow("newer version")
            << QByteArray("{\"version\": 2}")
            << QStringLiteral("newer Diesel Workbench (workspace version 2)");
        QTest::newRow("bad version")
            << QByteArray("{\"version\": \"one\"}") << QStringLiteral("invalid \"version\"");
        QTest::newRow("bad port")
            << QByteArray("{\"version\": 1, \"services\": [{\"name\": \"x\", \"port\": 70000}]}")
            << QStringLiteral("services[0].port: expected a number from 0 to 65535");
        QTest::newRow("bad behaviour")
            << QByteArray(
                   "{\"version\": 1, \"services\": [{\"name\": \"x\", \"behaviour\": \"dance\"}]}")
            << QStringLiteral("services[0].behaviour: expected one of");
        QTest::newRow("udp broker")
            << QByteArray(
                   "{\"version\": 1, \"services\": [{\"name\": \"x\", \"transport\": \"udp\", "
                   "\"behaviour\": \"broker\"}]}")
            << QStringLiteral("the broker needs TCP");
        QTest::newRow("no client name")
            << QByteArray("{\"version\": 1, \"clients\": [{\"port\": 1}]}")
            << QStringLiteral("clients[0].name: missing");
        QTest::newRow("services not a list") << QByteArray("{\"version\": 1, \"services\": 3}")
                                             << QStringLiteral("services: expected a list");
        QTest::newRow("twin queues")
            << QByteArray("{\"version\": 1, \"queues\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}")
            << QStringLiteral("another Queue is named \"a\"");
        // Versions past int: toInt() made them 0 (or 1) and the file was taken as version 0.
        QTest::newRow("version 2^32+1") << QByteArray("{\"version\": 4294967297}")
                                        << QStringLiteral("workspace version 4294967297");
        QTest::newRow("version 1e10")
            << QByteArray("{\"version\": 1e10}") << QStringLiteral("newer Diesel Workbench");
        QTest::newRow("version 1e308")
            << QByteArray("{\"version\": 1e308}") << QStringLiteral("newer Diesel Workbench");
        // Raw control characters, which Qt's parser accepts, in values and keys.
        QTest::newRow("NUL in an interface")
            << QByteArray("{\"version\": 1, \"services\": [{\"name\": \"x\", \"interface\": "
                          "\"127.0.0.1\0evil\"}]}",
                          74)
            << QStringLiteral("services[0].interface: contains the control character U+0000");
        QTest::newRow("escape in a host")
            << QByteArray("{\"version\": 1, \"clients\": [{\"name\": \"c\", \"host\": "
                          "\"local\\u001bhost\"}]}")
            << QStringLiteral("clients[0].host: contains the control character U+001b");
        QTest::newRow("tab in a name")
            << QByteArray("{\"version\": 1, \"queues\": [{\"name\": \"a\tb\"}]}")
            << QStringLiteral("queues[0].name: contains the control character U+0009");
        QTest::newRow("NUL in a key")
            << QByteArray("{\"version\": 1, \"services\": [{\"name\": \"x\", \"po\0rt\": 1}]}", 55)
            << QStringLiteral("services[0].po");
    }

    // Special files: /dev/zero aborted with bad_alloc, /dev/urandom grew without end, a FIFO
    // blocked. Each is refused at once without being read.
    void specialFilesAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero");
        QTest::newRow("/dev/urandom") << QStringLiteral("/dev/urandom");
        QTest::newRow("a directory") << QStringLiteral("/tmp");
    }

    void specialFilesAreRefused()
    {
        QFETCH(QString, path);
        const WorkspaceResult result = readWorkspaceFile(path);
        QVERIFY(!result);
        QVERIFY2(result.error.contains(QLatin1String("not a regular file")),
                 qPrintable(result.error));
    }

    void aFifoIsRefusedWithoutBlocking()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fifo.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        const WorkspaceResult result = readWorkspaceFile(path); // no writer: must not wait
        QVERIFY(!result);
        QVERIFY2(result.error.contains(QLatin1String("not a regular file")),
                 qPrintable(result.error));
    }

    void aHugeFileIsReadOnlyToTheLimit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(qint64(1) << 32)); // sparse: 4 GiB claimed, nothing on disk
        file.close();
        const WorkspaceResult result = readWorkspaceFile(path);
        QVERIFY(!result);
        QVERIFY2(result.error.contains(QLatin1String("too large")), qPrintable(result.error));
    }

    void badFilesAreClearMessages()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = write(dir, "bad.json", content);
        const WorkspaceResult result = readWorkspaceFile(path);
        QVERIFY(!result);
        QVERIFY2(result.error.contains(expected), qPrintable(result.error));
        QVERIFY2(result.error.contains(path), qPrintable(result.error));
    }

    void aMissingFile()
    {
        const WorkspaceResult result = readWorkspaceFile(QStringLiteral("/no/such/workspace.json"));
        QVERIFY(!result);
        QVERIFY(result.error.contains(QLatin1String("there is no such file")));
    }

    void aBadFileChangesNothing()
    {
        QTemporaryDir dir;
        MemorySettings settings;
        RecentFiles recent(settings);
        WorkspaceController workspace;
        QWidget window;
        DocumentController document(workspace, recent, &window);
        Workspace running;
        ServiceSpec spec;
        spec.port = dtest::free_port();
        running.services = {spec};
        const QString good = dir.filePath(QStringLiteral("good.json"));
        QVERIFY(writeWorkspaceFile(good, running, nullptr));
        QVERIFY(document.openFile(good));
        QCOMPARE(workspace.items().size(), 1);
        ItemController *item = workspace.items().front();
        QCOMPARE(toString(item->state()), toString(ItemState::Running));

        QSignalSpy problems(&document, &DocumentController::problem);
        const QStringList bad = {write(dir, "newer.json", "{\"version\": 9}"),
                                 write(dir, "broken.json", "{"),
                                 dir.filePath(QStringLiteral("gone.json"))};
        for (const QString &path : bad) {
            QVERIFY(!document.openFile(path));
            QCOMPARE(workspace.items().size(), 1);
            QCOMPARE(workspace.items().front(), item);
            QCOMPARE(toString(item->state()), toString(ItemState::Running));
            QCOMPARE(document.path(), QFileInfo(good).absoluteFilePath());
        }
        QCOMPARE(problems.size(), 3);
        QCOMPARE(recent.files(), QStringList{QFileInfo(good).absoluteFilePath()});
    }

    void saveThroughTheDocument()
    {
        QTemporaryDir dir;
        MemorySettings settings;
        RecentFiles recent(settings);
        WorkspaceController workspace;
        QWidget window;
        DocumentController document(workspace, recent, &window);
        document.setAskUnsaved(
            [](QWidget *, const QString &) { return DocumentController::Unsaved::Discard; });
        workspace.addService(ServiceSpec{});
        QVERIFY(workspace.modified());
        const QString path = dir.filePath(QStringLiteral("saved.diesel.json"));
        QVERIFY(document.saveAs(path));
        QVERIFY(!workspace.modified());
        QCOMPARE(document.displayName(), QStringLiteral("saved.diesel.json"));
        QCOMPARE(recent.files().front(), QFileInfo(path).absoluteFilePath());
        QVERIFY(document.maybeSave());
    }

    void recentFilesAreBounded()
    {
        MemorySettings settings;
        RecentFiles recent(settings);
        for (int i = 0; i < 12; ++i)
            recent.add(QStringLiteral("/tmp/w%1.json").arg(i));
        recent.add(QStringLiteral("/tmp/w5.json"));
        QCOMPARE(recent.files().size(), RecentFiles::kMax);
        QCOMPARE(recent.files().front(), QStringLiteral("/tmp/w5.json"));
        QCOMPARE(recent.files().count(QStringLiteral("/tmp/w5.json")), 1);
    }

    void demoWorkspaceWithOtherPorts()
    {
        const Workspace demo = demoWorkspace(DemoPorts{14321, 11234, 15555});
        QCOMPARE(demo.version, 1);
        QCOMPARE(demo.services.size(), std::size_t(3));
        QCOMPARE(demo.services[0].port, std::uint16_t(14321));
        QCOMPARE(toString(demo.services[0].behaviour), toString(Behaviour::Holla));
        QCOMPARE(toString(demo.services[1].transport), toString(Transport::Udp));
        QCOMPARE(demo.services[1].port, std::uint16_t(11234));
        QCOMPARE(toString(demo.services[2].behaviour), toString(Behaviour::Broker));
        QCOMPARE(demo.services[2].port, std::uint16_t(15555));
        QVERIFY(!demo.clients.empty());
        QCOMPARE(demo.clients[0].port, std::uint16_t(14321)); // follows the holla service
        QVERIFY(demo.clients[0].autoconnect && demo.clients[0].repeat.enabled);

        Workspace w = demo;
        const QStringList refused = overridePorts(w, {{QStringLiteral("nosuch"), 1}});
        QCOMPARE(refused, QStringList{QStringLiteral("--port nosuch: no Service has this name")});

        // Two Services of one name: the file is accepted, --port refuses the name.
        w.services[1].name = w.services[0].name;
        const std::uint16_t before = w.services[0].port;
        const QStringList ambiguous = overridePorts(w, {{w.services[0].name, 4421}});
        QCOMPARE(ambiguous.size(), 1);
        QVERIFY2(ambiguous[0].contains(QLatin1String("2 Services have this name")),
                 qPrintable(ambiguous[0]));
        QCOMPARE(w.services[0].port, before);
    }

    void commandLine()
    {
        CommandLine cl = parseCommandLine({QStringLiteral("dw"), QStringLiteral("--headless"),
                                           QStringLiteral("w.json"), QStringLiteral("--port"),
                                           QStringLiteral("holla=5000"), QStringLiteral("-p"),
                                           QStringLiteral("udp holla=5001")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Headless));
        QCOMPARE(cl.file, QStringLiteral("w.json"));
        QCOMPARE(cl.ports.value(QStringLiteral("holla")), std::uint16_t(5000));
        QCOMPARE(cl.ports.value(QStringLiteral("udp holla")), std::uint16_t(5001));
        cl = parseCommandLine({QStringLiteral("dw")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Window));
        QVERIFY(cl.file.isEmpty());
        cl =
            parseCommandLine({QStringLiteral("dw"), QStringLiteral("--port"), QStringLiteral("x")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Error));
        cl = parseCommandLine({QStringLiteral("dw"), QStringLiteral("--help")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Help));
        QVERIFY(cl.message.contains(QLatin1String("--headless")));
        cl = parseCommandLine({QStringLiteral("dw"), QStringLiteral("--version")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Version));
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_app_workspace.moc"
