// SPDX-License-Identifier: MIT
// The schedule: a timeline of the last seconds with a lane per Loop (grouped by service), each
// run slice a bar whose left edge shows what woke the Loop. Hover for exact times, click to select
// a Loop, pause to freeze the picture, zoom with Ctrl+wheel.
#pragma once

#include <diesel/core/observer.h>
#include <diesel/widgets/loopsampler.h>

#include <QAbstractScrollArea>
#include <QSet>
#include <QString>
#include <QTimer>

#include <unordered_map>
#include <vector>

namespace diesel::widgets {

class SliceRecorder;

class ScheduleView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    ScheduleView(SliceRecorder &recorder, QWidget *parent = nullptr);

    /// The span of time shown, ending now (or at the moment of pausing).
    Clock::duration window() const noexcept { return m_window; }
    void setWindow(Clock::duration window);
    /// Shows a narrower (in) or wider (out) span.
    void zoomIn();
    void zoomOut();
    bool paused() const noexcept { return m_paused; }
    /// The group (service) a Loop label belongs to: the label without a trailing peer address.
    static QString groupOf(const QString &label);

    QSize sizeHint() const override;

public Q_SLOTS:
    /// Freezes the picture (the engine keeps running) or resumes the live view.
    void setPaused(bool paused);
    /// Highlights a Loop's lane and scrolls to it.
    void selectLoop(diesel::LoopId id);
    /// Learns Loop labels and parents from a sample.
    void noteSample(const diesel::widgets::LoopSample &sample);
    /// Refreshes the picture ten times a second (true) or not at all (false, the default).
    void setLive(bool live);

Q_SIGNALS:
    /// The person clicked a Loop's lane or one of its slices.
    void loopClicked(diesel::LoopId id);
    void windowChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Row
    {
        bool group = false;
        QString name; // group name, or the Loop's label
        LoopId loop = 0;
        int loops = 0; // for groups: lanes in it
    };
    struct Hit
    {
        int row;
        float x0;
        float x1;
        Slice slice;
    };
    void tick();
    void collect();
    void layoutRows();
    int laneHeight() const;
    int headerHeight() const;
    int rowAt(int y) const;
    QString labelOf(LoopId id) const;
    const Hit *hitAt(const QPoint &pos) const;

    SliceRecorder &m_recorder;
    QTimer m_timer;
    Clock::duration m_window;
    bool m_paused = false;
    Clock::time_point m_end{};
    std::vector<Slice> m_slices; // what is shown: the live window or the frozen picture
    std::vector<Row> m_rows;
    std::unordered_map<LoopId, int> m_rowOfLoop;
    std::vector<Hit> m_hits;
    std::unordered_map<LoopId, QString> m_labels;
    QSet<QString> m_collapsed;
    LoopId m_selected = 0;
};

} // namespace diesel::widgets
