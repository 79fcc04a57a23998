// SPDX-License-Identifier: MIT
// One line chart of a ChartStore's series over its time window: the newest moment at the right
// edge (0 s), the oldest at the left (-300 s for five minutes). It holds one QLineSeries per
// series it is given, with the store's points and no more, so it is bounded as the store is.
#pragma once

#include "chartstore.h"

#include <QChartView>
#include <QColor>
#include <QHash>

class QLineSeries;
class QValueAxis;

namespace workbench {

class ChartView : public QChartView
{
    Q_OBJECT

public:
    /// `colors`: fixed colours for series by name (bytes in and out, Loop states); the others
    /// take the theme's.
    explicit ChartView(const QString &title, QHash<QString, QColor> colors = {},
                       QWidget *parent = nullptr);

    /// Shows these series (adding, keeping or dropping lines by name) as they were at `now`.
    void plot(const std::vector<const ChartStore::Series *> &series,
              ChartStore::Clock::time_point now, ChartStore::Clock::duration window);
    /// The lines shown, by series name.
    const QHash<QString, QLineSeries *> &lines() const noexcept { return m_lines; }
    QString title() const;

private:
    QHash<QString, QColor> m_colors;
    QHash<QString, QLineSeries *> m_lines;
    QValueAxis *m_time;
    QValueAxis *m_values;
};

} // namespace workbench
