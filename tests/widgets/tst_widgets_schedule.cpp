// SPDX-License-Identifier: MIT
// The schedule: slices are recorded only while recording, into a bounded ring, with a stride when
// they come too fast; the view groups lanes by service and paints without a display.
#include "dieseltest.h"

#include <diesel/diesel.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>

#include <QSignalSpy>
#include <QTest>

using namespace diesel::widgets;

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
        panel.view().setPaused(true);
        panel.view().zoomIn();
        panel.view().zoomOut();
        panel.grab(); // paints offscreen
        panel.view().setPaused(false);
        panel.hide();
        QVERIFY(!panel.recorder().recording());
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
