// SPDX-License-Identifier: MIT
// The Queue item with the real runtime: producers fill it and consumers drain it; a bounded Queue
// without consumers stops at its capacity with its producers blocked until consumers come;
// consumers that send each item through a Pool aimed at a real holla Service get upper-case
// replies; that Pool stopped or removed is an error on the Queue while its consumers retry; the
// new fields save and load; the editor's fields change the settings; the demo's Queue is alive.
#include "demoworkspace.h"
#include "dieseltest.h"
#include "documentcontroller.h"
#include "itemtype.h"
#include "mainwindow.h"
#include "poolcontroller.h"
#include "pooltype.h"
#include "propertiespanel.h"
#include "queuecontroller.h"
#include "queueeditor.h"
#include "queuetype.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacefile.h"
#include "workspacepanel.h"

#include <diesel/core/hub.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>

#include <memory>

using namespace workbench;

namespace {

ServiceController *startHolla(WorkspaceController &workspace)
{
    ServiceSpec spec;
    spec.port = dtest::free_port();
    ServiceController *service = addService(workspace, spec, QStringLiteral("holla"));
    service->start();
    return service;
}

PoolController *addPoolTo(WorkspaceController &workspace, const ServiceController &target,
                          const QString &id)
{
    PoolSpec spec;
    spec.name = QStringLiteral("backends");
    spec.port = target.port();
    spec.actors = 0;
    spec.poolSize = 2;
    spec.poolMax = 2;
    return addPool(workspace, spec, id);
}

bool hasLoop(const std::string &label)
{
    for (const diesel::LoopInfo &info : diesel::Hub::current().snapshot())
        if (info.label == label)
            return true;
    return false;
}

double measure(const QueueController &queue, const QString &name)
{
    for (const ItemMeasure &m : queue.measures())
        if (m.name == name)
            return m.value;
    return -1;
}

template<class W>
W *child(QWidget &parent, const char *name)
{
    return parent.findChild<W *>(QLatin1String(name));
}

} // namespace

class TestQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void producersFillAndConsumersDrain()
    {
        WorkspaceController workspace;
        QueueSpec spec;
        spec.name = QStringLiteral("jobs");
        spec.producers = 2;
        spec.producerRate = 200;
        spec.message = QStringLiteral("job {n} of {p}");
        spec.consumers = 2;
        QueueController *queue = addQueue(workspace, spec);
        QVERIFY(queue->start());
        QCOMPARE(toString(queue->state()), toString(ItemState::Running));
        // Each producer and consumer is a Loop of its own, named for the Loops panel.
        QVERIFY(hasLoop("jobs producer 1") && hasLoop("jobs producer 2"));
        QVERIFY(hasLoop("jobs consumer 1") && hasLoop("jobs consumer 2"));
        QVERIFY(dtest::spin_until(
            [&] { return queue->tally().produced >= 20 && queue->tally().consumed >= 20; }));
        QVERIFY(queue->tally().consumed <= queue->tally().produced);
        QCOMPARE(queue->tally().failed, std::uint64_t(0));
        QVERIFY(measure(*queue, QStringLiteral("produced")) >= 20);
        QVERIFY(measure(*queue, QStringLiteral("consumed")) >= 20);
        QCOMPARE(measure(*queue, QStringLiteral("failed")), 0.0);
        QCOMPARE(queue->measures().size(), std::size_t(5));
        QVERIFY(queue->summary().contains(QLatin1String("produced")));
        queue->stop();
        QCOMPARE(toString(queue->state()), toString(ItemState::Stopped));
        QVERIFY(dtest::spin_until(
            [] { return !hasLoop("jobs producer 1") && !hasLoop("jobs consumer 1"); }));
    }

    // Capacity 5 and nobody taking: the producers' put() waits, the depth stays at 5 and the item
    // says so; consumers added in the editor let the producers go on.
    void aFullQueueBlocksItsProducersUntilConsumersCome()
    {
        WorkspaceController workspace;
        QueueSpec spec;
        spec.name = QStringLiteral("small");
        spec.capacity = 5;
        spec.producers = 3;
        spec.producerRate = 1000;
        QueueController *queue = addQueue(workspace, spec);
        QueueEditor editor(workspace);
        editor.setController(queue);
        editor.show();
        QVERIFY(queue->start());
        QVERIFY(dtest::spin_until([&] { return queue->blockedProducers() == 3; }));
        QCOMPARE(queue->size(), std::size_t(5));
        QVERIFY(queue->full());
        QCOMPARE(queue->tally().produced, std::uint64_t(5));
        QCOMPARE(measure(*queue, QStringLiteral("depth")), 5.0);
        QCOMPARE(measure(*queue, QStringLiteral("blocked producers")), 3.0);
        QVERIFY2(queue->summary().contains(QStringLiteral("5 items of 5 \u00b7 full")),
                 qPrintable(queue->summary()));
        QVERIFY(queue->summary().contains(QLatin1String("3 blocked")));
        QVERIFY(dtest::spin_until(
            [&] { return editor.numbersText().contains(QLatin1String("3 blocked")); }));
        QVERIFY(editor.numbersText().contains(QStringLiteral("depth 5 of 5 \u00b7 full")));

        child<QSpinBox>(editor, "consumers")->setValue(2);
        QVERIFY(editor.apply());
        QCOMPARE(queue->spec().consumers, 2);
        QCOMPARE(queue->size(), std::size_t(5)); // the queued items stay
        QVERIFY(dtest::spin_until(
            [&] { return queue->tally().consumed >= 50 && queue->tally().produced >= 50; }));
        queue->stop();
    }

    // Consumers send each item as a line through a Pool aimed at a real holla Service: the
    // replies are the items upper-cased. The Pool stopped, then removed: an error on the Queue,
    // failures counted, consumers retrying; a new Pool of that id and they go on.
    void consumersSendThroughAPool()
    {
        WorkspaceController workspace;
        ServiceController *holla = startHolla(workspace);
        QCOMPARE(toString(holla->state()), toString(ItemState::Running));
        PoolController *pool = addPoolTo(workspace, *holla, QStringLiteral("backends"));
        QVERIFY(pool->start());
        QueueSpec spec;
        spec.producers = 1;
        spec.producerRate = 100;
        spec.message = QStringLiteral("job {n}");
        spec.consumers = 2;
        spec.action = ConsumerAction::SendPool;
        spec.pool = QStringLiteral("backends");
        QueueController *queue = addQueue(workspace, spec);
        QVERIFY(queue->start());
        QCOMPARE(toString(queue->state()), toString(ItemState::Running));
        QVERIFY(dtest::spin_until([&] { return queue->tally().replies >= 10; }));
        QVERIFY2(queue->tally().lastReply.startsWith(QLatin1String("JOB ")),
                 qPrintable(queue->tally().lastReply));
        QCOMPARE(queue->tally().failed, std::uint64_t(0));
        QVERIFY(queue->tally().consumed >= 10);
        QVERIFY(dtest::spin_until([&] { return pool->counters().created >= 1; })); // sampled

        pool->stop();
        QCOMPARE(toString(queue->state()), toString(ItemState::Error));
        QVERIFY2(queue->errorText().contains(QLatin1String("its Pool \"backends\" is stopped")),
                 qPrintable(queue->errorText()));
        // A send already under way when the Pool stopped may still finish; the next ones fail.
        QVERIFY(dtest::spin_until([&] {
            return queue->tally().failed > 0 &&
                   queue->tally().lastError.contains(QLatin1String("is stopped"));
        }));

        workspace.remove(pool);
        QCOMPARE(toString(queue->state()), toString(ItemState::Error));
        QVERIFY2(queue->errorText().contains(QLatin1String("was removed from the workspace")),
                 qPrintable(queue->errorText()));
        QVERIFY(queue->summary().contains(queue->errorText()));
        const std::uint64_t failed = queue->tally().failed;
        QVERIFY(dtest::spin_until([&] { return queue->tally().failed > failed; }));
        QVERIFY(hasLoop("jobs consumer 1"));

        PoolController *again = addPoolTo(workspace, *holla, QStringLiteral("backends"));
        QVERIFY(again->start());
        QCOMPARE(toString(queue->state()), toString(ItemState::Running));
        const std::uint64_t replies = queue->tally().replies;
        QVERIFY(dtest::spin_until([&] { return queue->tally().replies > replies + 5; }));
        workspace.stopAll();
    }

    void theNewFieldsSaveAndLoad()
    {
        Workspace w;
        PoolSpec pool;
        w.items.push_back(poolItem(pool, QStringLiteral("p1")));
        QueueSpec spec;
        spec.name = QStringLiteral("work");
        spec.capacity = 7;
        spec.producers = 3;
        spec.producerRate = 2.5;
        spec.message = QStringLiteral("task {p}/{n}");
        spec.consumers = 4;
        spec.consumeDelay = 0.25;
        spec.action = ConsumerAction::SendPool;
        spec.pool = QStringLiteral("p1");
        w.items.push_back(queueItem(spec, QStringLiteral("q1")));
        const QByteArray json = workspaceJson(w);
        QVERIFY(json.contains("\"consumerAction\": \"pool\""));
        const WorkspaceResult again = parseWorkspace(json, QStringLiteral("queue"));
        QVERIFY2(again, qPrintable(again.error));
        QVERIFY(*again.workspace == w);
        WorkspaceController workspace;
        workspace.load(w);
        auto *queue = qobject_cast<QueueController *>(workspace.item(QStringLiteral("q1")));
        QVERIFY(queue);
        QVERIFY(queue->spec() == spec);
        QVERIFY(workspace.toWorkspace() == w);

        // A file from before producers: no producers, consumers that drop.
        const WorkspaceResult old = parseWorkspace(
            "{\"version\": 2, \"items\": [{\"id\": \"q\", \"type\": \"queue\", \"name\": \"old\", "
            "\"capacity\": 3, \"consumers\": 1, \"consumeDelay\": 0.5}]}",
            QStringLiteral("old"));
        QVERIFY2(old, qPrintable(old.error));
        const QueueSpec read = readQueueSpec(old.workspace->items[0].settings, {}, nullptr);
        QCOMPARE(read.producers, 0);
        QCOMPARE(toString(read.action), toString(ConsumerAction::Drop));
        QCOMPARE(read.consumers, 1);
        QCOMPARE(read.consumeDelay, 0.5);
        QCOMPARE(read.capacity, 3);
    }

    void badPoolLinksAreClearErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing id")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"q\", \"type\": \"queue\", "
                          "\"name\": \"q\", \"consumerAction\": \"pool\", \"pool\": \"gone\"}]}")
            << QStringLiteral("items[0].pool: no item has the id \"gone\"");
        QTest::newRow("not a pool")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"q\", \"type\": \"queue\", "
                          "\"name\": \"q\", \"consumerAction\": \"pool\", \"pool\": \"q\"}]}")
            << QStringLiteral("items[0].pool: \"q\" is a queue, not a pool");
        QTest::newRow("no link")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"q\", \"type\": \"queue\", "
                          "\"name\": \"q\", \"consumerAction\": \"pool\"}]}")
            << QStringLiteral("items[0].pool: missing");
        QTest::newRow("unknown action")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"q\", \"type\": \"queue\", "
                          "\"name\": \"q\", \"consumerAction\": \"keep\"}]}")
            << QStringLiteral("items[0].consumerAction: expected one of \"drop\", \"pool\"");
        QTest::newRow("no rate")
            << QByteArray("{\"version\": 2, \"items\": [{\"id\": \"q\", \"type\": \"queue\", "
                          "\"name\": \"q\", \"producerRate\": 0}]}")
            << QStringLiteral("items[0].producerRate:");
    }

    void badPoolLinksAreClearErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const WorkspaceResult result = parseWorkspace(json, QStringLiteral("bad"));
        QVERIFY(!result);
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }

    void theEditorChangesTheSettings()
    {
        WorkspaceController workspace;
        PoolSpec poolSpec;
        poolSpec.name = QStringLiteral("first pool");
        addPool(workspace, poolSpec, QStringLiteral("p1"));
        QueueController *queue = addQueue(workspace, QueueSpec{});
        QueueEditor editor(workspace);
        editor.setController(queue);
        editor.resize(300, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        // It fits the narrow Properties panel of a 1024x700 window.
        QVERIFY2(editor.minimumSizeHint().width() <= 300,
                 qPrintable(QString::number(editor.minimumSizeHint().width())));

        auto *pools = child<QComboBox>(editor, "pool");
        QCOMPARE(pools->count(), 1);
        QCOMPARE(pools->itemText(0), QStringLiteral("first pool"));
        QVERIFY(!pools->isEnabled()); // no consumers yet
        poolSpec.name = QStringLiteral("second pool");
        addPool(workspace, poolSpec, QStringLiteral("p2"));
        QCOMPARE(pools->count(), 2); // the picker follows the workspace

        child<QSpinBox>(editor, "producers")->setValue(2);
        child<QDoubleSpinBox>(editor, "rate")->setValue(20);
        child<QLineEdit>(editor, "message")->setText(QStringLiteral("work {p}:{n}"));
        child<QSpinBox>(editor, "consumers")->setValue(3);
        child<QDoubleSpinBox>(editor, "workTime")->setValue(0.05);
        auto *action = child<QComboBox>(editor, "action");
        action->setCurrentIndex(action->findData(int(ConsumerAction::SendPool)));
        QVERIFY(pools->isEnabled());
        pools->setCurrentIndex(pools->findData(QStringLiteral("p2")));
        QVERIFY(editor.apply());
        const QueueSpec &spec = queue->spec();
        QCOMPARE(spec.producers, 2);
        QCOMPARE(spec.producerRate, 20.0);
        QCOMPARE(spec.message, QStringLiteral("work {p}:{n}"));
        QCOMPARE(spec.consumers, 3);
        QCOMPARE(spec.consumeDelay, 0.05);
        QCOMPARE(toString(spec.action), toString(ConsumerAction::SendPool));
        QCOMPARE(spec.pool, QStringLiteral("p2"));
        QVERIFY(workspace.modified());

        // The linked Pool removed: the picker keeps the link, shown as missing.
        workspace.remove(workspace.item(QStringLiteral("p2")));
        QCOMPARE(pools->currentText(), QStringLiteral("(missing: p2)"));
        // Sending through a Pool with none picked is refused.
        pools->setCurrentIndex(-1);
        QVERIFY(!editor.apply());
        QCOMPARE(queue->spec().pool, QStringLiteral("p2"));
        action->setCurrentIndex(action->findData(int(ConsumerAction::Drop)));
        QVERIFY(editor.apply());
        QVERIFY(queue->spec().pool.isEmpty());
    }

    // The demo's Queue: its producers fill it and its consumers get the holla Service's
    // upper-case replies through the demo's Pool, without anything being configured.
    void theDemoQueueIsAliveAtFirstSight()
    {
        WorkspaceController workspace;
        workspace.load(demoWorkspace(
            DemoPorts{dtest::free_port(), dtest::free_udp_port(), dtest::free_port()}));
        workspace.startAutostart();
        QueueController *queue = nullptr;
        for (ItemController *item : workspace.items())
            if (item->type().id == QLatin1String("queue"))
                queue = qobject_cast<QueueController *>(item);
        QVERIFY(queue);
        QCOMPARE(toString(queue->state()), toString(ItemState::Running));
        QCOMPARE(queue->spec().producers, 2);
        QCOMPARE(queue->spec().consumers, 2);
        QVERIFY(dtest::spin_until([&] { return queue->tally().replies >= 5; }));
        QVERIFY2(queue->tally().lastReply.startsWith(QLatin1String("JOB ")),
                 qPrintable(queue->tally().lastReply));
        workspace.stopAll();
    }

    // In a 1024x700 window the demo Queue's Properties fit the narrow panel (no horizontal
    // scrolling, Apply on screen) and its numbers move.
    void inASmallWindowTheDemoQueueShowsItsNumbers()
    {
        MemorySettings settings;
        auto window = std::make_unique<MainWindow>(diesel::Hub::current(), settings);
        window->resize(1024, 700);
        window->document().openDemo(
            DemoPorts{dtest::free_port(), dtest::free_udp_port(), dtest::free_port()});
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QueueController *queue = nullptr;
        for (ItemController *item : window->workspace().items())
            if (auto *q = qobject_cast<QueueController *>(item))
                queue = q;
        QVERIFY(queue);
        window->workspacePanel().selectItem(queue);
        auto *editor =
            dynamic_cast<QueueEditor *>(window->propertiesPanel().editor(QStringLiteral("queue")));
        QVERIFY(editor && editor->isVisible());
        QVERIFY(dtest::spin_until(
            [&] { return editor->numbersText().contains(QLatin1String("last reply: JOB ")); }));
        QScrollArea *scroll = nullptr;
        for (QWidget *w = editor->parentWidget(); w && !scroll; w = w->parentWidget())
            scroll = qobject_cast<QScrollArea *>(w);
        QVERIFY(scroll);
        QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
        QPushButton *apply = nullptr;
        for (QPushButton *b : editor->findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Apply"))
                apply = b;
        QVERIFY(apply && apply->isVisible());
        const QRect applyInViewport(apply->mapTo(scroll->viewport(), QPoint(0, 0)), apply->size());
        QVERIFY(scroll->viewport()->rect().contains(applyInViewport));
        window.reset();
    }
};

QTEST_MAIN(TestQueue)
#include "tst_app_queue.moc"
