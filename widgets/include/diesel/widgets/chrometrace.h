// SPDX-License-Identifier: MIT
// The recorded schedule as a Chrome trace-event JSON file, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open: one track per Loop, each run slice a complete event named by its wake
// cause.
#pragma once

#include <diesel/core/observer.h>
#include <diesel/widgets/export.h>

#include <QByteArray>
#include <QString>

#include <map>
#include <vector>

namespace diesel::widgets {

/// A piece of recorded schedule, ready to export.
struct DIESEL_WIDGETS_EXPORT ScheduleCapture
{
    std::vector<Slice> slices;       ///< oldest first
    std::map<LoopId, QString> loops; ///< every Loop that gets a track (idle ones too), by id
    Clock::time_point origin{};      ///< time zero of the trace
    Clock::time_point end{};         ///< when the capture was taken
    unsigned stride = 1;             ///< 1 in `stride` slices was recorded
};

/// The capture as Chrome trace-event JSON: {"traceEvents": [...], "displayTimeUnit": "ms"}.
DIESEL_WIDGETS_EXPORT QByteArray chromeTraceJson(const ScheduleCapture &capture);
/// Writes chromeTraceJson() to `path`; false with a message for people in `error` if it cannot.
DIESEL_WIDGETS_EXPORT bool saveChromeTrace(const ScheduleCapture &capture, const QString &path,
                                           QString *error);

} // namespace diesel::widgets
