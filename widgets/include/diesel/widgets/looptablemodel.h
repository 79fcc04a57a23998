// SPDX-License-Identifier: MIT
// Every Loop as a flat table, updated from LoopSamples in batches: rows are diffed by id, so
// inserts, removals and changes are announced as ranges and 10,000 Loops stay smooth.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/loopsampler.h>

#include <QAbstractTableModel>

#include <vector>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT LoopTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit LoopTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Brings the rows in line with `sample` (a sorted-by-id list), announcing the differences.
    void update(const LoopSample &sample);
    /// The row of a Loop, or -1.
    int rowOf(LoopId id) const;
    /// The record shown in `row`.
    const LoopRecord &record(int row) const { return m_rows[std::size_t(row)]; }
    /// The moment "time in state" is measured at (the sample's time).
    Clock::time_point now() const noexcept { return m_now; }

    /// Above this many separate insert or remove ranges in one update, the model resets instead.
    static constexpr int kMaxRanges = 64;

private:
    std::vector<LoopRecord> m_rows;
    Clock::time_point m_now{};
};

} // namespace diesel::widgets
