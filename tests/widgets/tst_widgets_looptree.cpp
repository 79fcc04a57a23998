// SPDX-License-Identifier: MIT
// The Loop tree shows the program's shape: the Loops serving a TCP Service's connections sit
// under a row for that Service (it accepts on the Hub, without a Loop of its own), in the model
// and in the inspector's real tree view.
#include "dieseltest.h"

#include <diesel/diesel.h>
#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/loopinspector.h>
#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/looptreemodel.h>

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTreeView>

using namespace diesel::widgets;

namespace {

LoopRecord record(diesel::LoopId id, diesel::LoopId parent = 0, const char *service = "")
{
    LoopRecord r;
    r.info.id = id;
    r.info.parent = parent;
    r.info.label = "loop " + std::to_string(id);
    r.info.service = service;
    return r;
}

LoopSample sample(std::vector<LoopRecord> records)
{
    LoopSample s;
    s.at = diesel::Clock::now();
    s.loops = std::make_shared<const std::vector<LoopRecord>>(std::move(records));
    return s;
}

// The top-level row of `model` whose label starts with `prefix`.
QModelIndex topRow(const QAbstractItemModel &model, const QString &prefix)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, ColLabel);
        if (i.data().toString().startsWith(prefix))
            return model.index(r, 0);
    }
    return {};
}

} // namespace

class TestLoopTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void connectionLoopsGoUnderTheirService()
    {
        LoopTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(sample({record(1), record(5, 0, "svc"), record(6, 0, "svc"), record(7, 5)}));
        QCOMPARE(model.rowCount(), 2); // loop 1, then the Service's row
        const QModelIndex svc = model.indexOfService("svc");
        QVERIFY(svc.isValid());
        QCOMPARE(svc.row(), 1);
        QCOMPARE(model.index(1, ColLabel).data().toString(), QStringLiteral("Service svc (2)"));
        QCOMPARE(svc.data(LoopIdRole).toULongLong(), 0ull);
        QCOMPARE(model.indexOf(5).parent(), svc);
        QCOMPARE(model.indexOf(7).parent(), model.indexOf(5)); // forked: under its parent
        QCOMPARE(model.loopCount(), std::size_t(4));

        // Loop 5 ends: its child has no connection and goes to the top level; a new Loop at the
        // top level comes before the Service's row.
        model.update(sample({record(1), record(6, 0, "svc"), record(7, 5), record(8)}));
        QVERIFY(!model.indexOf(7).parent().isValid());
        QCOMPARE(model.rowCount(model.indexOfService("svc")), 1);
        QCOMPARE(model.indexOfService("svc").row(), 3); // 1, 7, 8, svc
        QCOMPARE(model.index(3, ColLabel).data().toString(), QStringLiteral("Service svc (1)"));

        // Its last connection ends: the row goes.
        model.update(sample({record(1), record(7, 5), record(8)}));
        QVERIFY(!model.indexOfService("svc").isValid());
        QCOMPARE(model.rowCount(), 3);
    }

    void inspectorTreeShowsAServicesConnections()
    {
        diesel::Hub &hub = diesel::Hub::current();
        const std::uint16_t port = dtest::free_port();
        diesel::Service service(
            [](const diesel::Address &) {
                for (;;)
                    diesel::send(diesel::until_eol());
            },
            port, "127.0.0.1", diesel::ServiceOptions{"svc", 0, {}, 1024, 0, {}, 0, {}});
        service.start();
        bool done = false;
        int connected = 0;
        std::vector<diesel::LoopId> clients;
        for (int i = 0; i < 2; ++i)
            clients.push_back(hub.spawn([&] {
                diesel::Client c("127.0.0.1", port);
                c.call([] {
                    diesel::send("hi\r\n");
                    diesel::until_eol();
                });
                ++connected;
                while (!done)
                    diesel::sleep(0.01);
            }));

        LoopSampler sampler(hub);
        LoopInspector inspector(sampler);
        inspector.setTreeMode(true);
        inspector.resize(900, 500);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        auto *tree = qobject_cast<QTreeView *>(inspector.currentView());
        QVERIFY(tree);
        const QAbstractItemModel &shown = *tree->model();
        QVERIFY(dtest::spin_until([&] {
            sampler.sampleNow();
            const QModelIndex row = topRow(shown, QStringLiteral("Service svc"));
            return connected == 2 && row.isValid() && shown.rowCount(row) == 2;
        }));
        const QModelIndex row = topRow(shown, QStringLiteral("Service svc"));
        QCOMPARE(row.siblingAtColumn(ColLabel).data().toString(),
                 QStringLiteral("Service svc (2)"));
        for (int r = 0; r < 2; ++r) {
            const QModelIndex child = shown.index(r, ColLabel, row);
            QVERIFY2(child.data().toString().startsWith(QLatin1String("svc 127.0.0.1:")),
                     qPrintable(child.data().toString()));
            QVERIFY(child.data(LoopIdRole).toULongLong() != 0);
        }
        // The client Loops, which only use a connection, stay at the top level.
        for (diesel::LoopId id : clients)
            QVERIFY(!inspector.treeModel().indexOf(id).parent().isValid());
        // Selecting a connection's Loop shows it in the tree under its Service.
        const diesel::LoopId first = shown.index(0, 0, row).data(LoopIdRole).toULongLong();
        inspector.selectLoop(first);
        QCOMPARE(inspector.selectedLoop(), first);
        QVERIFY(tree->isExpanded(row));

        done = true;
        QVERIFY(dtest::spin_until([&] {
            sampler.sampleNow();
            return !topRow(shown, QStringLiteral("Service svc")).isValid();
        }));
        service.stop();
    }
};

QTEST_MAIN(TestLoopTree)
#include "tst_widgets_looptree.moc"
