// SPDX-License-Identifier: MIT
// The Pool item with real sockets: a Pool against a holla Service of the same workspace, its
// actors getting upper-case replies, its counters and its socket list moving, through its editor
// and console too; a pool held full past max wait is an error shown on the item while the Pool
// runs on; the demo workspace's pool is alive at first sight; Pools save and load.
#include "demoworkspace.h"
#include "dieseltest.h"
#include "hollaservice.h"
#include "itemtype.h"
#include "poolconsole.h"
#include "poolcontroller.h"
#include "pooleditor.h"
#include "pooltype.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <QLabel>
#include <QTest>

using namespace workbench;

namespace {

bool everyActorAnswered(const PoolController &pool, int actors)
{
    if (int(pool.actors().size()) != actors)
        return false;
    for (const PoolActor &a : pool.actors())
        if (a.replies == 0)
            return false;
    return true;
}

} // namespace

class TestPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void actorsGetUpperCaseRepliesThroughThePool()
    {
        WorkspaceController workspace;
        ServiceController *holla = startHolla(workspace);
        QCOMPARE(toString(holla->state()), toString(ItemState::Running));
        PoolSpec spec;
        spec.port = holla->port();
        spec.actors = 3;
        spec.interval = 0.01;
        spec.poolSize = 1;
        spec.poolMax = 3;
        spec.message = QStringLiteral("hi from {a} #{n}");
        PoolController *pool = addPool(workspace, spec);
        PoolEditor editor(workspace);
        editor.setController(pool);
        PoolConsole console;
        console.setController(pool);
        QVERIFY(pool->start());
        QCOMPARE(toString(pool->state()), toString(ItemState::Running));

        QVERIFY(dtest::spin_until([&] { return everyActorAnswered(*pool, 3); }));
        for (std::size_t i = 0; i < pool->actors().size(); ++i)
            QVERIFY2(
                pool->actors()[i].lastReply.startsWith(QStringLiteral("HI FROM %1 #").arg(i + 1)),
                qPrintable(pool->actors()[i].lastReply));
        QVERIFY(pool->lastProblem().isEmpty());
        // The counters moved: connections were made, and pool_size 1 keeps at most one idle
        // (the extras close as they come back).
        QVERIFY(dtest::spin_until([&] { return pool->counters().created >= 1; }));
        QVERIFY(pool->counters().idle <= 1);
        QVERIFY(editor.countersText().contains(
            QStringLiteral("created %1").arg(pool->counters().created)));
        // Its sockets, as netstat would list them: to the Service's port, from local ports.
        QVERIFY(dtest::spin_until([&] { return !pool->sockets().empty(); }));
        const QString peer = pool->sockets().front().peer;
        QVERIFY2(peer.endsWith(QStringLiteral(":%1").arg(holla->port())), qPrintable(peer));
        QVERIFY(dtest::spin_until([&] { return console.sockets().rowCount() > 0; }));
        QVERIFY(console.sockets().text(0, 1).endsWith(QStringLiteral(":%1").arg(holla->port())));
        QCOMPARE(console.actors().rowCount(), 3);
        QVERIFY(console.actors().text(0, 4).startsWith(QLatin1String("HI FROM 1")));
        // The Service sees the pool's connections.
        QVERIFY(holla->liveConnections() >= 1);

        pool->stop();
        QCOMPARE(toString(pool->state()), toString(ItemState::Stopped));
        QVERIFY(pool->sockets().empty());
        QVERIFY(dtest::spin_until([&] { return holla->liveConnections() == 0; }));
    }

    // pool_max 1 and no wait: actors that find the one connection lent get ConnectionPoolFull.
    // It is counted and shown next to the item; the Pool and the other borrowers carry on.
    void maxWaitHitIsAnErrorOnTheItem()
    {
        WorkspaceController workspace;
        ServiceController *holla = startHolla(workspace);
        PoolSpec spec;
        spec.port = holla->port();
        spec.actors = 4;
        spec.interval = 0;
        spec.poolSize = 1;
        spec.poolMax = 1;
        spec.maxWait = 0;
        PoolController *pool = addPool(workspace, spec);
        PoolEditor editor(workspace);
        editor.setController(pool);
        editor.show();
        QVERIFY(pool->start());
        QVERIFY(dtest::spin_until([&] { return !pool->lastProblem().isEmpty(); }));
        QVERIFY2(pool->lastProblem().contains(QLatin1String("is full")),
                 qPrintable(pool->lastProblem()));
        QCOMPARE(toString(pool->state()), toString(ItemState::Running));
        bool shown = false;
        for (QLabel *label : editor.findChildren<QLabel *>())
            shown = shown || (label->isVisible() && label->text() == pool->lastProblem());
        QVERIFY(shown);
        std::uint64_t replies = 0;
        QVERIFY(dtest::spin_until([&] {
            replies = 0;
            for (const PoolActor &a : pool->actors())
                replies += a.replies;
            return replies > 0;
        }));
        QVERIFY(pool->counters().created >= 1);
        pool->stop();
    }

    void aTargetThatRefusesIsCountedNotFatal()
    {
        WorkspaceController workspace;
        PoolSpec spec;
        spec.port = dtest::free_port(); // nobody listens
        spec.actors = 2;
        PoolController *pool = addPool(workspace, spec);
        QVERIFY(pool->start());
        QVERIFY(dtest::spin_until([&] { return !pool->lastProblem().isEmpty(); }));
        QCOMPARE(toString(pool->state()), toString(ItemState::Running));
        QVERIFY(pool->actors().front().errors >= 1);
        pool->stop();
    }

    void poolsSaveAndLoad()
    {
        Workspace w;
        PoolSpec spec;
        spec.name = QStringLiteral("p");
        spec.host = QStringLiteral("localhost");
        spec.port = 6379;
        spec.tls = true;
        spec.verifyPeer = false;
        spec.poolSize = 3;
        spec.poolMax = 0;
        spec.maxWait = 1.5;
        spec.actors = 50;
        spec.message = QStringLiteral("PING");
        spec.interval = 0.25;
        spec.autostart = false;
        w.items = {poolItem(spec, QStringLiteral("p1"))};
        const WorkspaceResult again = parseWorkspace(workspaceJson(w), QStringLiteral("pool"));
        QVERIFY2(again, qPrintable(again.error));
        QVERIFY(*again.workspace == w);
        WorkspaceController workspace;
        workspace.load(w);
        auto *pool = qobject_cast<PoolController *>(workspace.item(QStringLiteral("p1")));
        QVERIFY(pool);
        QVERIFY(pool->spec() == spec);
        QVERIFY(workspace.toWorkspace() == w);

        const WorkspaceResult bad = parseWorkspace(
            "{\"version\": 2, \"items\": [{\"id\": \"p\", \"type\": \"pool\", \"name\": \"p\", "
            "\"poolSize\": 5, \"poolMax\": 2}]}",
            QStringLiteral("bad"));
        QVERIFY(!bad);
        QVERIFY2(
            bad.error.contains(QLatin1String("items[0].poolSize: must not exceed poolMax (2)")),
            qPrintable(bad.error));
    }

    // The demo workspace: its pool borrows connections to the holla Service and its actors get
    // upper-case replies, without anything being configured.
    void theDemoPoolIsAliveAtFirstSight()
    {
        WorkspaceController workspace;
        workspace.load(demoWorkspace(DemoPorts{dtest::free_port(), dtest::free_udp_port(),
                                               dtest::free_port(), dtest::free_port()}));
        workspace.startAutostart();
        PoolController *pool = nullptr;
        for (ItemController *item : workspace.items())
            if (item->type().id == QLatin1String("pool"))
                pool = qobject_cast<PoolController *>(item);
        QVERIFY(pool);
        QCOMPARE(toString(pool->state()), toString(ItemState::Running));
        QVERIFY(dtest::spin_until([&] { return everyActorAnswered(*pool, pool->spec().actors); }));
        QVERIFY2(pool->actors().front().lastReply.startsWith(QLatin1String("HELLO FROM ACTOR 1")),
                 qPrintable(pool->actors().front().lastReply));
        workspace.stopAll();
    }
};

QTEST_MAIN(TestPool)
#include "tst_app_pool.moc"
