// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>
#include <diesel/widgets/visuals.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace diesel::widgets {

namespace {

QString legend()
{
    const WaitKind causes[] = {WaitKind::Read,  WaitKind::Timer, WaitKind::Fire,
                               WaitKind::Queue, WaitKind::Event, WaitKind::None};
    QString html = QStringLiteral("Woken by: ");
    for (WaitKind cause : causes) {
        const QString word = cause == WaitKind::Read ? QStringLiteral("fd") : wakeWord(cause);
        html += QStringLiteral("<span style=\"color:%1\">&#9646;</span>&nbsp;%2&nbsp;&nbsp; ")
                    .arg(wakeColor(cause).name(), word.toHtmlEscaped());
    }
    return html;
}

} // namespace

SchedulePanel::SchedulePanel(LoopSampler &sampler, QWidget *parent)
    : QWidget(parent)
    , m_sampler(sampler)
    , m_recorder(new SliceRecorder(sampler.hub(), std::size_t(1) << 16, this))
    , m_view(new ScheduleView(*m_recorder, this))
    // Slices cost the engine two clock reads per switch: record only while someone can look.
    , m_use(sampler, [this](bool active) {
        m_recorder->setRecording(active);
        m_view->setLive(active);
    })
{
    m_pause = new QToolButton(this);
    m_pause->setCheckable(true);
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pause->setText(QStringLiteral("Pause"));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause->setToolTip(QStringLiteral("Freeze the picture; the engine keeps running"));

    auto *zoomIn = new QToolButton(this);
    zoomIn->setText(QStringLiteral("+"));
    zoomIn->setToolTip(QStringLiteral("Zoom in: show a shorter span (Ctrl+wheel)"));
    auto *zoomOut = new QToolButton(this);
    zoomOut->setText(QStringLiteral("\u2212"));
    zoomOut->setToolTip(QStringLiteral("Zoom out: show a longer span (Ctrl+wheel)"));

    m_window = new QLabel(this);
    m_sampling = new QLabel(this);
    m_sampling->setToolTip(QStringLiteral("Slices come faster than the recorder keeps for this "
                                          "span: it records one in N"));
    auto *legendLabel = new QLabel(legend(), this);
    legendLabel->setTextFormat(Qt::RichText);
    legendLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    legendLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    legendLabel->setToolTip(QStringLiteral("Each bar is one run of a Loop; the colour of its left "
                                           "edge says what woke it"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_pause);
    bar->addWidget(zoomOut);
    bar->addWidget(m_window);
    bar->addWidget(zoomIn);
    bar->addSpacing(12);
    bar->addWidget(m_sampling);
    bar->addWidget(legendLabel, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_pause, &QToolButton::toggled, m_view, &ScheduleView::setPaused);
    connect(zoomIn, &QToolButton::clicked, m_view, &ScheduleView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &ScheduleView::zoomOut);
    connect(m_view, &ScheduleView::windowChanged, this, &SchedulePanel::updateLabels);
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
    m_window->setText(QStringLiteral("last ") + humanDuration(m_view->window()));
    const unsigned stride = m_recorder->stride();
    m_sampling->setText(stride > 1 ? QStringLiteral("showing 1 in %1 slices").arg(stride)
                                   : QString());
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
