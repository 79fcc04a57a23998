// SPDX-License-Identifier: MIT
#include <diesel/widgets/chrometrace.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>
#include <diesel/widgets/visuals.h>

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace diesel::widgets {

namespace {

// A cause as the bars show it: its letter on its colour, then its word.
QString legendEntry(WaitKind cause, const QString &word)
{
    const QColor colour = wakeColor(cause);
    return QStringLiteral("<span style=\"background:%1;color:%2\">&nbsp;%3&nbsp;</span>&nbsp;%4")
        .arg(colour.name(),
             colour.lightnessF() > 0.6 ? QStringLiteral("black") : QStringLiteral("white"),
             QString(wakeLetter(cause)), word.toHtmlEscaped());
}

QString legend()
{
    const WaitKind causes[] = {WaitKind::Read,  WaitKind::Timer, WaitKind::Fire,
                               WaitKind::Queue, WaitKind::Event, WaitKind::None};
    QString html = QStringLiteral("Woken by: ");
    for (WaitKind cause : causes)
        html +=
            legendEntry(cause, cause == WaitKind::Read ? QStringLiteral("fd") : wakeWord(cause)) +
            QStringLiteral("&nbsp; ");
    return html;
}

QString fullLegend()
{
    QString html = QStringLiteral("Each bar is one run of a Loop; its colour and letter say what "
                                  "woke it:");
    for (int i = 0; i <= int(WaitKind::Other); ++i)
        html += QStringLiteral("<br>") + legendEntry(WaitKind(i), wakeWord(WaitKind(i)));
    return html;
}

QToolButton *button(QWidget *parent, const QString &text, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    return b;
}

} // namespace

SchedulePanel::SchedulePanel(LoopSampler &sampler, QWidget *parent)
    : QWidget(parent)
    , m_sampler(sampler)
    // The bound: 65,536 slices (2 MB) whatever the rate; past it the recorder keeps 1 in N.
    , m_recorder(new SliceRecorder(sampler.hub(), std::size_t(1) << 16, this))
    , m_view(new ScheduleView(*m_recorder, this))
    // Slices cost the engine two clock reads per switch: record only while someone can look.
    , m_use(sampler, [this](bool active) {
        m_recorder->setRecording(active);
        m_view->setLive(active);
    })
{
    m_follow = button(this, QStringLiteral("Follow live"),
                      QStringLiteral("Keep the newest moment at the right edge (End). Panning "
                                     "freezes the picture; the engine keeps running"));
    m_follow->setCheckable(true);
    m_follow->setChecked(m_view->following());
    m_follow->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_follow->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *zoomIn =
        button(this, QStringLiteral("+"), QStringLiteral("Zoom in: half the span (+, Ctrl+wheel)"));
    auto *zoomOut = button(this, QStringLiteral("\u2212"),
                           QStringLiteral("Zoom out: twice the span (-, Ctrl+wheel)"));
    auto *collapse = button(this, QStringLiteral("Collapse all"),
                            QStringLiteral("Fold every group of lanes to its header; click a "
                                           "header to fold or unfold one"));
    collapse->setCheckable(true);
    auto *exportButton = button(this, QStringLiteral("Export\u2026"),
                                QStringLiteral("Save the recorded schedule as a Chrome trace "
                                               "(JSON) for Perfetto or chrome://tracing"));

    m_span = new QLabel(this);
    m_span->setToolTip(QStringLiteral("Time per screen. Drag or use the arrow keys to pan, Home "
                                      "for the oldest recorded, End to follow live"));
    m_sampling = new QLabel(this);
    m_sampling->setToolTip(QStringLiteral("Slices come faster than the recorder keeps for this "
                                          "span: it records one in N"));
    auto *legendLabel = new QLabel(legend(), this);
    legendLabel->setTextFormat(Qt::RichText);
    legendLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    legendLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    legendLabel->setToolTip(fullLegend());

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_follow);
    bar->addWidget(zoomOut);
    bar->addWidget(m_span);
    bar->addWidget(zoomIn);
    bar->addWidget(collapse);
    bar->addWidget(exportButton);
    bar->addSpacing(12);
    bar->addWidget(m_sampling);
    bar->addWidget(legendLabel, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_follow, &QToolButton::toggled, m_view, &ScheduleView::setFollowing);
    connect(m_view, &ScheduleView::followingChanged, m_follow, &QToolButton::setChecked);
    connect(zoomIn, &QToolButton::clicked, m_view, &ScheduleView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &ScheduleView::zoomOut);
    connect(collapse, &QToolButton::toggled, m_view, &ScheduleView::collapseAll);
    connect(exportButton, &QToolButton::clicked, this, &SchedulePanel::exportTrace);
    connect(m_view, &ScheduleView::viewChanged, this, &SchedulePanel::updateLabels);
    connect(m_view, &ScheduleView::loopClicked, this, &SchedulePanel::loopClicked);
    connect(m_recorder, &SliceRecorder::strideChanged, this, &SchedulePanel::updateLabels);
    connect(&m_sampler, &LoopSampler::sampled, m_view, &ScheduleView::noteSample);
    updateLabels();
}

void SchedulePanel::selectLoop(LoopId id)
{
    m_view->selectLoop(id);
}

void SchedulePanel::updateLabels()
{
    const QString span = humanDuration(m_view->span());
    if (m_span->text() != span)
        m_span->setText(span);
    const unsigned stride = m_recorder->stride();
    m_sampling->setText(stride > 1 ? QStringLiteral("showing 1 in %1 slices").arg(stride)
                                   : QString());
}

bool SchedulePanel::saveTrace(const QString &path, QString *error) const
{
    return saveChromeTrace(m_view->capture(), path, error);
}

void SchedulePanel::exportTrace()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export schedule"),
                                                      QStringLiteral("schedule.json"),
                                                      QStringLiteral("Chrome trace (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTrace(path, &error))
        QMessageBox::warning(this, QStringLiteral("Export schedule"), error);
}

void SchedulePanel::setViewed(bool viewed)
{
    m_use.setViewed(viewed);
}

void SchedulePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_use.setShown(true);
}

void SchedulePanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_use.setShown(false);
}

} // namespace diesel::widgets
