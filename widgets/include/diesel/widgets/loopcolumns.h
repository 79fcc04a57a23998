// SPDX-License-Identifier: MIT
// The columns and item roles shared by the Loop table and the Loop tree.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/loopsampler.h>

#include <QVariant>

namespace diesel::widgets {

/// Columns of the Loop models.
enum LoopColumn : int {
    ColId,
    ColLabel,
    ColParent,
    ColState,
    ColWaitsOn,
    ColTimeInState,
    ColSwitches,
    ColBytesIn,
    ColBytesOut,
    ColDeaths, ///< times a keep-alive Loop ended and was restarted
    LoopColumnCount
};

/// Item roles of the Loop models beyond Qt's.
enum LoopRole : int {
    SortRole = Qt::UserRole,       ///< a value that sorts right (numbers as numbers)
    LoopIdRole = Qt::UserRole + 1, ///< the row's LoopId (quint64)
    ConnectionIdRole,              ///< the Loop's current connection (quint64, 0: none)
    VisualStateRole,               ///< its VisualState as int
    SearchTextRole,                ///< id, label and what it waits on, for text filters
};

/// The header text of a column.
DIESEL_WIDGETS_EXPORT QVariant loopHeaderData(int column, int role);
/// The data of a record's cell; `now` is the moment "time in state" is measured at.
DIESEL_WIDGETS_EXPORT QVariant loopCellData(const LoopRecord &record, int column, int role,
                                            Clock::time_point now);
/// True if two records of the same Loop show differently in any column other than the ones that
/// change on their own as time passes (time in state, a timer's countdown).
DIESEL_WIDGETS_EXPORT bool loopRecordChanged(const LoopRecord &before, const LoopRecord &after);

} // namespace diesel::widgets
