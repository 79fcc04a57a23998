// SPDX-License-Identifier: MIT
// What a first-time user met, checked on the real window: errors show their text in the message
// bar without moving the panels; at 1024x700 the Properties and the numbers fit; new items get
// unique names; Delete removes the selected item; the demo's Redis item launches its own
// redis-server, which goes with the window.
#include "dieseltest.h"
#include "documentcontroller.h"
#include "itemcontroller.h"
#include "mainwindow.h"
#include "propertiespanel.h"
#include "rediscontroller.h"
#include "redisserverprocess.h"
#include "servicecontroller.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacepanel.h"

#include <diesel/diesel.h>
#include <diesel/widgets/connectionlistmodel.h>
#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/loopinspector.h>
#include <diesel/widgets/messagebar.h>
#include <diesel/widgets/trafficview.h>

#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace workbench;

namespace {

std::unique_ptr<MainWindow> openWindow(SettingsStore &settings)
{
    auto window = std::make_unique<MainWindow>(diesel::Hub::current(), settings);
    window->setConfirm([](QWidget *, const QString &) { return true; });
    window->document().setAskUnsaved(
        [](QWidget *, const QString &) { return DocumentController::Unsaved::Discard; });
    window->document().openDemo(DemoPorts{dtest::free_port(), dtest::free_udp_port(),
                                          dtest::free_port(), dtest::free_port()});
    window->show();
    return window;
}

QString write(const QTemporaryDir &dir, const char *name, const QByteArray &content)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

QList<QRect> dockGeometries(const MainWindow &window)
{
    QList<QRect> out;
    for (QDockWidget *dock : window.docks())
        out.push_back(dock->geometry());
    return out;
}

// The message bar and its text are on screen, inside the window, under the menu, tall enough.
void checkMessageShown(MainWindow &window, const QString &needle)
{
    diesel::widgets::MessageBar &bar = window.messageBar();
    QVERIFY(bar.isVisible());
    QVERIFY2(bar.text().contains(needle), qPrintable(bar.text()));
    auto *label = bar.findChild<QLabel *>(QStringLiteral("messageText"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(needle));
    QVERIFY(label->height() >= label->fontMetrics().height());
    QVERIFY(window.rect().contains(bar.geometry()));
    QVERIFY(bar.geometry().top() >= window.menuBar()->geometry().bottom());
    QVERIFY(bar.height() >= label->heightForWidth(label->width()));
}

} // namespace

class TestFirstUse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void aBadFileShowsItsErrorWithoutMovingThePanels()
    {
        MemorySettings settings;
        auto window = openWindow(settings);
        window->resize(1200, 800);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTest::qWait(50);
        const QList<QRect> before = dockGeometries(*window);

        QTemporaryDir dir;
        const QString bad =
            write(dir, "badtype.json", R"({"version":1,"services":[{"name":"a","port":"x"}]})");
        QVERIFY(!window->document().openFile(bad));
        QTest::qWait(50);
        checkMessageShown(*window, QStringLiteral("badtype.json"));
        checkMessageShown(*window, QStringLiteral("services[0].port"));
        QCOMPARE(dockGeometries(*window), before);

        window->messageBar().dismiss();
        QTest::qWait(50);
        QVERIFY(!window->messageBar().isVisible());
        QCOMPARE(dockGeometries(*window), before);

        // The "saved" notice shows its text too.
        QVERIFY(window->document().saveAs(dir.filePath(QStringLiteral("saved.json"))));
        QTest::qWait(50);
        checkMessageShown(*window, QStringLiteral("Saved"));
        QCOMPARE(dockGeometries(*window), before);
        window.reset();
    }

    void newItemsHaveUniqueNamesAndDeleteRemovesTheSelectedOne()
    {
        MemorySettings settings;
        auto window = openWindow(settings);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QStringList asked;
        window->setConfirm([&asked](QWidget *, const QString &question) {
            asked << question;
            return true;
        });
        WorkspacePanel &panel = window->workspacePanel();
        const int before = window->workspace().items().size();
        panel.newItemAction(QStringLiteral("service.tcp"))->trigger();
        panel.newItemAction(QStringLiteral("service.tcp"))->trigger();
        panel.newItemAction(QStringLiteral("queue"))->trigger();
        QCOMPARE(window->workspace().items().size(), before + 3);
        QStringList names;
        for (ItemController *item : window->workspace().items())
            names << item->name();
        QCOMPARE(names.removeDuplicates(), 0);
        QVERIFY2(names.contains(QStringLiteral("holla 2")),
                 qPrintable(names.join(QLatin1Char(','))));
        QVERIFY(names.contains(QStringLiteral("holla 3")));

        // Delete in the tree removes the selected item after asking about it by its name.
        ItemController *holla3 = window->workspace().items().at(before + 1);
        QCOMPARE(holla3->name(), QStringLiteral("holla 3"));
        panel.selectItem(holla3);
        panel.tree()->setFocus();
        QTRY_VERIFY(panel.tree()->hasFocus());
        QTest::keyClick(panel.tree(), Qt::Key_Delete);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked[0].contains(QLatin1String("holla 3")), qPrintable(asked[0]));
        QCOMPARE(window->workspace().items().size(), before + 2);
        QVERIFY(!window->workspace().items().contains(holla3));
        window.reset();
    }

    void theDemoLaunchesItsOwnRedisServer()
    {
        QVERIFY2(!findRedisServer().isEmpty(), "this test needs redis-server on the PATH");
        MemorySettings settings;
        auto window = openWindow(settings);
        RedisController *redis = nullptr;
        for (ItemController *item : window->workspace().items())
            if (item->name() == QLatin1String("redis"))
                redis = qobject_cast<RedisController *>(item);
        QVERIFY(redis);
        QVERIFY(redis->spec().launch);
        QVERIFY(dtest::spin_until([&] { return redis->connected(); }, std::chrono::seconds(30)));
        const qint64 pid = redis->launchedServer()->pid();
        QVERIFY(QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)));
        QVERIFY2(
            redis->summary().contains(
                QStringLiteral("launched redis-server :%1").arg(redis->launchedServer()->port())),
            qPrintable(redis->summary()));
        window.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)), 20000);
    }

    void aSmallWindowShowsThePropertiesAndTheNumbers()
    {
        MemorySettings settings;
        auto window = std::make_unique<MainWindow>(diesel::Hub::current(), settings);
        window->resize(1024, 700);
        window->document().openDemo(DemoPorts{dtest::free_port(), dtest::free_udp_port(),
                                              dtest::free_port(), dtest::free_port()});
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ServiceController *holla = nullptr;
        for (ItemController *item : window->workspace().items())
            if (item->name() == QLatin1String("holla"))
                holla = qobject_cast<ServiceController *>(item);
        QVERIFY(holla);
        window->workspacePanel().selectItem(holla);
        QVERIFY(dtest::spin_until([&] { return holla->state() == ItemState::Running; }));
        QVERIFY(dtest::spin_until([&] { return window->traffic().connections().rowCount() >= 2; },
                                  std::chrono::seconds(15)));
        QTest::qWait(300);
        QCOMPARE(window->size(), QSize(1024, 700));

        // Properties: no horizontal scrolling, Stop on screen.
        PropertiesPanel &properties = window->propertiesPanel();
        auto *stop = properties.findChild<QPushButton *>(QStringLiteral("serviceStop"));
        QVERIFY(stop);
        QVERIFY(stop->isVisible());
        QScrollArea *scroll = nullptr;
        for (QWidget *w = stop->parentWidget(); w && !scroll; w = w->parentWidget())
            scroll = qobject_cast<QScrollArea *>(w);
        QVERIFY(scroll);
        qInfo("Properties at 1024x700: viewport %dx%d, page minimum %dx%d",
              scroll->viewport()->width(), scroll->viewport()->height(),
              scroll->widget()->minimumSizeHint().width(),
              scroll->widget()->minimumSizeHint().height());
        QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
        const QRect stopInViewport(stop->mapTo(scroll->viewport(), QPoint(0, 0)), stop->size());
        QVERIFY(scroll->viewport()->rect().contains(stopInViewport));
        const QRect stopInWindow(stop->mapTo(window.get(), QPoint(0, 0)), stop->size());
        QVERIFY(window->rect().contains(stopInWindow));

        // The connection list's In and Out columns are wide enough for their numbers.
        auto *list = window->traffic().findChild<QTableView *>(QStringLiteral("connectionList"));
        QVERIFY(list);
        QVERIFY(list->isVisible());
        for (int column : {int(diesel::widgets::ConnectionListModel::ColIn),
                           int(diesel::widgets::ConnectionListModel::ColOut)}) {
            const int width = list->horizontalHeader()->sectionSize(column);
            const int needed =
                list->fontMetrics().horizontalAdvance(QStringLiteral("1023.9 KiB")) + 8;
            QVERIFY2(width >= needed,
                     qPrintable(
                         QStringLiteral("column %1: %2 < %3").arg(column).arg(width).arg(needed)));
            QVERIFY(!list->isColumnHidden(column));
            QVERIFY(list->columnViewportPosition(column) + width <= list->viewport()->width());
        }
        // The Loops table's Waits-on column has room for a line of text.
        auto *loops = qobject_cast<QTableView *>(window->inspector().currentView());
        QVERIFY(loops && loops->isVisible());
        const int waits = loops->horizontalHeader()->sectionSize(diesel::widgets::ColWaitsOn);
        QVERIFY2(waits >=
                     loops->fontMetrics().horizontalAdvance(QStringLiteral("read fd 12 (holla)")),
                 qPrintable(QString::number(waits)));
        QVERIFY(loops->columnViewportPosition(diesel::widgets::ColWaitsOn) + waits <=
                loops->viewport()->width());
        window.reset();
    }
};

QTEST_MAIN(TestFirstUse)
#include "tst_app_firstuse.moc"
