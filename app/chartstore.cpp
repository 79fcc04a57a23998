// SPDX-License-Identifier: MIT
#include "chartstore.h"

#include <algorithm>

namespace workbench {

ChartStore::ChartStore(Clock::duration window, Clock::duration interval, Clock::duration rateSpan)
    : m_window(window)
    , m_rateSpan(rateSpan)
    , m_capacity(std::size_t(window / std::max(interval, Clock::duration(1))) + 1)
{}

void ChartStore::add(const QString &key, const std::vector<ItemMeasure> &measures,
                     Clock::time_point at)
{
    std::vector<Series> &all = m_series[key];
    for (const ItemMeasure &m : measures) {
        auto it =
            std::find_if(all.begin(), all.end(), [&](const Series &s) { return s.name == m.name; });
        if (it == all.end() || it->kind != m.kind || it->unit != m.unit) {
            if (it != all.end())
                all.erase(it);
            all.push_back(Series{m.name, m.kind, m.unit, {}, {}});
            it = all.end() - 1;
        }
        if (m.kind == ItemMeasure::Kind::Level)
            addPoint(*it, Point{at, m.value});
        else
            addCount(*it, Point{at, m.value});
    }
    // What is older than the window goes, also from series the item no longer offers; a series
    // with nothing left goes too.
    for (Series &s : all)
        while (!s.points.empty() && at - s.points.front().at > m_window)
            s.points.pop_front();
    std::erase_if(all, [&](const Series &s) {
        const bool offered = std::any_of(measures.begin(), measures.end(),
                                         [&](const ItemMeasure &m) { return m.name == s.name; });
        return !offered && s.points.empty();
    });
    if (all.empty())
        m_series.remove(key);
}

void ChartStore::addPoint(Series &series, const Point &point) const
{
    series.points.push_back(point);
    while (series.points.size() > m_capacity || point.at - series.points.front().at > m_window)
        series.points.pop_front();
}

void ChartStore::addCount(Series &series, const Point &count) const
{
    std::deque<Point> &counts = series.counts;
    // A counter that went down was reset (its item restarted): the rate starts again from it.
    if (!counts.empty() && count.value < counts.back().value)
        counts.clear();
    counts.push_back(count);
    // The rate spans the last rateSpan or so, as the status bar's does: smoother than the change
    // since the previous sample when counts move in bursts.
    while (counts.size() > 2 &&
           (count.at - counts.front().at > m_rateSpan || counts.size() > m_capacity))
        counts.pop_front();
    if (counts.size() < 2)
        return;
    const Point &from = counts.front();
    const double seconds = std::chrono::duration<double>(count.at - from.at).count();
    if (seconds > 0)
        addPoint(series, Point{count.at, (count.value - from.value) / seconds});
}

void ChartStore::remove(const QString &key)
{
    m_series.remove(key);
}

const std::vector<ChartStore::Series> &ChartStore::series(const QString &key) const
{
    static const std::vector<Series> none;
    const auto it = m_series.constFind(key);
    return it == m_series.cend() ? none : *it;
}

std::size_t ChartStore::size() const
{
    std::size_t n = 0;
    for (const std::vector<Series> &all : m_series)
        for (const Series &s : all)
            n += s.points.size() + s.counts.size();
    return n;
}

} // namespace workbench
