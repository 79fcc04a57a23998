// SPDX-License-Identifier: MIT
// The schedule: a timeline of the recorded window with a lane per Loop (grouped by service, idle
// Loops too), each run slice a bar coloured and lettered by what woke the Loop. Zoom from 30 s
// down to 10 µs per screen (Ctrl+wheel, +/-), pan by dragging or with the arrow keys, Home and
// End; it follows the live end (the newest run in view) until the person pans.
#pragma once

#include <diesel/core/observer.h>
#include <diesel/widgets/chrometrace.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/loopsampler.h>

#include <QAbstractScrollArea>
#include <QSet>
#include <QString>
#include <QTimer>

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace diesel::widgets {

class SliceRecorder;

class DIESEL_WIDGETS_EXPORT ScheduleView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    /// The narrowest and widest span one screen shows.
    static constexpr Clock::duration kMinSpan = std::chrono::microseconds(10);
    static constexpr Clock::duration kMaxSpan = std::chrono::seconds(30);

    ScheduleView(SliceRecorder &recorder, QWidget *parent = nullptr);

    /// The span of time shown, from viewEnd() - span() to viewEnd().
    Clock::duration span() const noexcept { return m_span; }
    /// Sets the span (clamped to kMinSpan..kMaxSpan), keeping the time at plot x `anchor` in
    /// place (-1: the right edge while following, else the middle).
    void setSpan(Clock::duration span, int anchor = -1);
    /// Halves (in) or doubles (out) the span.
    void zoomIn();
    void zoomOut();
    /// The time at the right edge of the plot.
    Clock::time_point viewEnd() const noexcept { return m_end; }
    /// Shows the time up to `end`, clamped to the recorded window; stops following.
    void setViewEnd(Clock::time_point end);
    /// Moves the view by `pixels` of the plot (positive: later); stops following.
    void panBy(double pixels);
    /// The recorded window one can pan through: from when recording began (or the oldest slice
    /// the ring still holds; 30 s at most) to the last copy.
    Clock::time_point recordedBegin() const;
    Clock::time_point recordedEnd() const noexcept { return m_captured; }
    /// Whether the view follows the live end, the newest run in view (true until the person
    /// pans).
    bool following() const noexcept { return m_following; }

    /// The plot area in viewport coordinates, and the x of a time in it.
    QRect plotRect() const;
    double xOf(Clock::time_point t) const;
    /// A Loop's lane in viewport coordinates (empty if it has none or it is collapsed).
    QRect laneRect(LoopId id) const;
    /// The Loops that have a lane, group rows excluded, in order.
    std::vector<LoopId> lanes() const;

    /// Folds or unfolds a group (service) of lanes; all of them with collapseAll().
    void setGroupCollapsed(const QString &group, bool collapsed);
    void collapseAll(bool collapsed);
    bool groupCollapsed(const QString &group) const { return m_collapsed.contains(group); }
    /// The group (service) a Loop label belongs to: the label without a trailing peer address.
    static QString groupOf(const QString &label);

    /// What the view holds (the frozen picture, or the live window), ready to export.
    ScheduleCapture capture() const;

    QSize sizeHint() const override;

public Q_SLOTS:
    /// Follows the live end (true) or freezes the picture where it is (false); the engine keeps
    /// running either way.
    void setFollowing(bool following);
    /// Highlights a Loop's lane and scrolls to it.
    void selectLoop(diesel::LoopId id);
    /// Learns Loop labels, and which Loops live, from a sample.
    void noteSample(const diesel::widgets::LoopSample &sample);
    /// Refreshes the picture ten times a second (true) or not at all (false, the default).
    void setLive(bool live);

Q_SIGNALS:
    /// The person clicked a Loop's lane or one of its slices.
    void loopClicked(diesel::LoopId id);
    /// The span or the position changed.
    void viewChanged();
    void followingChanged(bool following);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Row
    {
        bool group = false;
        QString name; // group name, or the Loop's label
        LoopId loop = 0;
        int loops = 0; // for groups: lanes in it
    };
    struct Label
    {
        QString text;
        QString group;
    };
    struct Hit
    {
        int row;
        float x0;
        float x1;
        Slice slice;
    };
    void tick();
    /// Copies from the recorder what the view needs: the span shown while following (moving
    /// the right edge), else the whole ring.
    void refresh();
    void layoutRows();
    void clampEnd();
    void changed();
    int laneHeight() const;
    int headerHeight() const;
    int labelWidth() const;
    int rowAt(int y) const;
    Label labelOf(LoopId id) const;
    const Hit *hitAt(const QPoint &pos) const;
    void paintRuler(QPainter &p, const QRect &plot);
    void paintSlices(QPainter &p, int first, int last);

    SliceRecorder &m_recorder;
    QTimer m_timer;
    Clock::duration m_span;
    Clock::time_point m_end{};
    Clock::time_point m_captured{};      // when m_slices was copied
    Clock::time_point m_recordedSince{}; // the oldest time one can pan to, then
    bool m_following = true;
    std::vector<Slice> m_slices; // oldest first: the live window or the frozen picture
    std::vector<Row> m_rows;
    std::unordered_map<LoopId, int> m_rowOfLoop;
    std::vector<Hit> m_hits;
    std::unordered_map<LoopId, Label> m_labels;
    std::vector<LoopId> m_live; // the Loops of the last sample
    QSet<QString> m_collapsed;
    LoopId m_selected = 0;
    // A drag in progress: where it started and the view end then.
    bool m_pressed = false;
    bool m_dragged = false;
    QPoint m_pressAt;
    Clock::time_point m_pressEnd{};
};

} // namespace diesel::widgets
