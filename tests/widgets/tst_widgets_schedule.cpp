// SPDX-License-Identifier: MIT
// The schedule: slices are recorded only while recording, into a bounded ring, with a stride when
// they come too fast; the view groups lanes by service, gives idle Loops lanes, zooms from 30 s to
// 10 µs, pans by drag and keys, draws a run as a bar of its duration's width, and exports a
// Chrome trace.
#include "dieseltest.h"

#include <diesel/diesel.h>
#include <diesel/widgets/chrometrace.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>
#include <diesel/widgets/visuals.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <thread>

using namespace diesel::widgets;
using namespace std::chrono_literals;

namespace {

// Sends a real mouse event to the view's viewport, as a pointer would.
void mouse(QWidget *viewport, QEvent::Type type, QPoint at, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(at), viewport->mapToGlobal(QPointF(at)), Qt::LeftButton,
                      buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

// A Loop that waits a minute: live, and idle after its first run.
diesel::LoopId spawnIdle()
{
    diesel::LoopOptions options;
    options.label = "idle sleeper";
    return diesel::Hub::current().spawn([] { diesel::sleep(60); }, options).id();
}

void endIdle(diesel::LoopId id)
{
    diesel::Hub::current().cancel(id, "test end");
    QVERIFY(dtest::spin_until([id] { return !dtest::info_of(id); }));
}

// The panel shown, recording, with a Loop that ran one 20 ms slice after a timer woke it.
struct Recorded
{
    diesel::Slice busy;
    diesel::LoopId idle = 0;
};

Recorded recordBusyAndIdle(SchedulePanel &panel)
{
    Recorded r;
    r.idle = spawnIdle();
    dtest::run_in_loop([] {
        diesel::label("busy");
        diesel::sleep(0.002);
        std::this_thread::sleep_for(20ms); // one long run, woken by the timer
    });
    // Let the view copy the ring and the sampler name the Loops.
    QTest::qWait(400);
    std::vector<diesel::Slice> slices;
    panel.recorder().copySince(diesel::Clock::time_point{}, slices);
    for (const diesel::Slice &s : slices)
        if (s.end - s.begin >= 20ms)
            r.busy = s;
    return r;
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void recordsOnlyWhileRecording()
    {
        diesel::Hub &hub = diesel::Hub::current();
        SliceRecorder recorder(hub, 64);
        dtest::run_in_loop([] {
            for (int i = 0; i < 10; ++i)
                diesel::sleep(0);
        });
        QCOMPARE(recorder.seen(), std::uint64_t(0));
        recorder.setRecording(true);
        dtest::run_in_loop([] {
            for (int i = 0; i < 10; ++i)
                diesel::sleep(0);
        });
        recorder.setRecording(false);
        QVERIFY(recorder.seen() >= 10);
        std::vector<diesel::Slice> slices;
        recorder.copySince(diesel::Clock::time_point{}, slices);
        QCOMPARE(slices.size(), std::size_t(std::min<std::uint64_t>(recorder.seen(), 64)));
        for (std::size_t i = 1; i < slices.size(); ++i)
            QVERIFY(slices[i - 1].end <= slices[i].end);
    }

    void strideKeepsTheRingSpanningTheWindow()
    {
        diesel::Hub &hub = diesel::Hub::current();
        SliceRecorder recorder(hub, 64);
        QSignalSpy strides(&recorder, &SliceRecorder::strideChanged);
        recorder.setRecording(true);
        dtest::run_in_loop([] {
            for (int i = 0; i < 3000; ++i)
                diesel::sleep(0);
        });
        QTest::qWait(250);
        recorder.adapt(std::chrono::seconds(10));
        recorder.setRecording(false);
        QVERIFY(recorder.stride() > 1);
        QCOMPARE(strides.size(), 1);
    }

    void groupsLanesByService()
    {
        QCOMPARE(ScheduleView::groupOf(QStringLiteral("holla :4321 127.0.0.1:53412")),
                 QStringLiteral("holla :4321"));
        QCOMPARE(ScheduleView::groupOf(QStringLiteral("holla :4321 [::1]:53412")),
                 QStringLiteral("holla :4321"));
        QCOMPARE(ScheduleView::groupOf(QStringLiteral("udp :1234")), QStringLiteral("udp :1234"));
        QCOMPARE(ScheduleView::groupOf(QStringLiteral("client to holla \u2192 127.0.0.1:4321")),
                 QStringLiteral("client to holla"));
    }

    void panelRecordsWhileVisibleAndPaints()
    {
        diesel::Hub &hub = diesel::Hub::current();
        LoopSampler sampler(hub);
        SchedulePanel panel(sampler);
        QVERIFY(!panel.recorder().recording());
        panel.resize(800, 400);
        panel.show();
        QVERIFY(panel.recorder().recording());
        dtest::run_in_loop([] {
            diesel::label("worker");
            for (int i = 0; i < 20; ++i)
                diesel::sleep(0.001);
        });
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::qWait(250);
        panel.view().selectLoop(1);
        panel.view().setFollowing(false);
        panel.view().zoomIn();
        panel.view().zoomOut();
        panel.grab(); // paints offscreen
        panel.view().setFollowing(true);
        panel.hide();
        QVERIFY(!panel.recorder().recording());
    }

    void zoomStaysWithinTenMicrosecondsAndThirtySeconds()
    {
        diesel::Hub &hub = diesel::Hub::current();
        SliceRecorder recorder(hub, 64);
        ScheduleView view(recorder);
        view.resize(800, 300);
        const auto start = view.span();
        view.zoomIn();
        QCOMPARE(view.span(), start / 2);
        view.zoomOut();
        QCOMPARE(view.span(), start);
        for (int i = 0; i < 40; ++i)
            view.zoomOut();
        QCOMPARE(view.span(), ScheduleView::kMaxSpan);
        QCOMPARE(view.span(), diesel::Clock::duration(30s));
        for (int i = 0; i < 40; ++i)
            view.zoomIn();
        QCOMPARE(view.span(), diesel::Clock::duration(10us));
        // The keys and Ctrl+wheel zoom too.
        view.setSpan(1ms);
        QTest::keyClick(&view, Qt::Key_Minus);
        QCOMPARE(view.span(), diesel::Clock::duration(2ms));
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.span(), diesel::Clock::duration(1ms));
        QWheelEvent wheel(QPointF(400, 100), view.viewport()->mapToGlobal(QPointF(400, 100)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &wheel);
        QCOMPARE(view.span(), diesel::Clock::duration(500us));
    }

    void runIsABarOfItsDurationsWidth()
    {
        diesel::Hub &hub = diesel::Hub::current();
        LoopSampler sampler(hub);
        SchedulePanel panel(sampler);
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Recorded r = recordBusyAndIdle(panel);
        QVERIFY(r.busy.loop != 0);
        QCOMPARE(r.busy.cause, diesel::WaitKind::Timer);

        ScheduleView &view = panel.view();
        view.setFollowing(false);
        // Twice the run's length per screen (a loaded machine may stretch the 20 ms).
        const diesel::Clock::duration run = r.busy.end - r.busy.begin;
        const auto span = std::chrono::ceil<std::chrono::milliseconds>(run * 2);
        view.setSpan(span);
        view.setViewEnd(r.busy.end + span / 4);
        QVERIFY(!view.following());
        view.selectLoop(r.busy.loop); // scrolls its lane into view
        const QRect lane = view.laneRect(r.busy.loop);
        QVERIFY(!lane.isEmpty());
        const double x0 = view.xOf(r.busy.begin);
        const double x1 = view.xOf(r.busy.end);
        const double expected = std::chrono::duration<double>(run) /
                                std::chrono::duration<double>(span) * view.plotRect().width();
        QVERIFY(std::abs((x1 - x0) - expected) < 0.5);
        QVERIFY(expected > 100);

        // Geometry on the painted pixels: the run of non-background pixels through the bar's
        // middle, on the bar's top row (below any letter), is as wide as the run was long.
        const QImage image = view.viewport()->grab().toImage();
        const QRgb background = image.pixel(view.plotRect().right() - 1, lane.top() + 3);
        const int y = lane.top() + 3;
        int left = int((x0 + x1) / 2);
        int right = left;
        QVERIFY(image.pixel(left, y) != background);
        while (left > view.plotRect().left() && image.pixel(left - 1, y) != background)
            --left;
        while (right < view.plotRect().right() && image.pixel(right + 1, y) != background)
            ++right;
        const int width = right - left + 1;
        QVERIFY2(std::abs(width - expected) <= 2.5,
                 qPrintable(QStringLiteral("bar %1 px, expected %2").arg(width).arg(expected)));
        // Its left edge has the colour of its wake cause.
        QCOMPARE(QColor(image.pixel(int(x0) + 1, y)), wakeColor(diesel::WaitKind::Timer));
        endIdle(r.idle);
    }

    void panByDragAndKeys()
    {
        diesel::Hub &hub = diesel::Hub::current();
        LoopSampler sampler(hub);
        SchedulePanel panel(sampler);
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Recorded r = recordBusyAndIdle(panel);
        ScheduleView &view = panel.view();
        QVERIFY(view.following());
        // Narrower than what was recorded (the busy run, 20 ms): room to pan back.
        view.setSpan(10ms);
        const double perPixel = 10.0 / view.plotRect().width(); // ms
        const auto end = view.viewEnd();

        // Dragging to the right shows earlier times, and stops following.
        QWidget *vp = view.viewport();
        const QPoint from(view.plotRect().center().x(), view.plotRect().top() + 5);
        mouse(vp, QEvent::MouseButtonPress, from, Qt::LeftButton);
        mouse(vp, QEvent::MouseMove, from + QPoint(50, 0), Qt::LeftButton);
        mouse(vp, QEvent::MouseMove, from + QPoint(100, 0), Qt::LeftButton);
        mouse(vp, QEvent::MouseButtonRelease, from + QPoint(100, 0), Qt::NoButton);
        QVERIFY(!view.following());
        const double moved =
            std::chrono::duration<double, std::milli>(end - view.viewEnd()).count();
        QVERIFY2(std::abs(moved - 100 * perPixel) < 0.01, qPrintable(QString::number(moved)));

        // Arrow keys move a tenth of the screen; Home goes to the oldest recorded, End follows.
        auto before = view.viewEnd();
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(std::chrono::round<std::chrono::microseconds>(before - view.viewEnd()),
                 std::chrono::microseconds(1000));
        before = view.viewEnd();
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(std::chrono::round<std::chrono::microseconds>(view.viewEnd() - before),
                 std::chrono::microseconds(1000));
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.viewEnd(), view.recordedBegin() + view.span());
        // Panning never leaves the recorded window.
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.viewEnd(), view.recordedBegin() + view.span());
        QTest::keyClick(&view, Qt::Key_End);
        QVERIFY(view.following());
        // Following keeps the newest run in view, near the right edge.
        QVERIFY(view.viewEnd() <= view.recordedEnd());
        const diesel::Clock::time_point newest = view.capture().slices.back().end;
        QVERIFY(view.viewEnd() >= newest);
        QVERIFY(view.viewEnd() - view.span() < newest);
        endIdle(r.idle);
    }

    void idleLoopsHaveLanesThatCollapse()
    {
        diesel::Hub &hub = diesel::Hub::current();
        LoopSampler sampler(hub);
        SchedulePanel panel(sampler);
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Recorded r = recordBusyAndIdle(panel);
        ScheduleView &view = panel.view();
        // Zoomed in to the last 10 µs: the idle Loop ran long before, yet it has its lane.
        view.setSpan(10us);
        QVERIFY(dtest::spin_until([&] { return !view.laneRect(r.idle).isEmpty(); }));
        const std::vector<diesel::LoopId> lanes = view.lanes();
        QVERIFY(std::find(lanes.begin(), lanes.end(), r.idle) != lanes.end());
        QVERIFY(view.lanes().size() >= 1);

        const QString group = ScheduleView::groupOf(QStringLiteral("idle sleeper"));
        view.setGroupCollapsed(group, true);
        QVERIFY(view.laneRect(r.idle).isEmpty());
        view.setGroupCollapsed(group, false);
        QVERIFY(!view.laneRect(r.idle).isEmpty());

        view.collapseAll(true);
        QVERIFY(view.lanes().empty());
        // A click on a group's header unfolds it.
        view.verticalScrollBar()->setValue(0);
        QWidget *vp = view.viewport();
        const QPoint header(20, view.plotRect().top() + 3);
        mouse(vp, QEvent::MouseButtonPress, header, Qt::LeftButton);
        mouse(vp, QEvent::MouseButtonRelease, header, Qt::NoButton);
        QVERIFY(!view.lanes().empty());
        view.collapseAll(false);
        QVERIFY(!view.laneRect(r.idle).isEmpty());
        endIdle(r.idle);
    }

    void exportsAChromeTrace()
    {
        diesel::Hub &hub = diesel::Hub::current();
        LoopSampler sampler(hub);
        SchedulePanel panel(sampler);
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Recorded r = recordBusyAndIdle(panel);
        QVERIFY(r.busy.loop != 0);
        const ScheduleCapture capture = panel.view().capture();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("schedule.json"));
        QString error;
        QVERIFY2(panel.saveTrace(path, &error), qPrintable(error));
        endIdle(r.idle);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
        QVERIFY2(parse.error == QJsonParseError::NoError, qPrintable(parse.errorString()));
        const QJsonObject root = doc.object();
        QCOMPARE(root.value(QStringLiteral("displayTimeUnit")).toString(), QStringLiteral("ms"));
        const QJsonArray events = root.value(QStringLiteral("traceEvents")).toArray();
        QVERIFY(!events.isEmpty());

        std::map<qint64, int> names; // tid -> thread_name events
        std::map<qint64, QString> nameOf;
        QSet<qint64> sliceTids;
        QSet<QString> causes;
        int slices = 0;
        bool busyFound = false;
        const double window =
            std::chrono::duration<double, std::micro>(capture.end - capture.origin).count();
        for (const QJsonValue &v : events) {
            const QJsonObject e = v.toObject();
            const QString ph = e.value(QStringLiteral("ph")).toString();
            const qint64 tid = e.value(QStringLiteral("tid")).toInteger();
            QCOMPARE(e.value(QStringLiteral("pid")).toInt(), 1);
            if (ph == QLatin1String("M") &&
                e.value(QStringLiteral("name")).toString() == QLatin1String("thread_name")) {
                ++names[tid];
                nameOf[tid] = e.value(QStringLiteral("args"))
                                  .toObject()
                                  .value(QStringLiteral("name"))
                                  .toString();
            } else if (ph == QLatin1String("X")) {
                ++slices;
                sliceTids.insert(tid);
                const double ts = e.value(QStringLiteral("ts")).toDouble();
                const double dur = e.value(QStringLiteral("dur")).toDouble();
                // Inside the recorded window.
                QVERIFY2(ts >= 0 && dur >= 0 && ts + dur <= window + 0.001,
                         qPrintable(QStringLiteral("%1+%2 > %3").arg(ts).arg(dur).arg(window)));
                const QString cause = e.value(QStringLiteral("args"))
                                          .toObject()
                                          .value(QStringLiteral("woken by"))
                                          .toString();
                QVERIFY(!cause.isEmpty());
                QCOMPARE(e.value(QStringLiteral("name")).toString(), cause);
                causes.insert(cause);
                if (qint64(r.busy.loop) == tid && dur >= 20000 &&
                    cause == wakeWord(diesel::WaitKind::Timer))
                    busyFound = true;
            }
        }
        QCOMPARE(slices, int(capture.slices.size()));
        QVERIFY(busyFound);
        QVERIFY(causes.contains(wakeWord(diesel::WaitKind::Timer)));
        // One track per Loop: each named once, every slice on a named track, idle Loops too.
        for (const auto &[tid, count] : names)
            QCOMPARE(count, 1);
        for (qint64 tid : sliceTids)
            QVERIFY(names.count(tid));
        QVERIFY(names.count(qint64(r.idle)));
        QVERIFY(nameOf[qint64(r.idle)].contains(QStringLiteral("idle sleeper")));
        QVERIFY(nameOf[qint64(r.busy.loop)].contains(QStringLiteral("busy")));
    }

    void formatsForPeople()
    {
        QCOMPARE(humanBytes(512), QStringLiteral("512 B"));
        QCOMPARE(humanBytes(1234567), QStringLiteral("1.2 MB"));
        QCOMPARE(humanRate(1200000), QStringLiteral("1.2 MB/s"));
        QCOMPARE(humanDuration(std::chrono::microseconds(3400)), QStringLiteral("3.4 ms"));
        QCOMPARE(exactNumber(1234567), QStringLiteral("1,234,567"));
        QCOMPARE(escapedText(QByteArrayView("a\r\n\x01")), QStringLiteral("a\\r\\n\\x01"));
        QByteArray bytes;
        QVERIFY(parseHex(QStringLiteral("48 69 0x0d 0a"), &bytes));
        QCOMPARE(bytes, QByteArray("Hi\r\n"));
        QVERIFY(!parseHex(QStringLiteral("4"), &bytes));
        QVERIFY(!parseHex(QStringLiteral("zz"), &bytes));
    }
};

QTEST_MAIN(TestSchedule)
#include "tst_widgets_schedule.moc"
