// SPDX-License-Identifier: MIT
// The schedule panel: the ScheduleView with its controls (follow live, zoom, collapse, export),
// a legend of wake causes, and the honest "showing 1 in N slices" when recording cannot keep
// every slice.
#pragma once

#include <diesel/core/types.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/loopsampler.h>

#include <QWidget>

class QLabel;
class QToolButton;

namespace diesel::widgets {

class ScheduleView;
class SliceRecorder;

class DIESEL_WIDGETS_EXPORT SchedulePanel : public QWidget
{
    Q_OBJECT

public:
    /// Records slices of `sampler`'s Hub while visible; labels lanes from its samples.
    explicit SchedulePanel(LoopSampler &sampler, QWidget *parent = nullptr);

    ScheduleView &view() const noexcept { return *m_view; }
    SliceRecorder &recorder() const noexcept { return *m_recorder; }

    /// Whether the panel is recording (shown, and not behind another tab).
    bool active() const noexcept { return m_use.active(); }

    /// Writes what the schedule holds to `path` as Chrome trace-event JSON (see chrometrace.h).
    bool saveTrace(const QString &path, QString *error) const;

public Q_SLOTS:
    void selectLoop(diesel::LoopId id);
    /// Asks for a file name and exports the schedule there (File → Export schedule…).
    void exportTrace();
    /// Tells the panel whether it can be seen: a dock tabbed behind another stays "visible" to
    /// Qt, so the window passes QDockWidget::visibilityChanged here. Default: true.
    void setViewed(bool viewed);

Q_SIGNALS:
    void loopClicked(diesel::LoopId id);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateLabels();

    LoopSampler &m_sampler;
    SliceRecorder *m_recorder;
    ScheduleView *m_view;
    SamplerUse m_use;
    QToolButton *m_follow;
    QLabel *m_span;
    QLabel *m_sampling;
};

} // namespace diesel::widgets
