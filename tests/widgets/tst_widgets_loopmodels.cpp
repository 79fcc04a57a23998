// SPDX-License-Identifier: MIT
// The Loop models: batched diff updates (table and tree), checked by QAbstractItemModelTester,
// and 10,000 Loops updated in a handful of range signals.
#include "dieseltest.h"

#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/looptablemodel.h>
#include <diesel/widgets/looptreemodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <vector>

using namespace diesel::widgets;

namespace {

LoopRecord record(diesel::LoopId id, diesel::LoopId parent = 0, const char *label = "loop")
{
    LoopRecord r;
    r.info.id = id;
    r.info.parent = parent;
    r.info.label = std::string(label) + " " + std::to_string(id);
    r.info.state = diesel::LoopState::Waiting;
    r.info.wait_kind = diesel::WaitKind::Read;
    r.info.waits_on = "read fd " + std::to_string(id);
    return r;
}

LoopSample sample(std::vector<LoopRecord> records)
{
    LoopSample s;
    s.at = diesel::Clock::now();
    s.loops = std::make_shared<const std::vector<LoopRecord>>(std::move(records));
    return s;
}

std::vector<diesel::LoopId> tableIds(const LoopTableModel &model)
{
    std::vector<diesel::LoopId> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.push_back(model.index(r, 0).data(LoopIdRole).toULongLong());
    return ids;
}

} // namespace

class TestLoopModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void tableFollowsSamplesByDiff()
    {
        LoopTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(sample({record(1), record(2), record(3)}));
        QCOMPARE(tableIds(model), (std::vector<diesel::LoopId>{1, 2, 3}));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        auto changedThree = record(3);
        changedThree.info.state = diesel::LoopState::Ready;
        model.update(sample({record(1), changedThree, record(4), record(5)}));
        QCOMPARE(tableIds(model), (std::vector<diesel::LoopId>{1, 3, 4, 5}));
        QCOMPARE(removed.size(), 1);  // 2 went
        QCOMPARE(inserted.size(), 1); // 4 and 5 came, as one range
        QCOMPARE(changed.size(), 1);  // 3 changed
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.index(1, ColState).data().toString(), QStringLiteral("ready"));
        QCOMPARE(model.rowOf(4), 2);
        QCOMPARE(model.rowOf(2), -1);

        // Nothing changed: no signal at all.
        changed.clear();
        model.update(sample({record(1), changedThree, record(4), record(5)}));
        QCOMPARE(changed.size(), 0);
    }

    void aKeepAliveLoopShowsItsDeaths()
    {
        LoopTableModel model;
        auto kept = record(1);
        kept.info.keep_alive = true;
        model.update(sample({kept, record(2)}));
        QCOMPARE(model.headerData(ColDeaths, Qt::Horizontal).toString(), QStringLiteral("Deaths"));
        QCOMPARE(model.index(0, ColDeaths).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(1, ColDeaths).data().toString(), QString()); // not keep-alive
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        kept.info.deaths = 3; // restarted three times: the same row, updated
        model.update(sample({kept, record(2)}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, ColDeaths).data().toString(), QStringLiteral("3"));
        QVERIFY(model.index(0, ColLabel)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("keep-alive")));
    }

    void tenThousandLoopsInFewSignals()
    {
        LoopTableModel model;
        std::vector<LoopRecord> all;
        for (diesel::LoopId id = 1; id <= 10000; ++id)
            all.push_back(record(id));
        model.update(sample(all));
        QCOMPARE(model.rowCount(), 10000);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // The first half goes, 2,000 new ones come, every 100th changes.
        std::vector<LoopRecord> next(all.begin() + 5000, all.end());
        for (diesel::LoopId id = 10001; id <= 12000; ++id)
            next.push_back(record(id));
        for (std::size_t i = 0; i < next.size(); i += 100)
            next[i].info.switches = 7;
        model.update(sample(next));
        QCOMPARE(model.rowCount(), 7000);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(changed.size() <= LoopTableModel::kMaxRanges + 1);
        QCOMPARE(model.index(0, 0).data(LoopIdRole).toULongLong(), 5001ull);
    }

    void scatteredChangesStayCorrect()
    {
        LoopTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<LoopRecord> all;
        for (diesel::LoopId id = 1; id <= 400; ++id)
            all.push_back(record(id));
        model.update(sample(all));
        // Every other Loop goes: more ranges than the model announces one by one.
        std::vector<LoopRecord> odd;
        for (const LoopRecord &r : all)
            if (r.info.id % 2)
                odd.push_back(r);
        model.update(sample(odd));
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.index(199, 0).data(LoopIdRole).toULongLong(), 399ull);
    }

    void treeNestsChildrenAndAdoptsOrphans()
    {
        LoopTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(sample({record(1), record(2, 1), record(3, 2), record(4)}));
        QCOMPARE(model.rowCount(), 2); // 1 and 4 at the top
        const QModelIndex one = model.indexOf(1);
        QCOMPARE(model.rowCount(one), 1);
        QCOMPARE(model.indexOf(3).parent(), model.indexOf(2));

        // Loop 2 ends: its child 3 moves to the top level.
        model.update(sample({record(1), record(3, 2), record(4), record(5, 1)}));
        QCOMPARE(model.loopCount(), std::size_t(4));
        QVERIFY(!model.indexOf(3).parent().isValid());
        QCOMPARE(model.indexOf(5).parent(), model.indexOf(1));
        QCOMPARE(model.rowCount(), 3); // 1, 3, 4
        QCOMPARE(model.index(1, 0).data(LoopIdRole).toULongLong(), 3ull);
    }

    void treeAppendsManyInOneBatch()
    {
        LoopTreeModel model;
        model.update(sample({record(1)}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        std::vector<LoopRecord> next{record(1)};
        for (diesel::LoopId id = 2; id <= 3000; ++id)
            next.push_back(record(id, 1));
        model.update(sample(next));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(model.indexOf(1)), 2999);
    }
};

QTEST_MAIN(TestLoopModels)
#include "tst_widgets_loopmodels.moc"
