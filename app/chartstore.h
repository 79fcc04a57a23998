// SPDX-License-Identifier: MIT
// The charts' memory: per key (an item's id) and measure, the samples of the last few minutes.
// Levels are kept as they are; Totals (running counters) become rates per second. Bounded by
// time and by count, so a run of any length holds the same memory; pure model code, no widgets.
#pragma once

#include "itemcontroller.h"

#include <diesel/core/types.h>

#include <QHash>
#include <QString>

#include <chrono>
#include <deque>
#include <vector>

namespace workbench {

class ChartStore
{
public:
    using Clock = diesel::Clock;

    /// One sample of a series: when, and the level or the rate per second.
    struct Point
    {
        Clock::time_point at;
        double value = 0;
    };

    /// One measure's history.
    struct Series
    {
        QString name;
        ItemMeasure::Kind kind = ItemMeasure::Kind::Level;
        ItemMeasure::Unit unit = ItemMeasure::Unit::Count;
        std::deque<Point> points; ///< oldest first; Totals as rates per second
        std::deque<Point> counts; ///< Totals: the recent raw counts their rate is taken over
    };

    /// Keeps `window` of history sampled every `interval` (a series holds at most
    /// window / interval + 1 points); a Total's rate is taken over the last `rateSpan`.
    explicit ChartStore(Clock::duration window = std::chrono::minutes(5),
                        Clock::duration interval = std::chrono::milliseconds(500),
                        Clock::duration rateSpan = std::chrono::seconds(2));

    /// Adds the measures of `key` sampled at `at` (later than its previous sample). A Total's
    /// first sample gives no point yet (a rate needs two); a Total that went down (its item
    /// restarted) starts its rate afresh.
    void add(const QString &key, const std::vector<ItemMeasure> &measures, Clock::time_point at);
    /// Drops every series of `key` (an item removed from the workspace).
    void remove(const QString &key);
    /// The series of `key` in the order its measures came (none: empty).
    const std::vector<Series> &series(const QString &key) const;
    /// The keys that have series.
    QList<QString> keys() const { return m_series.keys(); }

    Clock::duration window() const noexcept { return m_window; }
    /// Points a series holds at most.
    std::size_t capacity() const noexcept { return m_capacity; }
    /// Points held in all series together (Totals' raw counts included).
    std::size_t size() const;

private:
    void addPoint(Series &series, const Point &point) const;
    void addCount(Series &series, const Point &count) const;

    Clock::duration m_window;
    Clock::duration m_rateSpan;
    std::size_t m_capacity;
    QHash<QString, std::vector<Series>> m_series;
};

} // namespace workbench
