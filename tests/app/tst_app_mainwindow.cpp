// SPDX-License-Identifier: MIT
// The main window opens with the demo workspace running and every panel present; a demo port that
// is taken shows on its item while the rest runs; panels follow each other's selection; the
// layout is kept in the settings.
#include "clientcontroller.h"
#include "consolepanel.h"
#include "dieseltest.h"
#include "documentcontroller.h"
#include "itemwidget.h"
#include "mainwindow.h"
#include "poolconsole.h"
#include "propertiespanel.h"
#include "servicecontroller.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacemodel.h"
#include "workspacepanel.h"

#include <diesel/diesel.h>
#include <diesel/widgets/hubstatuswidget.h>
#include <diesel/widgets/loopinspector.h>
#include <diesel/widgets/looptablemodel.h>
#include <diesel/widgets/messagebar.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficview.h>

#include <QAction>
#include <QDockWidget>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace workbench;
using namespace std::chrono_literals;

namespace {

DemoPorts freeDemoPorts()
{
    return DemoPorts{dtest::free_port(), dtest::free_udp_port(), dtest::free_port(),
                     dtest::free_port()};
}

std::unique_ptr<MainWindow> openWindow(SettingsStore &settings, const DemoPorts &ports)
{
    auto window = std::make_unique<MainWindow>(diesel::Hub::current(), settings);
    window->setConfirm([](QWidget *, const QString &) { return true; });
    window->document().setAskUnsaved(
        [](QWidget *, const QString &) { return DocumentController::Unsaved::Discard; });
    window->document().openDemo(ports);
    window->show();
    return window;
}

ServiceController *serviceNamed(WorkspaceController &workspace, const char *name)
{
    for (ItemController *item : workspace.items())
        if (auto *s = qobject_cast<ServiceController *>(item);
            s && s->name() == QLatin1String(name))
            return s;
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void opensWithTheDemoRunningAndEveryPanel()
    {
        MemorySettings settings;
        const DemoPorts ports = freeDemoPorts();
        auto window = openWindow(settings, ports);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));

        const QStringList expected = {
            QStringLiteral("workspaceDock"), QStringLiteral("propertiesDock"),
            QStringLiteral("loopsDock"),     QStringLiteral("scheduleDock"),
            QStringLiteral("trafficDock"),   QStringLiteral("consoleDock"),
            QStringLiteral("logDock"),       QStringLiteral("chartsDock")};
        QCOMPARE(window->docks().size(), expected.size());
        for (const QString &name : expected) {
            auto *dock = window->findChild<QDockWidget *>(name);
            QVERIFY2(dock, qPrintable(name));
            QVERIFY(dock->widget());
            QVERIFY2(dock->toggleViewAction()->isChecked(), qPrintable(name));
        }
        QVERIFY(window->inspector().isVisible());
        QVERIFY(window->traffic().isVisible());
        // The schedule is a tab behind the Loops: it records slices only once it is shown.
        QVERIFY(dtest::spin_until([&] { return !window->schedule().recorder().recording(); }));
        window->findChild<QDockWidget *>(QStringLiteral("scheduleDock"))->raise();
        QVERIFY(dtest::spin_until([&] { return window->schedule().recorder().recording(); }));
        window->findChild<QDockWidget *>(QStringLiteral("loopsDock"))->raise();
        QVERIFY(dtest::spin_until([&] { return !window->schedule().recorder().recording(); }));

        // Already running: three Services, the clients connected, traffic flowing, Loops shown.
        WorkspaceController &workspace = window->workspace();
        QVERIFY(dtest::spin_until([&] {
            int running = 0;
            for (ItemController *item : workspace.items())
                running += item->state() == ItemState::Running ? 1 : 0;
            return running == workspace.items().size();
        }));
        QCOMPARE(serviceNamed(workspace, "holla")->port(), ports.tcp);
        QCOMPARE(serviceNamed(workspace, "udp holla")->port(), ports.udp);
        QCOMPARE(serviceNamed(workspace, "broker")->port(), ports.broker);
        QVERIFY(dtest::spin_until([&] { return window->traffic().model().chunkCount() >= 4; },
                                  std::chrono::seconds(15)));
        QVERIFY(
            dtest::spin_until([&] { return window->inspector().tableModel().rowCount() >= 4; }));
        QVERIFY(dtest::spin_until([&] {
            window->hubStatus().refresh();
            return window->hubStatus().text().contains(QLatin1String("conns"));
        }));
        QVERIFY(window->messageBar().text().isEmpty());
        QVERIFY(!window->windowTitle().isEmpty());

        // The tree shows the items with their state icons; selecting one shows its panel.
        WorkspacePanel &panel = window->workspacePanel();
        const QModelIndex tcp = panel.model().groupIndex(QStringLiteral("TCP Services"));
        QCOMPARE(panel.model().rowCount(tcp), 2);
        ServiceController *holla = serviceNamed(workspace, "holla");
        panel.selectItem(holla);
        QCOMPARE(window->propertiesPanel().item(), holla);

        // Double-clicking a Service filters the traffic to it.
        Q_EMIT panel.itemActivated(holla);
        QVERIFY(dtest::spin_until([&] { return window->traffic().shownRows() > 0; }));

        // The demo's Pool: its editor in Properties, its actors and sockets in the Console, alive.
        const QModelIndex pools = panel.model().groupIndex(QStringLiteral("Pools"));
        QCOMPARE(panel.model().rowCount(pools), 1);
        ItemController *pool = WorkspaceModel::itemAt(panel.model().index(0, 0, pools));
        QVERIFY(pool);
        panel.selectItem(pool);
        QCOMPARE(window->propertiesPanel().item(), pool);
        QVERIFY(window->propertiesPanel().editor(QStringLiteral("pool"))->isVisible());
        Q_EMIT panel.itemActivated(pool);
        auto *console =
            dynamic_cast<PoolConsole *>(window->consolePanel().console(QStringLiteral("pool")));
        QVERIFY(console && console->isVisible());
        QVERIFY(dtest::spin_until([&] {
            return console->actors().text(0, 4).startsWith(QLatin1String("HELLO FROM ACTOR 1"));
        }));
        QVERIFY(dtest::spin_until([&] { return console->sockets().rowCount() > 0; }));

        window->stopAll();
        for (ItemController *item : workspace.items())
            QCOMPARE(toString(item->state()), toString(ItemState::Stopped));
        window->startAll();
        QCOMPARE(toString(holla->state()), toString(ItemState::Running));
        // The UDP Service gets its port back as soon as its old socket has closed.
        ServiceController *udp = serviceNamed(workspace, "udp holla");
        QVERIFY(dtest::spin_until([&] { return udp->state() == ItemState::Running; }));
        window.reset();
    }

    void scheduleBesideTheLoopsZoomedAndExported()
    {
        MemorySettings settings;
        auto window = std::make_unique<MainWindow>(diesel::Hub::current(), settings);
        window->setConfirm([](QWidget *, const QString &) { return true; });
        window->document().openDemo(freeDemoPorts());
        // As --schedule 5ms does: before the window shows.
        window->showSchedule(std::chrono::milliseconds(5));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto *loops = window->findChild<QDockWidget *>(QStringLiteral("loopsDock"));
        auto *schedule = window->findChild<QDockWidget *>(QStringLiteral("scheduleDock"));
        QVERIFY(!window->tabifiedDockWidgets(loops).contains(schedule));
        QCOMPARE(window->schedule().view().span(), diesel::Clock::duration(5ms));
        // Both can be seen, so both follow the engine.
        QVERIFY(dtest::spin_until([&] { return window->schedule().recorder().recording(); }));
        QVERIFY(
            dtest::spin_until([&] { return window->inspector().tableModel().rowCount() >= 2; }));

        QAction *exportAction = nullptr;
        for (QAction *a : window->findChildren<QAction *>())
            if (a->text() == QStringLiteral("Export &Schedule\u2026"))
                exportAction = a;
        QVERIFY(exportAction);
        QVERIFY(dtest::spin_until([&] { return window->schedule().recorder().seen() > 10; }));
        QTest::qWait(200);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.json"));
        QString error;
        QVERIFY2(window->schedule().saveTrace(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(!QJsonDocument::fromJson(json).isNull());
        QVERIFY(json.contains("\"thread_name\""));
        QVERIFY(json.contains("\"ph\":\"X\""));
        window.reset();
    }

    void aTakenDemoPortShowsOnItsItemAndTheRestRuns()
    {
        MemorySettings settings;
        DemoPorts ports = freeDemoPorts();
        diesel::Service squatter([](const diesel::Address &) {}, ports.broker, "127.0.0.1");
        squatter.start();
        auto window = openWindow(settings, ports);
        ServiceController *broker = serviceNamed(window->workspace(), "broker");
        QCOMPARE(toString(broker->state()), toString(ItemState::Error));
        QVERIFY(broker->errorText().contains(QLatin1String("in use")));
        QCOMPARE(window->workspacePanel().model().data(
                     window->workspacePanel().model().indexOf(broker), WorkspaceModel::StateRole),
                 QVariant(int(ItemState::Error)));
        QCOMPARE(toString(serviceNamed(window->workspace(), "holla")->state()),
                 toString(ItemState::Running));
        QCOMPARE(toString(serviceNamed(window->workspace(), "udp holla")->state()),
                 toString(ItemState::Running));
        window.reset();
    }

    void selectingALoopSelectsItEverywhere()
    {
        MemorySettings settings;
        auto window = openWindow(settings, freeDemoPorts());
        ClientController *client = nullptr;
        for (ItemController *item : window->workspace().items())
            if (auto *c = qobject_cast<ClientController *>(item);
                c && c->name() == QLatin1String("to holla"))
                client = c;
        QVERIFY(client);
        QVERIFY(dtest::spin_until([&] { return client->connected(); }));
        window->selectLoop(client->loop());
        QCOMPARE(window->inspector().selectedLoop(), client->loop());
        // Selecting a chunk in the traffic selects its Loop.
        QVERIFY(dtest::spin_until([&] { return window->traffic().model().chunkCount() > 0; },
                                  std::chrono::seconds(15)));
        Q_EMIT window->traffic().loopSelected(client->loop());
        QCOMPARE(window->inspector().selectedLoop(), client->loop());
        window.reset();
    }

    void layoutIsKeptInTheSettings()
    {
        MemorySettings settings;
        {
            auto window = openWindow(settings, freeDemoPorts());
            window->findChild<QDockWidget *>(QStringLiteral("logDock"))->close();
            window->close();
        }
        QVERIFY(!settings.value(QStringLiteral("window/state")).toByteArray().isEmpty());
        dtest::expect_clean("first window");
        auto window = openWindow(settings, freeDemoPorts());
        QVERIFY(!window->findChild<QDockWidget *>(QStringLiteral("logDock"))
                     ->toggleViewAction()
                     ->isChecked());
        QVERIFY(window->findChild<QDockWidget *>(QStringLiteral("loopsDock"))
                    ->toggleViewAction()
                    ->isChecked());
        window.reset();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_app_mainwindow.moc"
