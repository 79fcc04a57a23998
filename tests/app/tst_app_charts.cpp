// SPDX-License-Identifier: MIT
// The charts: the store turns a running total into a rate per second and keeps levels as they
// are; it and the charts stay at their bound through an hour of simulated samples; an item
// removed from the workspace drops its series; a Client's bytes and messages become rates; in
// the main window, the Charts dock draws the selected Pool's numbers (a real Pool of actors
// against a real holla Service) and the Hub's Loops by state.
#include "chartrecorder.h"
#include "chartspanel.h"
#include "chartstore.h"
#include "chartview.h"
#include "clientcontroller.h"
#include "clienttype.h"
#include "dieseltest.h"
#include "hollaservice.h"
#include "mainwindow.h"
#include "measuretext.h"
#include "poolcontroller.h"
#include "pooltype.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacepanel.h"

#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/visuals.h>

#include <QDockWidget>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

#include <algorithm>

using namespace workbench;
using namespace std::chrono_literals;
using Kind = ItemMeasure::Kind;
using Unit = ItemMeasure::Unit;

namespace {

const ChartStore::Series *seriesNamed(const ChartStore &store, const QString &key, const char *name)
{
    for (const ChartStore::Series &s : store.series(key))
        if (s.name == QLatin1String(name))
            return &s;
    return nullptr;
}

std::vector<double> valuesOf(const ChartStore::Series &s)
{
    std::vector<double> out;
    for (const ChartStore::Point &p : s.points)
        out.push_back(p.value);
    return out;
}

// The highest value a line shows (-1: no point).
double highest(const QLineSeries &line)
{
    double top = -1;
    for (const QPointF &p : line.points())
        top = std::max(top, p.y());
    return top;
}

// The highest value any chart of the panel shows for the series `name`.
double highestShown(const ChartsPanel &panel, const char *name)
{
    double top = -1;
    for (const ChartView *chart : panel.itemCharts())
        if (const QLineSeries *line = chart->lines().value(QLatin1String(name)))
            top = std::max(top, highest(*line));
    return top;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void aTotalBecomesARateAndALevelStays()
    {
        ChartStore store(1min, 1s, 1s);
        const auto t0 = ChartStore::Clock::time_point{} + 1h;
        const auto at = [&](int seconds) { return t0 + std::chrono::seconds(seconds); };
        const auto sample = [&](int seconds, double depth, double messages) {
            store.add(QStringLiteral("q"),
                      {{QStringLiteral("depth"), depth, Kind::Level},
                       {QStringLiteral("messages"), messages, Kind::Total}},
                      at(seconds));
        };
        sample(0, 3, 0);
        const ChartStore::Series *depth = seriesNamed(store, QStringLiteral("q"), "depth");
        const ChartStore::Series *messages = seriesNamed(store, QStringLiteral("q"), "messages");
        QVERIFY(depth && messages);
        QCOMPARE(valuesOf(*depth), std::vector<double>{3});
        // A rate needs two counts.
        QVERIFY(messages->points.empty());
        sample(1, 5, 10);
        sample(2, 4, 30);
        sample(4, 4, 50); // a sample late by a second: 20 messages in 2 s
        QCOMPARE(valuesOf(*depth), (std::vector<double>{3, 5, 4, 4}));
        QCOMPARE(valuesOf(*messages), (std::vector<double>{10, 20, 10}));
        QCOMPARE(messages->points.back().at, at(4));
        // The counter went down (its item restarted): no negative rate, it starts again.
        sample(5, 4, 2);
        QCOMPARE(valuesOf(*messages).size(), std::size_t(3));
        sample(6, 4, 8);
        QCOMPARE(valuesOf(*messages).back(), 6.0);
        // Older than the window: gone.
        sample(6 + 60, 1, 8);
        QCOMPARE(valuesOf(*depth), (std::vector<double>{4, 1}));
        QCOMPARE(valuesOf(*messages), (std::vector<double>{6, 0}));
    }

    // Bytes read as bytes, things as counts; a measure that changes its unit starts a new series.
    void aMeasureIsShownInItsUnit()
    {
        QCOMPARE(measureAmount(1234567, Unit::Bytes), QStringLiteral("1.2 MB"));
        QCOMPARE(measureRate(328000, Unit::Bytes), QStringLiteral("328 KB/s"));
        QCOMPARE(measureAmount(51234, Unit::Count), QStringLiteral("51234"));
        QCOMPARE(measureRate(5123.44, Unit::Count), QStringLiteral("5123.4/s"));

        ChartStore store(1min, 1s, 1s);
        const auto t0 = ChartStore::Clock::time_point{} + 1h;
        store.add(QStringLiteral("c"), {{QStringLiteral("size"), 10, Kind::Level, Unit::Count}},
                  t0);
        store.add(QStringLiteral("c"), {{QStringLiteral("size"), 2048, Kind::Level, Unit::Bytes}},
                  t0 + 1s);
        const ChartStore::Series *size = seriesNamed(store, QStringLiteral("c"), "size");
        QVERIFY(size);
        QCOMPARE(size->unit, Unit::Bytes);
        QCOMPARE(valuesOf(*size), std::vector<double>{2048});
    }

    // An hour of samples at the recorder's rate, with time injected: the store holds its window
    // and no more, and so do the chart's lines.
    void boundedAfterAnHourOfSamples()
    {
        ChartStore store(5min, 500ms, 2s);
        QCOMPARE(store.capacity(), std::size_t(601));
        ChartView chart(QStringLiteral("test"));
        const auto t0 = ChartStore::Clock::time_point{} + 1h;
        std::size_t sizeAtHalfHour = 0;
        double counter = 0;
        for (int i = 0; i <= 2 * 3600; ++i) {
            const auto at = t0 + i * 500ms;
            counter += i % 7;
            store.add(QStringLiteral("pool"),
                      {{QStringLiteral("in use"), double(i % 5), Kind::Level},
                       {QStringLiteral("replies"), counter, Kind::Total}},
                      at);
            if (i % 120 != 0)
                continue;
            // Every simulated minute, the chart is drawn as the panel draws it.
            std::vector<const ChartStore::Series *> all;
            for (const ChartStore::Series &s : store.series(QStringLiteral("pool"))) {
                QVERIFY(s.points.size() <= store.capacity());
                all.push_back(&s);
            }
            chart.plot(all, at, store.window());
            QCOMPARE(chart.lines().size(), 2);
            for (const QLineSeries *line : chart.lines())
                QVERIFY(std::size_t(line->count()) <= store.capacity());
            if (i == 3600)
                sizeAtHalfHour = store.size();
        }
        // At its bound: five minutes of points per series, a few raw counts for the rate.
        for (const ChartStore::Series &s : store.series(QStringLiteral("pool")))
            QCOMPARE(s.points.size(), store.capacity());
        QVERIFY(store.size() <= 2 * store.capacity() + 5);
        QCOMPARE(store.size(), sizeAtHalfHour);
        for (const QLineSeries *line : chart.lines())
            QCOMPARE(std::size_t(line->count()), store.capacity());

        // The recorder's stores too, fed from a workspace's items for an hour.
        WorkspaceController workspace;
        diesel::widgets::LoopSampler sampler(diesel::Hub::current());
        ChartRecorder recorder(workspace, sampler);
        addPool(workspace, PoolSpec{});
        ClientSpec client;
        client.autoconnect = false;
        addClient(workspace, client);
        for (int i = 0; i <= 2 * 3600; ++i)
            recorder.record(t0 + i * ChartRecorder::kInterval);
        QCOMPARE(recorder.items().keys().size(), 2);
        for (const QString &key : recorder.items().keys())
            for (const ChartStore::Series &s : recorder.items().series(key))
                QVERIFY(s.points.size() <= recorder.items().capacity());
    }

    void aRemovedItemDropsItsSeries()
    {
        WorkspaceController workspace;
        diesel::widgets::LoopSampler sampler(diesel::Hub::current());
        ChartRecorder recorder(workspace, sampler);
        PoolController *first = addPool(workspace, PoolSpec{});
        PoolSpec other;
        other.name = QStringLiteral("other");
        PoolController *second = addPool(workspace, other);
        const QString firstId = first->id();
        const auto t0 = ChartStore::Clock::now();
        recorder.record(t0);
        recorder.record(t0 + ChartRecorder::kInterval);
        QVERIFY(seriesNamed(recorder.items(), firstId, "idle"));
        QVERIFY(seriesNamed(recorder.items(), second->id(), "idle"));
        QCOMPARE(recorder.items().series(firstId).size(), first->measures().size());

        workspace.remove(first);
        QVERIFY(recorder.items().series(firstId).empty());
        QCOMPARE(recorder.items().keys(), QList<QString>{second->id()});
        // Later samples do not bring it back.
        recorder.record(t0 + 2 * ChartRecorder::kInterval);
        QCOMPARE(recorder.items().keys(), QList<QString>{second->id()});
        workspace.clear();
        QVERIFY(recorder.items().keys().isEmpty());
    }

    // A Client repeating a line to holla: its bytes and messages become rates in the store.
    void aClientsTrafficBecomesRates()
    {
        WorkspaceController workspace;
        diesel::widgets::LoopSampler sampler(diesel::Hub::current());
        ChartRecorder recorder(workspace, sampler);
        ServiceController *holla = startHolla(workspace);
        ClientSpec spec;
        spec.port = holla->port();
        spec.repeat.enabled = true;
        spec.repeat.message = QStringLiteral("hello {n}");
        spec.repeat.interval = 0.02;
        ClientController *client = addClient(workspace, spec);
        QVERIFY(client->start());
        const auto rate = [&](const char *name) {
            const ChartStore::Series *s = seriesNamed(recorder.items(), client->id(), name);
            return s && !s->points.empty() ? s->points.back().value : 0.0;
        };
        QVERIFY(dtest::spin_until(
            [&] { return rate("bytes in") > 0 && rate("bytes out") > 0 && rate("replies") > 0; },
            30s));
        QCOMPARE(seriesNamed(recorder.items(), client->id(), "sent")->kind, Kind::Total);
        // Bytes are charted as bytes, messages as counts.
        QCOMPARE(seriesNamed(recorder.items(), client->id(), "bytes in")->unit, Unit::Bytes);
        QCOMPARE(seriesNamed(recorder.items(), client->id(), "bytes out")->unit, Unit::Bytes);
        QCOMPARE(seriesNamed(recorder.items(), client->id(), "replies")->unit, Unit::Count);
        // Holla answers each line with a line as long (upper-cased): never more bytes in than out.
        const std::vector<ItemMeasure> measures = client->measures();
        QCOMPARE(measures[0].name, QStringLiteral("bytes in"));
        QCOMPARE(measures[1].name, QStringLiteral("bytes out"));
        QVERIFY(measures[0].value > 0);
        QVERIFY(measures[0].value <= measures[1].value);
        client->stop();
        holla->stop();
    }

    void theChartsDockDrawsTheSelectedPoolAndTheLoops()
    {
        MemorySettings settings;
        auto window = std::make_unique<MainWindow>(diesel::Hub::current(), settings);
        window->setConfirm([](QWidget *, const QString &) { return true; });
        window->resize(1024, 700);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto *dock = window->findChild<QDockWidget *>(QStringLiteral("chartsDock"));
        QVERIFY(dock);
        QVERIFY(window->docks().contains(dock));
        QCOMPARE(dock->windowTitle(), QStringLiteral("Charts"));
        bool inViewMenu = false;
        for (const QAction *menu : window->menuBar()->actions())
            inViewMenu = inViewMenu || (menu->menu() &&
                                        menu->menu()->actions().contains(dock->toggleViewAction()));
        QVERIFY(inViewMenu);
        // A tab behind the traffic at first: it does not draw.
        QVERIFY(window->tabifiedDockWidgets(dock).contains(
            window->findChild<QDockWidget *>(QStringLiteral("trafficDock"))));
        QVERIFY(dtest::spin_until([&] { return !window->charts().drawing(); }));

        WorkspaceController &workspace = window->workspace();
        ServiceController *holla = startHolla(workspace);
        PoolSpec spec;
        spec.port = holla->port();
        spec.actors = 3;
        spec.interval = 0.02;
        spec.poolSize = 2;
        spec.poolMax = 3;
        PoolController *pool = addPool(workspace, spec);
        QVERIFY(pool->start());
        window->workspacePanel().selectItem(pool);

        dock->raise();
        QVERIFY(dtest::spin_until([&] { return window->charts().drawing(); }));
        ChartsPanel &charts = window->charts();
        // Its numbers, a chart per unit: the levels and the counts per second.
        QVERIFY(dtest::spin_until([&] { return charts.itemCharts().size() == 2; }, 30s));
        QCOMPARE(charts.itemCharts()[0]->title(), QStringLiteral("Levels"));
        QCOMPARE(charts.itemCharts()[1]->title(), QStringLiteral("Counts per second"));
        QVERIFY(charts.itemCharts()[0]->isVisible());
        for (const char *name : {"idle", "in use", "waiting"})
            QVERIFY2(charts.itemCharts()[0]->lines().contains(QLatin1String(name)), name);
        for (const char *name : {"created", "discarded", "closed", "replies", "errors"})
            QVERIFY2(charts.itemCharts()[1]->lines().contains(QLatin1String(name)), name);
        QVERIFY(dtest::spin_until([&] { return highestShown(charts, "replies") > 0; }, 30s));
        QVERIFY(dtest::spin_until(
            [&] { return highestShown(charts, "idle") + highestShown(charts, "in use") > 0; },
            30s));
        QVERIFY(charts.findChild<QLabel *>(QStringLiteral("chartsTitle"))
                    ->text()
                    .contains(pool->name()));

        // The Hub's Loops by state: the actors and the holla Loops are there.
        const ChartView &loops = charts.loopsChart();
        QVERIFY(loops.isVisible());
        QVERIFY(dtest::spin_until(
            [&] {
                double total = 0;
                for (const QLineSeries *line : loops.lines())
                    total += std::max(0.0, highest(*line));
                return loops.lines().size() == diesel::widgets::kVisualStateCount && total > 0;
            },
            30s));

        // Hidden behind the traffic again, it stops drawing; the store keeps recording.
        window->findChild<QDockWidget *>(QStringLiteral("trafficDock"))->raise();
        QVERIFY(dtest::spin_until([&] { return !charts.drawing(); }));
        const std::size_t before =
            seriesNamed(window->chartRecorder().items(), pool->id(), "replies")->points.size();
        QVERIFY(dtest::spin_until([&] {
            return seriesNamed(window->chartRecorder().items(), pool->id(), "replies")
                       ->points.size() > before;
        }));
        window.reset();
    }
};

QTEST_MAIN(TestCharts)
#include "tst_app_charts.moc"
