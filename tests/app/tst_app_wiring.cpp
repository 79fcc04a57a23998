// SPDX-License-Identifier: MIT
// Services wired to other items, with real sockets: a proxy Service forwards each line through a
// Pool to a holla Service; the Pool stopped or removed is an error on the proxy, whose clients
// get ERROR lines while it serves on; a Service publishes each line to a channel of a broker
// Service, and a real subscriber receives it; the links are picked in the editor, saved and
// loaded; the chain runs headless from the same file.
#include "dieseltest.h"
#include "poolcontroller.h"
#include "pooltype.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "servicetype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/diesel.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace workbench;

namespace {

const QString kProgram = QStringLiteral(DIESEL_WORKBENCH_BIN);

// Connects, sends `line` and returns the one line that comes back ("" when none within 10 s).
std::string askOnce(std::uint16_t port, const std::string &line)
{
    std::string reply;
    dtest::run_in_loop([&] {
        diesel::Client c("127.0.0.1", port);
        c.call([&] {
            diesel::send(line + "\r\n");
            auto r = diesel::first(diesel::cond::sleep(10.0), diesel::cond::until_eol());
            if (r.index() == 1)
                reply = std::get<1>(r);
        });
    });
    return reply;
}

double measure(const ItemController &item, const QString &name)
{
    for (const ItemMeasure &m : item.measures())
        if (m.name == name)
            return m.value;
    return -1;
}

// holla <- Pool "backends" <- proxy (Forward), the proxy on `proxyPort`.
struct ProxyChain
{
    ServiceController *holla;
    PoolController *pool;
    ServiceController *proxy;
};

std::vector<WorkspaceItem> proxyChainItems(std::uint16_t hollaPort, std::uint16_t proxyPort)
{
    ServiceSpec holla;
    holla.name = QStringLiteral("holla");
    holla.port = hollaPort;
    PoolSpec pool;
    pool.name = QStringLiteral("backends");
    pool.port = hollaPort;
    pool.actors = 0; // only the proxy borrows
    ServiceSpec proxy;
    proxy.name = QStringLiteral("proxy");
    proxy.port = proxyPort;
    proxy.behaviour = Behaviour::Forward;
    proxy.pool = QStringLiteral("backends");
    return {serviceItem(holla, QStringLiteral("holla")), poolItem(pool, QStringLiteral("backends")),
            serviceItem(proxy, QStringLiteral("proxy"))};
}

ProxyChain addProxyChain(WorkspaceController &workspace)
{
    Workspace w;
    w.items = proxyChainItems(dtest::free_port(), dtest::free_port());
    workspace.load(w);
    return {qobject_cast<ServiceController *>(workspace.item(QStringLiteral("holla"))),
            qobject_cast<PoolController *>(workspace.item(QStringLiteral("backends"))),
            qobject_cast<ServiceController *>(workspace.item(QStringLiteral("proxy")))};
}

} // namespace

class TestWiring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void proxyForwardsThroughAPool()
    {
        WorkspaceController workspace;
        const ProxyChain chain = addProxyChain(workspace);
        QVERIFY(chain.holla && chain.pool && chain.proxy);
        // The workspace starts Services before Pools: the proxy is fine once all have started.
        workspace.startAll();
        QTRY_COMPARE(toString(chain.proxy->state()), toString(ItemState::Running));
        QCOMPARE(askOnce(chain.proxy->port(), "hello"), std::string("HELLO\r\n"));
        // The pool's connection went to the holla Service, not the client's.
        QVERIFY(dtest::spin_until([&] { return chain.pool->counters().created >= 1; }));
        QCOMPARE(measure(*chain.proxy, QStringLiteral("lines")), 1.0);
        QCOMPARE(measure(*chain.proxy, QStringLiteral("bytes in")), 7.0);
        QCOMPARE(measure(*chain.proxy, QStringLiteral("bytes out")), 7.0);
        QCOMPARE(measure(*chain.holla, QStringLiteral("lines")), 1.0);
    }

    // At shutdown the proxy stops before its Pool, though Services start before Pools: it never
    // sees its Pool go away, so the log has no error of it.
    void theProxyStopsBeforeItsPool()
    {
        WorkspaceController workspace;
        const ProxyChain chain = addProxyChain(workspace);
        workspace.startAll();
        QTRY_COMPARE(toString(chain.proxy->state()), toString(ItemState::Running));
        QCOMPARE(askOnce(chain.proxy->port(), "hello"), std::string("HELLO\r\n"));
        QStringList log;
        connect(&workspace, &WorkspaceController::logLine, &workspace,
                [&log](const QString &line) { log << line; });
        workspace.stopAll();
        const auto lineOf = [&log](const QString &start) {
            for (qsizetype i = 0; i < log.size(); ++i)
                if (log[i].startsWith(start))
                    return i;
            return qsizetype(-1);
        };
        const qsizetype proxyStopped =
            lineOf(QStringLiteral("proxy :%1 stopped").arg(chain.proxy->port()));
        const qsizetype poolStopped = lineOf(QStringLiteral("pool backends stopped"));
        const qsizetype hollaStopped =
            lineOf(QStringLiteral("holla :%1 stopped").arg(chain.holla->port()));
        QVERIFY2(proxyStopped >= 0 && poolStopped >= 0 && hollaStopped >= 0,
                 qPrintable(log.join(QLatin1Char('\n'))));
        QVERIFY2(proxyStopped < poolStopped && poolStopped < hollaStopped,
                 qPrintable(log.join(QLatin1Char('\n'))));
        QVERIFY2(!log.join(QLatin1Char('\n')).contains(QLatin1String("not running")),
                 qPrintable(log.join(QLatin1Char('\n'))));
        QCOMPARE(toString(chain.proxy->state()), toString(ItemState::Stopped));
    }

    void poolStoppedOrRemovedIsAnErrorAndLinesAnswerError()
    {
        WorkspaceController workspace;
        const ProxyChain chain = addProxyChain(workspace);
        workspace.startAll();
        QTRY_COMPARE(toString(chain.proxy->state()), toString(ItemState::Running));
        const std::uint16_t port = chain.proxy->port();

        chain.pool->stop();
        QTRY_COMPARE(toString(chain.proxy->state()), toString(ItemState::Error));
        QVERIFY2(chain.proxy->errorText().contains(QLatin1String("\"backends\" is not running")),
                 qPrintable(chain.proxy->errorText()));
        QVERIFY(chain.proxy->running());
        QCOMPARE(askOnce(port, "hello"),
                 std::string("ERROR the Pool \"backends\" is not running\r\n"));

        // Started again, the link works again.
        QVERIFY(chain.pool->start());
        QTRY_COMPARE(toString(chain.proxy->state()), toString(ItemState::Running));
        QCOMPARE(askOnce(port, "again"), std::string("AGAIN\r\n"));

        // Removed: an error on the proxy, which serves on; the editor keeps the link, shown
        // as missing, until the person picks another.
        workspace.remove(chain.pool);
        QCOMPARE(toString(chain.proxy->state()), toString(ItemState::Error));
        QVERIFY2(chain.proxy->errorText().contains(QLatin1String("(id \"backends\") was removed")),
                 qPrintable(chain.proxy->errorText()));
        const std::string reply = askOnce(port, "hello");
        QVERIFY2(reply.starts_with("ERROR there is no Pool with the id \"backends\""),
                 reply.c_str());
        // A second line on one connection: the connection stays after an ERROR.
        std::vector<std::string> two;
        dtest::run_in_loop([&] {
            diesel::Client c("127.0.0.1", port);
            c.call([&] {
                diesel::send("one\r\ntwo\r\n");
                two.push_back(diesel::until_eol());
                two.push_back(diesel::until_eol());
            });
        });
        QCOMPARE(two.size(), std::size_t(2));
        QVERIFY(two[1].starts_with("ERROR "));
        ServiceEditor editor(workspace);
        editor.setController(chain.proxy);
        QCOMPARE(editor.editedSpec().pool, QStringLiteral("backends"));
        QCOMPARE(editor.linkChoices().size(), qsizetype(1));
        QVERIFY(editor.linkChoices().front().first.contains(QLatin1String("missing")));
        // Stopped, it cannot start again on a link to nothing.
        chain.proxy->stop();
        QVERIFY(!chain.proxy->start());
        QVERIFY2(chain.proxy->errorText().contains(QLatin1String("no Pool with the id")),
                 qPrintable(chain.proxy->errorText()));
    }

    void publishesEachLineToABrokerChannel()
    {
        WorkspaceController workspace;
        ServiceSpec broker;
        broker.name = QStringLiteral("broker");
        broker.behaviour = Behaviour::Broker;
        broker.port = dtest::free_port();
        ServiceController *brokerItem = addService(workspace, broker, QStringLiteral("broker"));
        ServiceSpec publisher;
        publisher.name = QStringLiteral("news desk");
        publisher.behaviour = Behaviour::Publish;
        publisher.broker = QStringLiteral("broker");
        publisher.channel = QStringLiteral("news");
        publisher.port = dtest::free_port();
        ServiceController *desk = addService(workspace, publisher);
        workspace.startAll();
        QTRY_COMPARE(toString(desk->state()), toString(ItemState::Running));

        std::vector<std::string> subscriber;
        std::string published;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Client sub("127.0.0.1", broker.port);
            sub.call([&] {
                diesel::send("SUBSCRIBE news\r\n");
                subscriber.push_back(diesel::until_eol());
            });
            diesel::Client pub("127.0.0.1", publisher.port);
            published = pub.call([] {
                diesel::send("hello there\r\n");
                return diesel::until_eol();
            });
            sub.call([&] { subscriber.push_back(diesel::until_eol()); });
        }));
        QCOMPARE(published, std::string("PUBLISHED news 1\r\n"));
        QCOMPARE(subscriber,
                 (std::vector<std::string>{"SUBSCRIBED news\r\n", "MESSAGE news hello there\r\n"}));
        QCOMPARE(measure(*brokerItem, QStringLiteral("published")), 1.0);
        QCOMPARE(measure(*brokerItem, QStringLiteral("lines")), 1.0); // SUBSCRIBE news
        QCOMPARE(measure(*desk, QStringLiteral("lines")), 1.0);

        // Over UDP too: each datagram is published, the reply is a datagram.
        publisher.name = QStringLiteral("udp desk");
        publisher.transport = Transport::Udp;
        publisher.port = dtest::free_udp_port();
        QVERIFY(addService(workspace, publisher)->start());
        std::string udpReply;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::UDPClient c("127.0.0.1", publisher.port);
            c.call([&] {
                diesel::send("by datagram\r\n");
                auto r = diesel::first(diesel::cond::sleep(10.0), diesel::cond::datagram());
                if (r.index() == 1)
                    udpReply = std::get<1>(r);
            });
        }));
        QCOMPARE(udpReply, std::string("PUBLISHED news 0\r\n"));
        QCOMPARE(measure(*brokerItem, QStringLiteral("published")), 2.0);

        // The broker stopped: the desk shows it and answers ERROR.
        brokerItem->stop();
        QTRY_COMPARE(toString(desk->state()), toString(ItemState::Error));
        QCOMPARE(askOnce(desk->port(), "late"),
                 std::string("ERROR the broker \"broker\" is not running\r\n"));
        // The published count is the broker's since the item exists, restarts included.
        QVERIFY(brokerItem->start());
        QTRY_COMPARE(toString(desk->state()), toString(ItemState::Running));
        QCOMPARE(askOnce(desk->port(), "again"), std::string("PUBLISHED news 0\r\n"));
        QCOMPARE(measure(*brokerItem, QStringLiteral("published")), 3.0);
    }

    void editorOffersItemsOfTheRightKind()
    {
        WorkspaceController workspace;
        addProxyChain(workspace);
        ServiceSpec broker;
        broker.name = QStringLiteral("broker");
        broker.behaviour = Behaviour::Broker;
        addService(workspace, broker, QStringLiteral("broker"));
        ServiceController *service = addService(workspace, ServiceSpec{});
        ServiceEditor editor(workspace);
        editor.setController(service);

        ServiceSpec spec = editor.editedSpec();
        spec.behaviour = Behaviour::Forward;
        editor.setFields(spec);
        QCOMPARE(editor.linkChoices(),
                 (QList<QPair<QString, QString>>{
                     {QStringLiteral("backends"), QStringLiteral("backends")}}));
        // No Pool picked: Apply says so instead of saving a link to nothing.
        editor.setLink({});
        QVERIFY(!editor.apply());
        QVERIFY(editor.errorText().contains(QLatin1String("Pick the Pool")));
        editor.setLink(QStringLiteral("backends"));
        QVERIFY(editor.apply());
        QCOMPARE(service->spec().pool, QStringLiteral("backends"));

        // Publishing offers brokers only (not the holla or proxy Services).
        spec = editor.editedSpec();
        spec.behaviour = Behaviour::Publish;
        editor.setFields(spec);
        QCOMPARE(editor.linkChoices(), (QList<QPair<QString, QString>>{
                                           {QStringLiteral("broker"), QStringLiteral("broker")}}));
        editor.setLink(QStringLiteral("broker"));
        QVERIFY(!editor.apply()); // no channel yet
        QVERIFY(editor.errorText().contains(QLatin1String("needs a channel")));
        spec = editor.editedSpec();
        spec.channel = QStringLiteral("news");
        editor.setFields(spec);
        QVERIFY(editor.apply());
        QCOMPARE(service->spec().broker, QStringLiteral("broker"));
        QCOMPARE(service->spec().channel, QStringLiteral("news"));
        QVERIFY(service->spec().pool.isEmpty()); // the old link is dropped
    }

    void linksSaveAndLoad()
    {
        QTemporaryDir dir;
        Workspace w;
        w.items = proxyChainItems(4321, 4322);
        ServiceSpec broker;
        broker.name = QStringLiteral("broker");
        broker.behaviour = Behaviour::Broker;
        broker.port = 4323;
        ServiceSpec desk;
        desk.name = QStringLiteral("desk");
        desk.behaviour = Behaviour::Publish;
        desk.broker = QStringLiteral("broker");
        desk.channel = QStringLiteral("news");
        desk.port = 4324;
        w.items.push_back(serviceItem(broker, QStringLiteral("broker")));
        w.items.push_back(serviceItem(desk, QStringLiteral("desk")));
        const QString path = dir.filePath(QStringLiteral("chain.json"));
        QString error;
        QVERIFY2(writeWorkspaceFile(path, w, &error), qPrintable(error));

        const WorkspaceResult read = readWorkspaceFile(path);
        QVERIFY2(read.workspace, qPrintable(read.error));
        WorkspaceController workspace;
        workspace.load(*read.workspace);
        const auto *proxy =
            qobject_cast<ServiceController *>(workspace.item(QStringLiteral("proxy")));
        const auto *loadedDesk =
            qobject_cast<ServiceController *>(workspace.item(QStringLiteral("desk")));
        QVERIFY(proxy && loadedDesk);
        QCOMPARE(toString(proxy->spec().behaviour), toString(Behaviour::Forward));
        QCOMPARE(proxy->spec().pool, QStringLiteral("backends"));
        QCOMPARE(toString(loadedDesk->spec().behaviour), toString(Behaviour::Publish));
        QCOMPARE(loadedDesk->spec().broker, QStringLiteral("broker"));
        QCOMPARE(loadedDesk->spec().channel, QStringLiteral("news"));
        // And back out unchanged.
        QCOMPARE(workspaceJson(workspace.toWorkspace()), workspaceJson(*read.workspace));

        // A link to an item of the wrong kind or to nothing is refused, naming the field.
        QByteArray json = workspaceJson(w);
        json.replace("\"pool\": \"backends\"", "\"pool\": \"holla\"");
        const WorkspaceResult wrong = parseWorkspace(json, QStringLiteral("wrong.json"));
        QVERIFY(!wrong.workspace);
        QVERIFY2(wrong.error.contains(QLatin1String("\"holla\" is a service, not a pool")),
                 qPrintable(wrong.error));
    }

    void chainRunsHeadless()
    {
        QTemporaryDir dir;
        const std::uint16_t proxyPort = dtest::free_port();
        Workspace w;
        w.items = proxyChainItems(dtest::free_port(), proxyPort);
        const QString path = dir.filePath(QStringLiteral("chain.json"));
        QVERIFY(writeWorkspaceFile(path, w, nullptr));

        QProcess process;
        process.start(kProgram, {QStringLiteral("--headless"), path});
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
        QCOMPARE(askOnce(proxyPort, "through the chain"), std::string("THROUGH THE CHAIN\r\n"));
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(dtest::spin_until([&] { return process.state() == QProcess::NotRunning; },
                                  std::chrono::seconds(20)));
        output += process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 0);
        // Services start before Pools, yet the proxy never saw its Pool missing while running
        // (while stopping, the Pool goes first and the proxy may say so).
        const QByteArray running = output.left(output.indexOf("stopping"));
        QVERIFY2(!running.contains("is not running"), output.constData());
    }
};

QTEST_MAIN(TestWiring)
#include "tst_app_wiring.moc"
