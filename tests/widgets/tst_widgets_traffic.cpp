// SPDX-License-Identifier: MIT
// The traffic capture: both directions of a real connection with the Loops that moved the bytes;
// a bounded buffer that drops the oldest and counts them; an intake that counts what it could
// not keep; pausing; exporting.
#include "dieseltest.h"

#include <diesel/diesel.h>
#include <diesel/widgets/connectionlistmodel.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficrecorder.h>
#include <diesel/widgets/trafficview.h>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <optional>

using namespace diesel::widgets;

namespace {

struct Echo
{
    std::uint16_t port = dtest::free_port();
    diesel::Service service{[](const diesel::Address &) {
                                for (;;)
                                    diesel::send(diesel::until_eol());
                            },
                            port, "127.0.0.1",
                            diesel::ServiceOptions{"echo", 0, {}, 1024, 0, {}, 0, {}}};
    Echo() { service.start(); }
};

// Sends `lines` lines through a client and reads each echo.
void talk(std::uint16_t port, int lines)
{
    dtest::run_in_loop([&] {
        diesel::ClientOptions options;
        options.label = "talker";
        diesel::Client c("127.0.0.1", port, options);
        c.call([&] {
            for (int i = 0; i < lines; ++i) {
                diesel::send("line " + std::to_string(i) + "\r\n");
                diesel::until_eol();
            }
        });
    });
}

} // namespace

class TestTraffic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void recordsBothDirectionsWithTheirLoops()
    {
        diesel::Hub &hub = diesel::Hub::current();
        TrafficRecorder recorder(hub);
        recorder.start();
        TrafficModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConnectionListModel connections;
        {
            Echo echo;
            talk(echo.port, 3);
            TrafficBatch batch = recorder.take();
            connections.ingest(batch.connections);
            model.ingest(batch);
        }
        // Each line crosses four times: client out, service in, service out, client in.
        int in = 0;
        int out = 0;
        bool serviceIn = false;
        bool clientOut = false;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r, 0);
            if (i.data(TrafficModel::KindRole).toInt() != int(TrafficModel::RowKind::Chunk))
                continue;
            const auto direction = diesel::Direction(i.data(TrafficModel::DirectionRole).toInt());
            (direction == diesel::Direction::In ? in : out) += 1;
            const QString owner = i.data(TrafficModel::OwnerRole).toString();
            QVERIFY(i.data(TrafficModel::LoopIdRole).toULongLong() != 0);
            if (owner == QLatin1String("echo") && direction == diesel::Direction::In)
                serviceIn = true;
            if (owner == QLatin1String("talker") && direction == diesel::Direction::Out)
                clientOut = true;
        }
        QVERIFY2(in >= 3 && out >= 3, qPrintable(QStringLiteral("in %1 out %2").arg(in).arg(out)));
        QVERIFY(serviceIn && clientOut);
        QVERIFY(model.index(0, TrafficModel::ColData)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("line 0\\r\\n")));
        model.setHex(true);
        QVERIFY(model.index(0, TrafficModel::ColData)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("6c 69 6e 65")));
        QCOMPARE(connections.rowCount(), 2);
        QVERIFY(connections.owners().contains(QStringLiteral("echo")));
        recorder.stop();
    }

    void boundedBufferDropsTheOldestAndSaysSo()
    {
        TrafficModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLimits(10, 1 << 20);
        for (int b = 0; b < 5; ++b) {
            TrafficBatch batch;
            for (int i = 0; i < 4; ++i) {
                TrafficChunk c;
                c.seq = std::uint64_t(b * 4 + i + 1);
                c.connection = 1;
                c.bytes = QByteArray("x");
                c.size = 1;
                batch.chunks.push_back(c);
            }
            model.ingest(batch);
        }
        QCOMPARE(model.chunkCount(), std::size_t(10));
        QCOMPARE(model.droppedOldest(), std::uint64_t(10));
        // The first row is the marker that says so.
        QCOMPARE(model.index(0, 0).data(TrafficModel::KindRole).toInt(),
                 int(TrafficModel::RowKind::Dropped));
        QVERIFY(model.index(0, TrafficModel::ColData)
                    .data()
                    .toString()
                    .contains(QLatin1String("10 older chunks dropped")));
        QCOMPARE(model.rowCount(), 11);
    }

    void intakeOverflowIsCountedNotQueued()
    {
        diesel::Hub &hub = diesel::Hub::current();
        TrafficRecorder recorder(hub, 16);
        recorder.start();
        {
            Echo echo;
            talk(echo.port, 40); // 160 chunks through a ring of 16
        }
        TrafficBatch batch = recorder.take();
        QCOMPARE(batch.chunks.size(), std::size_t(16));
        QVERIFY(batch.lost >= 100);
        TrafficModel model;
        model.ingest(batch);
        QCOMPARE(model.notCaptured(), batch.lost);
        QCOMPARE(model.index(0, 0).data(TrafficModel::KindRole).toInt(),
                 int(TrafficModel::RowKind::NotCaptured));
        recorder.stop();
    }

    void pausedCaptureTakesNoData()
    {
        diesel::Hub &hub = diesel::Hub::current();
        TrafficView view(hub);
        view.setCapturing(false);
        {
            Echo echo;
            talk(echo.port, 2);
        }
        view.poll();
        QCOMPARE(view.model().chunkCount(), std::size_t(0));
        // Connections are still followed while paused.
        QVERIFY(view.connections().rowCount() >= 2);
        view.setCapturing(true);
        {
            Echo echo;
            talk(echo.port, 2);
        }
        view.poll();
        QVERIFY(view.model().chunkCount() >= 4);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("traffic.txt"));
        QVERIFY(view.exportText(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("line 1\\r\\n"));
        QVERIFY(text.contains("capture paused"));
        // A filter that matches no connection leaves only the note rows.
        const int all = view.shownRows();
        view.filterOwner(QStringLiteral("no such owner"));
        QVERIFY(view.shownRows() < all);
        QCOMPARE(view.shownRows(), 2); // "capture paused", "capture resumed"
        view.filterOwner(QStringLiteral("echo"));
        QVERIFY(view.shownRows() > 2);
    }

    void theSelectedConnectionStaysSelectedWhenOthersGo()
    {
        diesel::Hub &hub = diesel::Hub::current();
        TrafficView view(hub);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Echo echo;
        for (int i = 0; i < 3; ++i)
            talk(echo.port, 1);
        view.poll();
        QCOMPARE(view.connections().rowCount(), 6);
        auto *list = view.findChild<QTableView *>(QStringLiteral("connectionList"));
        QVERIFY(list);
        QList<diesel::ConnectionId> picked;
        connect(&view, &TrafficView::connectionSelected, this,
                [&picked](diesel::ConnectionId id) { picked << id; });
        auto selectedId = [list] {
            const QModelIndexList rows = list->selectionModel()->selectedRows();
            return rows.size() == 1
                       ? rows[0].data(ConnectionListModel::ConnectionIdRole).toULongLong()
                       : 0;
        };
        // The person clicks the fifth row.
        const QModelIndex fifth = list->model()->index(4, ConnectionListModel::ColPeer);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(fifth).center());
        const diesel::ConnectionId chosen = selectedId();
        QVERIFY(chosen != 0);
        QCOMPARE(picked, QList<diesel::ConnectionId>{chosen});

        // The two oldest rows go: the selection moves with its row.
        view.connections().setMaxClosed(6);
        talk(echo.port, 1);
        view.poll();
        QCOMPARE(view.connections().rowOf(chosen), 2);
        QCOMPARE(selectedId(), chosen);
        QCOMPARE(list->currentIndex().row(), 2);
        QVERIFY(list->visualRect(list->currentIndex()).intersects(list->viewport()->rect()));
        QCOMPARE(picked.size(), 1);

        // Its own row goes: nothing else is selected, and the status says so.
        view.connections().setMaxClosed(2);
        talk(echo.port, 1);
        view.poll();
        QCOMPARE(view.connections().rowOf(chosen), -1);
        QCOMPARE(view.connections().rowCount(), 2);
        QVERIFY(!list->selectionModel()->hasSelection());
        QCOMPARE(picked.size(), 1);
        auto *status = view.findChild<QLabel *>(QStringLiteral("trafficStatus"));
        QVERIFY(status);
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(QStringLiteral("#%1 is no longer listed").arg(chosen)),
                 qPrintable(status->text()));
    }

    void closedConnectionsCanBeHiddenAndAreCounted()
    {
        diesel::Hub &hub = diesel::Hub::current();
        TrafficView view(hub);
        view.setAutoHideClosedAbove(5);
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *list = view.findChild<QTableView *>(QStringLiteral("connectionList"));
        auto *toggle = view.findChild<QToolButton *>(QStringLiteral("hideClosed"));
        QVERIFY(list && toggle && toggle->isVisible());
        Echo echo;
        // One connection stays open.
        bool open = false;
        bool release = false;
        const diesel::LoopId holder = hub.spawn([&] {
            diesel::Client c("127.0.0.1", echo.port);
            open = true;
            while (!release)
                diesel::sleep(0.01);
        });
        QVERIFY(dtest::spin_until([&] { return open; }));
        talk(echo.port, 1);
        view.poll();
        QVERIFY(!view.hidingClosed());
        QCOMPARE(list->model()->rowCount(), view.connections().rowCount());
        QCOMPARE(view.connections().closedCount(), std::size_t(2));

        // The person hides the closed ones: the open pair stays, the button counts the rest.
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(view.hidingClosed());
        QVERIFY(dtest::spin_until([&] {
            view.poll();
            return list->model()->rowCount() == 2;
        }));
        for (int r = 0; r < list->model()->rowCount(); ++r)
            QVERIFY(list->model()->index(r, 0).data(ConnectionListModel::OpenRole).toBool());
        QCOMPARE(toggle->text(), QStringLiteral("2 closed hidden"));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!view.hidingClosed());
        QCOMPARE(list->model()->rowCount(), 4);

        // Chosen off stays off even past the threshold.
        for (int i = 0; i < 3; ++i)
            talk(echo.port, 1);
        view.poll();
        QVERIFY(!view.hidingClosed());
        QCOMPARE(toggle->text(), QStringLiteral("Hide closed"));

        // A new view, nobody chose: past the threshold it hides them by itself.
        TrafficView fresh(hub);
        fresh.setAutoHideClosedAbove(5);
        for (int i = 0; i < 3; ++i)
            talk(echo.port, 1);
        fresh.poll();
        QVERIFY(fresh.hidingClosed());
        QCOMPARE(fresh.findChild<QToolButton *>(QStringLiteral("hideClosed"))->text(),
                 QStringLiteral("%1 closed hidden").arg(fresh.connections().closedCount()));

        release = true;
        QVERIFY(dtest::spin_until([&] { return hub.find(holder) == nullptr; }));
    }
};

QTEST_MAIN(TestTraffic)
#include "tst_widgets_traffic.moc"
