// SPDX-License-Identifier: MIT
// Workspace files: save -> load round trip; every bad-file case (missing, malformed, newer
// version, no version, a wrong field, an unknown type, a twice-used id, a dangling link) is a
// clear message and changes nothing; version-1 files migrate; a kind registered by the test
// alone appears in the tree, saves and loads; recent files; the demo workspace and port
// overrides; the command line.
#include "clienttype.h"
#include "commandline.h"
#include "demoworkspace.h"
#include "dieseltest.h"
#include "documentcontroller.h"
#include "itemtyperegistry.h"
#include "itemwidget.h"
#include "jsonfields.h"
#include "queuecontroller.h"
#include "queuetype.h"
#include "recentfiles.h"
#include "redisserverprocess.h"
#include "redisspec.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacefile.h"
#include "workspacemodel.h"
#include "workspacepanel.h"

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
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
    push.queue = QStringLiteral("jobs-id");
    ClientSpec client;
    client.name = QStringLiteral("to holla");
    client.port = 4321;
    client.lineEnding = LineEnding::Lf;
    client.replyTimeout = 2.5;
    client.autoconnect = true;
    client.repeat = RepeatSpec{true, QStringLiteral("hi {n}"), 10, 0.25};
    QueueSpec queue;
    queue.name = QStringLiteral("jobs");
    queue.capacity = 0;
    queue.consumers = 2;
    queue.consumeDelay = 0.5;
    w.items = {
        serviceItem(tcp, QStringLiteral("holla")), serviceItem(tls, QStringLiteral("secure")),
        serviceItem(push, QStringLiteral("push")), clientItem(client, QStringLiteral("to holla")),
        queueItem(queue, QStringLiteral("jobs-id"))};
    return w;
}

// The Services of a workspace, as values.
std::vector<ServiceSpec> servicesOf(const Workspace &w)
{
    std::vector<ServiceSpec> specs;
    for (const WorkspaceItem *item : w.itemsOfType(QStringLiteral("service")))
        specs.push_back(readServiceSpec(item->settings, {}, nullptr));
    return specs;
}

// A kind that only this test knows: a note with a text. It registers in initTestCase().
class NoteController : public ItemController
{
public:
    explicit NoteController(QJsonObject settings)
        : m_settings(std::move(settings))
    {}
    QString name() const override { return m_settings.value(QLatin1String("name")).toString(); }
    QString summary() const override
    {
        return name() + QStringLiteral(": ") + m_settings.value(QLatin1String("text")).toString();
    }
    bool autostart() const override { return true; }
    bool start() override
    {
        setState(ItemState::Running);
        return true;
    }
    void stop() override { setState(ItemState::Stopped); }
    QJsonObject settings() const override { return m_settings; }

private:
    QJsonObject m_settings;
};

class NoteEditor : public ItemWidget
{
public:
    using ItemWidget::ItemWidget;
    void showItem(ItemController *item) override { shown = item; }
    ItemController *shown = nullptr;
};

void registerNoteKind()
{
    ItemType t;
    t.id = QStringLiteral("note");
    t.displayName = QStringLiteral("Note");
    t.groups = {QStringLiteral("Notes")};
    t.treeOrder = 100;
    t.read = [](const QJsonObject &o, const QString &where, const ItemReadContext &) {
        QJsonObject settings;
        settings.insert(QStringLiteral("name"), getName(o, where, QStringLiteral("note")));
        settings.insert(QStringLiteral("text"), getString(o, where, "text", {}));
        return settings;
    };
    t.createController = [](const QJsonObject &settings, WorkspaceController &) {
        return static_cast<ItemController *>(new NoteController(settings));
    };
    t.createEditor = [](WorkspaceController &, QWidget *parent) -> ItemWidget * {
        return new NoteEditor(parent);
    };
    t.newItems.push_back({QStringLiteral("note"),
                          QStringLiteral("New &Note"),
                          {},
                          {},
                          {},
                          [](WorkspaceController &workspace, ItemController *) {
                              QJsonObject o;
                              o.insert(QStringLiteral("name"),
                                       workspace.uniqueName(QStringLiteral("note")));
                              o.insert(QStringLiteral("text"), QStringLiteral("new"));
                              return o;
                          },
                          true});
    ItemTypeRegistry::instance().add(std::move(t));
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
    void initTestCase() { registerNoteKind(); }
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
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("\"version\": 2"));
        QVERIFY(text.contains("\"queue\": \"jobs-id\"")); // the link, by id
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
            << QByteArray("{\"version\": 3}")
            << QStringLiteral("newer Diesel Workbench (workspace version 3)");
        QTest::newRow("unknown type")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"a\", \"type\": \"dance\", "
                          "\"name\": \"x\"}]}")
            << QStringLiteral("items[0].type: unknown item type \"dance\" (known: client, "
                              "http-client, http-service, mongodb, note, pool, queue, redis, riak, "
                              "service, websocket-client)");
        QTest::newRow("no type")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"a\", \"name\": \"x\"}]}")
            << QStringLiteral("items[0].type: missing");
        QTest::newRow("no id")
            << QByteArray("{\"version\": 2, \"items\": [{\"type\": \"queue\", \"name\": \"x\"}]}")
            << QStringLiteral("items[0].id: missing");
        QTest::newRow("duplicate id")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"a\", \"type\": \"queue\", "
                          "\"name\": \"x\"}, {\"id\": \"a\", \"type\": \"service\", \"name\": "
                          "\"y\"}]}")
            << QStringLiteral("items[1].id: another item has the id \"a\"");
        QTest::newRow("dangling link")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"s\", \"type\": \"service\", "
                          "\"name\": \"x\", \"behaviour\": \"queue\", \"queue\": \"gone\"}]}")
            << QStringLiteral("items[0].queue: no item has the id \"gone\"");
        QTest::newRow("link to the wrong kind")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"s\", \"type\": \"service\", "
                          "\"name\": \"x\", \"behaviour\": \"queue\", \"queue\": \"s\"}]}")
            << QStringLiteral("items[0].queue: \"s\" is a service, not a queue");
        QTest::newRow("v2 bad port")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"p\", \"type\": \"pool\", "
                          "\"name\": \"x\", \"port\": 0}]}")
            << QStringLiteral("items[0].port: expected a number from 1 to 65535");
        QTest::newRow("v1 queue push to no queue")
            << QByteArray("{\"version\": 1, \"services\": [{\"name\": \"x\", \"behaviour\": "
                          "\"queue\", \"queue\": \"jobs\"}]}")
            << QStringLiteral("services[0].queue: no Queue is named \"jobs\"");
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
        running.items = {serviceItem(spec, QStringLiteral("holla"))};
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
        addService(workspace, ServiceSpec{});
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

    // The demo's Redis item launches a redis-server of its own when one is on the PATH; without
    // one it shows where a server goes and waits to be started.
    void demoRedisLaunchesWhenRedisServerIsOnThePath()
    {
        QVERIFY2(!findRedisServer().isEmpty(), "this test needs redis-server on the PATH");
        const Workspace demo = demoWorkspace(DemoPorts{14321, 11234, 15555, 18080, 16390});
        const auto redis = demo.itemsOfType(QStringLiteral("redis"));
        QCOMPARE(redis.size(), std::size_t(1));
        const RedisSpec launching = readRedisSpec(redis[0]->settings, {});
        QVERIFY(launching.launch && launching.autostart);
        QCOMPARE(launching.port, std::uint16_t(16390));
        QCOMPARE(
            readRedisSpec(demoWorkspace().itemsOfType(QStringLiteral("redis"))[0]->settings, {})
                .port,
            std::uint16_t(0)); // by default: any free port

        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QDir::tempPath().toLocal8Bit() + "/no-such-folder");
        const Workspace without = demoWorkspace(DemoPorts{14321, 11234, 15555, 18080, 16390});
        qputenv("PATH", path);
        const RedisSpec pointing =
            readRedisSpec(without.itemsOfType(QStringLiteral("redis"))[0]->settings, {});
        QVERIFY(!pointing.launch && !pointing.autostart);
        QCOMPARE(pointing.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(pointing.port, std::uint16_t(6379));
    }

    void demoWorkspaceWithOtherPorts()
    {
        const Workspace demo = demoWorkspace(DemoPorts{14321, 11234, 15555, 18080});
        QCOMPARE(demo.version, 2);
        const std::vector<ServiceSpec> services = servicesOf(demo);
        QCOMPARE(services.size(), std::size_t(3));
        QCOMPARE(services[0].port, std::uint16_t(14321));
        QCOMPARE(toString(services[0].behaviour), toString(Behaviour::Holla));
        QCOMPARE(toString(services[1].transport), toString(Transport::Udp));
        QCOMPARE(services[1].port, std::uint16_t(11234));
        QCOMPARE(toString(services[2].behaviour), toString(Behaviour::Broker));
        QCOMPARE(services[2].port, std::uint16_t(15555));
        const auto clients = demo.itemsOfType(QStringLiteral("client"));
        QVERIFY(!clients.empty());
        const ClientSpec client = readClientSpec(clients[0]->settings, {});
        QCOMPARE(client.port, std::uint16_t(14321)); // follows the holla service
        QVERIFY(client.autoconnect && client.repeat.enabled);
        // The pool with its actors follows the holla service too.
        const auto pools = demo.itemsOfType(QStringLiteral("pool"));
        QCOMPARE(pools.size(), std::size_t(1));
        QCOMPARE(pools[0]->settings.value(QLatin1String("port")).toInt(), 14321);
        QVERIFY(pools[0]->settings.value(QLatin1String("actors")).toInt() > 0);
        // The queue's consumers send through that pool, linked by its id.
        const auto queues = demo.itemsOfType(QStringLiteral("queue"));
        QCOMPARE(queues.size(), std::size_t(1));
        QCOMPARE(queues[0]->settings.value(QLatin1String("pool")).toString(), pools[0]->id);
        QVERIFY(queues[0]->settings.value(QLatin1String("producers")).toInt() > 0);
        // The HTTP Service with its two routes moves too.
        const auto web = demo.itemsOfType(QStringLiteral("http-service"));
        QCOMPARE(web.size(), std::size_t(1));
        QCOMPARE(web[0]->settings.value(QLatin1String("port")).toInt(), 18080);
        QCOMPARE(web[0]->settings.value(QLatin1String("routes")).toArray().size(), 2);

        Workspace w = demo;
        const QStringList refused = overridePorts(w, {{QStringLiteral("nosuch"), 1}});
        QCOMPARE(refused, QStringList{QStringLiteral("--port nosuch: no Service has this name")});

        // Two Services of one name: the file is accepted, --port refuses the name.
        w.items[1].settings.insert(QStringLiteral("name"), services[0].name);
        const QStringList ambiguous = overridePorts(w, {{services[0].name, 4421}});
        QCOMPARE(ambiguous.size(), 1);
        QVERIFY2(ambiguous[0].contains(QLatin1String("2 Services have this name")),
                 qPrintable(ambiguous[0]));
        QCOMPARE(servicesOf(w)[0].port, services[0].port);
    }

    // Every version-1 workspace file the repository has opens, keeps its items (names, kinds,
    // order) and is saved as version 2, which reads back the same.
    void versionOneFilesMigrate_data()
    {
        QTest::addColumn<QString>("path");
        const QString root = QStringLiteral(DIESEL_SOURCE_DIR);
        int found = 0;
        for (const QString &dir : {QStringLiteral("/tests"), QStringLiteral("/bench"),
                                   QStringLiteral("/examples"), QStringLiteral("/resources")}) {
            QDirIterator it(root + dir, {QStringLiteral("*.json")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.contains(QLatin1String("node_modules")) ||
                    path.contains(QLatin1String("package")))
                    continue;
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
                if (o.value(QLatin1String("version")).toInt() != 1 ||
                    !o.contains(QLatin1String("services")))
                    continue;
                QTest::newRow(qPrintable(path.mid(root.size() + 1))) << path;
                ++found;
            }
        }
        QVERIFY(found >= 3); // the fuzz corpus (the old demo among them) and the bench's
    }

    void versionOneFilesMigrate()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject v1 = QJsonDocument::fromJson(file.readAll()).object();
        const WorkspaceResult loaded = readWorkspaceFile(path);
        QVERIFY2(loaded, qPrintable(loaded.error));
        QCOMPARE(loaded.workspace->version, 1);
        QStringList expected;
        for (const char *key : {"services", "clients", "queues"})
            for (const QJsonValue &item : v1.value(QLatin1String(key)).toArray())
                expected << QLatin1String(key).chopped(1) + QLatin1Char(':') +
                                item.toObject().value(QLatin1String("name")).toString();
        QStringList migrated;
        for (const WorkspaceItem &item : loaded.workspace->items)
            migrated << item.type + QLatin1Char(':') +
                            item.settings.value(QLatin1String("name")).toString();
        QCOMPARE(migrated, expected);

        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("v2.json"));
        QVERIFY(writeWorkspaceFile(saved, *loaded.workspace, nullptr));
        QFile again(saved);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QVERIFY(again.readAll().contains("\"version\": 2"));
        const WorkspaceResult reread = readWorkspaceFile(saved);
        QVERIFY2(reread, qPrintable(reread.error));
        QCOMPARE(reread.workspace->version, 2);
        QVERIFY(reread.workspace->items == loaded.workspace->items);
    }

    // A hand-written version-1 file whose Service pushes into a Queue by name: the link becomes
    // the Queue's id, and the migrated Service really pushes into that Queue.
    void versionOneQueuePushMigrates()
    {
        const quint16 port = dtest::free_port();
        const QByteArray v1 =
            QStringLiteral("{\"version\": 1, \"services\": [{\"name\": \"push\", "
                           "\"port\": %1, \"behaviour\": \"queue\", \"queue\": \"jobs\"},"
                           " {\"name\": \"echo\", \"behaviour\": \"echo\", \"queue\": "
                           "\"left over\"}], \"queues\": [{\"name\": \"other\"}, "
                           "{\"name\": \"jobs\", \"capacity\": 5}]}")
                .arg(port)
                .toUtf8();
        const WorkspaceResult result = parseWorkspace(v1, QStringLiteral("v1"));
        QVERIFY2(result, qPrintable(result.error));
        const Workspace &w = *result.workspace;
        QCOMPARE(w.items.size(), std::size_t(4));
        const std::vector<ServiceSpec> services = servicesOf(w);
        const auto queues = w.itemsOfType(QStringLiteral("queue"));
        QCOMPARE(queues.size(), std::size_t(2));
        QCOMPARE(queues[1]->settings.value(QLatin1String("name")).toString(),
                 QStringLiteral("jobs"));
        QCOMPARE(services[0].queue, queues[1]->id);
        QVERIFY(services[1].queue.isEmpty()); // a name no behaviour used is dropped

        WorkspaceController workspace;
        workspace.load(w);
        workspace.startAutostart();
        auto *push = qobject_cast<ServiceController *>(workspace.items().front());
        QVERIFY(push);
        QCOMPARE(toString(push->state()), toString(ItemState::Running));
        auto *jobs = qobject_cast<QueueController *>(workspace.item(queues[1]->id));
        QVERIFY(jobs);
        QVERIFY(push->queueInUse() == jobs->queue());
        QVERIFY(workspace.toWorkspace().items == w.items);
        workspace.stopAll();
    }

    // Only a pushing Service links to a Queue: the link another behaviour left behind (the Queue
    // since removed) is dropped on reading, so the file opens and saves.
    void aLeftoverQueueLinkIsDropped()
    {
        const WorkspaceResult result = parseWorkspace(
            "{\"version\": 2, \"items\": [{\"id\": \"s\", \"type\": \"service\", \"name\": "
            "\"x\", \"behaviour\": \"echo\", \"queue\": \"gone\"}]}",
            QStringLiteral("leftover"));
        QVERIFY2(result, qPrintable(result.error));
        QVERIFY(servicesOf(*result.workspace)[0].queue.isEmpty());
        QVERIFY(!result.workspace->items[0].settings.contains(QLatin1String("queue")));
    }

    // A kind registered by this test alone: the panel offers it, the tree shows it under its
    // group, Properties has its editor, and it saves and loads like the built-in ones.
    void aKindRegisteredInTheTestAlone()
    {
        WorkspaceController workspace;
        WorkspacePanel panel(workspace);
        QAction *add = panel.newItemAction(QStringLiteral("note"));
        QVERIFY(add);
        add->trigger();
        QCOMPARE(workspace.items().size(), 1);
        ItemController *note = workspace.items().front();
        QCOMPARE(note->type().id, QStringLiteral("note"));
        QCOMPARE(toString(note->state()), toString(ItemState::Running)); // started at once
        const QModelIndex group = panel.model().groupIndex(QStringLiteral("Notes"));
        QVERIFY(group.isValid());
        QCOMPARE(panel.model().rowCount(group), 1);
        QCOMPARE(panel.model().index(0, 0, group).data().toString(), QStringLiteral("note: new"));
        QCOMPARE(panel.selectedItem(), note);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.json"));
        QVERIFY(writeWorkspaceFile(path, workspace.toWorkspace(), nullptr));
        const WorkspaceResult loaded = readWorkspaceFile(path);
        QVERIFY2(loaded, qPrintable(loaded.error));
        QCOMPARE(loaded.workspace->items.size(), std::size_t(1));
        QCOMPARE(loaded.workspace->items[0].type, QStringLiteral("note"));
        QCOMPARE(loaded.workspace->items[0].id, note->id());
        QCOMPARE(loaded.workspace->items[0].settings.value(QLatin1String("text")).toString(),
                 QStringLiteral("new"));
        WorkspaceController reloaded;
        reloaded.load(*loaded.workspace);
        QVERIFY(reloaded.toWorkspace() == workspace.toWorkspace());
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
        // Without a FILE: the demo; "--headless=FILE" is the same as "--headless FILE".
        cl = parseCommandLine({QStringLiteral("dw"), QStringLiteral("--headless"),
                               QStringLiteral("--seconds"), QStringLiteral("2")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Headless));
        QVERIFY(cl.file.isEmpty());
        QCOMPARE(cl.seconds, 2.0);
        cl = parseCommandLine({QStringLiteral("dw"), QStringLiteral("--headless=w.json")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Headless));
        QCOMPARE(cl.file, QStringLiteral("w.json"));
        cl = parseCommandLine({QStringLiteral("dw"), QStringLiteral("--headless"),
                               QStringLiteral("a.json"), QStringLiteral("b.json")});
        QCOMPARE(int(cl.mode), int(CommandLine::Mode::Error));
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
