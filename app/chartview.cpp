// SPDX-License-Identifier: MIT
#include "chartview.h"
#include "measuretext.h"

#include <QCursor>
#include <QLineSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace workbench {

ChartView::ChartView(const QString &title, QHash<QString, QColor> colors, QWidget *parent)
    // The chart goes to the constructor: a QChartView made without one makes its own, and
    // setChart() would only release that one, not delete it.
    : QChartView(new QChart, parent)
    , m_colors(std::move(colors))
    , m_time(new QValueAxis(this))
    , m_values(new QValueAxis(this))
{
    QChart *chart = this->chart(); // the view owns the chart, the chart its axes and series
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignRight);
    m_time->setLabelFormat(QStringLiteral("%.0f s"));
    m_time->setTickCount(6);
    m_values->setLabelFormat(QStringLiteral("%.4g"));
    m_values->setTickCount(5);
    m_values->setRange(0, 1);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_values, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
}

QString ChartView::title() const
{
    return chart()->title();
}

void ChartView::plot(const std::vector<const ChartStore::Series *> &series,
                     ChartStore::Clock::time_point now, ChartStore::Clock::duration window)
{
    const double span = std::chrono::duration<double>(window).count();
    m_time->setRange(-span, 0);
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        const bool wanted = std::any_of(series.begin(), series.end(),
                                        [&](const auto *s) { return s->name == it.key(); });
        if (wanted) {
            ++it;
            continue;
        }
        chart()->removeSeries(it.value());
        delete it.value(); // removeSeries() hands the series back to us
        it = m_lines.erase(it);
    }
    double top = 0;
    for (const ChartStore::Series *s : series) {
        QLineSeries *&line = m_lines[s->name];
        if (!line) {
            line = new QLineSeries;
            line->setName(s->name);
            chart()->addSeries(line);
            line->attachAxis(m_time);
            line->attachAxis(m_values);
            if (const auto color = m_colors.constFind(s->name); color != m_colors.cend())
                line->setColor(*color);
            // The exact value under the pointer, as the other views give exact values in tooltips.
            connect(
                line, &QLineSeries::hovered, this,
                [name = s->name, kind = s->kind, unit = s->unit](const QPointF &point, bool over) {
                    const QString value = kind == ItemMeasure::Kind::Total
                                              ? measureRate(point.y(), unit)
                                              : measureAmount(point.y(), unit);
                    if (over)
                        QToolTip::showText(QCursor::pos(), QStringLiteral("%1: %2, %3 s ago")
                                                               .arg(name, value)
                                                               .arg(-point.x(), 0, 'f', 1));
                    else
                        QToolTip::hideText();
                });
        }
        QList<QPointF> points;
        points.reserve(qsizetype(s->points.size()));
        for (const ChartStore::Point &p : s->points) {
            points.append(QPointF(std::chrono::duration<double>(p.at - now).count(), p.value));
            top = std::max(top, p.value);
        }
        line->replace(points);
    }
    // Zero at the bottom, a little room over the highest value in sight, ticks at round numbers.
    m_values->setRange(0, top > 0 ? top * 1.1 : 1);
    m_values->applyNiceNumbers();
}

} // namespace workbench
