// SPDX-License-Identifier: MIT
#include "chartrecorder.h"
#include "chartspanel.h"
#include "chartview.h"
#include "itemcontroller.h"

#include <diesel/widgets/visuals.h>

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace workbench {

namespace dw = diesel::widgets;

namespace {

// The chart a series goes on: levels on one, rates of bytes and rates of counts on others.
QString unitOf(const ChartStore::Series &s)
{
    if (s.kind == ItemMeasure::Kind::Level)
        return QStringLiteral("Levels");
    if (s.unit == ItemMeasure::Unit::Bytes)
        return QStringLiteral("Bytes per second");
    return QStringLiteral("Counts per second");
}

// Bytes in and out, and the Loop states, have the colours they have in every other view.
QHash<QString, QColor> fixedColors()
{
    QHash<QString, QColor> colors;
    colors.insert(QStringLiteral("bytes in"), dw::directionColor(diesel::Direction::In));
    colors.insert(QStringLiteral("bytes out"), dw::directionColor(diesel::Direction::Out));
    for (int s = 0; s < dw::kVisualStateCount; ++s)
        colors.insert(dw::stateWord(dw::VisualState(s)), dw::stateColor(dw::VisualState(s)));
    return colors;
}

std::vector<const ChartStore::Series *> allOf(const std::vector<ChartStore::Series> &series)
{
    std::vector<const ChartStore::Series *> out;
    for (const ChartStore::Series &s : series)
        out.push_back(&s);
    return out;
}

} // namespace

ChartsPanel::ChartsPanel(ChartRecorder &recorder, dw::LoopSampler &sampler, QWidget *parent)
    : QWidget(parent)
    , m_recorder(recorder)
    , m_title(new QLabel(this))
    , m_loopsChart(new ChartView(QStringLiteral("Loops by state"), fixedColors(), this))
    , m_use(sampler, [this](bool active) {
        if (active)
            redraw();
    })
{
    m_title->setObjectName(QStringLiteral("chartsTitle"));
    m_title->setWordWrap(true);
    m_loopsChart->setObjectName(QStringLiteral("loopsByState"));
    m_loopsChart->setToolTip(QStringLiteral("The Hub's Loops counted by state, as the Loops "
                                            "panel shows them"));

    auto *charts = new QWidget(this);
    auto *column = new QVBoxLayout(charts);
    column->setContentsMargins(0, 0, 0, 0);
    m_itemBox = new QVBoxLayout;
    column->addLayout(m_itemBox);
    column->addWidget(m_loopsChart);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(charts);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addWidget(scroll, 1);

    connect(&recorder, &ChartRecorder::recorded, this, [this] {
        if (m_use.active())
            redraw();
    });
    updateTitle();
}

void ChartsPanel::showItem(ItemController *item)
{
    if (item == m_item)
        return;
    m_item = item;
    updateTitle();
    if (m_use.active())
        redraw();
}

void ChartsPanel::updateTitle()
{
    const auto minutes =
        std::chrono::duration_cast<std::chrono::minutes>(m_recorder.items().window()).count();
    if (m_item)
        m_title->setText(QStringLiteral("%1 over the last %2 minutes; counters as rates per "
                                        "second")
                             .arg(m_item->name())
                             .arg(minutes));
    else
        m_title->setText(QStringLiteral("Select an item in the Workspace to chart its numbers"));
}

void ChartsPanel::redraw()
{
    const ChartStore::Clock::time_point now = ChartStore::Clock::now();
    // The selected item's series, grouped by unit in the order they come.
    QList<QString> units;
    std::vector<std::vector<const ChartStore::Series *>> groups;
    if (const ItemController *item = m_item)
        for (const ChartStore::Series &s : m_recorder.items().series(item->id())) {
            const QString unit = unitOf(s);
            qsizetype at = units.indexOf(unit);
            if (at < 0) {
                at = units.size();
                units.append(unit);
                groups.emplace_back();
            }
            groups[std::size_t(at)].push_back(&s);
        }
    QList<QString> shown;
    for (const ChartView *chart : m_itemCharts)
        shown.append(chart->title());
    if (shown != units) {
        qDeleteAll(m_itemCharts);
        m_itemCharts.clear();
        for (const QString &unit : units) {
            auto *chart = new ChartView(unit, fixedColors(), this);
            m_itemBox->addWidget(chart);
            chart->show(); // added to a panel already in sight
            m_itemCharts.append(chart);
        }
    }
    const ChartStore::Clock::duration window = m_recorder.items().window();
    for (qsizetype i = 0; i < m_itemCharts.size(); ++i)
        m_itemCharts[i]->plot(groups[std::size_t(i)], now, window);
    m_loopsChart->plot(allOf(m_recorder.loops().series(ChartRecorder::kLoopsKey)), now,
                       m_recorder.loops().window());
}

void ChartsPanel::setViewed(bool viewed)
{
    m_use.setViewed(viewed);
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_use.setShown(true);
}

void ChartsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_use.setShown(false);
}

} // namespace workbench
