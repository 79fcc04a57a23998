// SPDX-License-Identifier: MIT
// --headless [FILE]: runs a workspace's items (without a FILE, the built-in demo's) without a
// window (a QCoreApplication is enough), prints the event log's lines to stdout, and stops
// cleanly on SIGINT, SIGTERM or after --seconds N; with --trace FILE it writes the schedule it
// recorded, with --capture FILE the traffic it captured.
#pragma once

#include <diesel/core/hub.h>

#include <QMap>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace diesel::widgets {
class SliceRecorder;
}

namespace workbench {

class HeadlessRunner
{
public:
    explicit HeadlessRunner(diesel::Hub &hub, std::FILE *out = stdout, std::FILE *err = stderr);

    /// Records the schedule (the newest kTraceSlices slices) and writes it to `path` as a Chrome
    /// trace when the run stops.
    void setTrace(const QString &path) { m_trace = path; }
    /// The bound on a headless trace: 262,144 slices (8 MB); older ones are overwritten.
    static constexpr std::size_t kTraceSlices = std::size_t(1) << 18;

    /// Runs `file` ("": the built-in demo workspace) until SIGINT, SIGTERM or the set seconds;
    /// returns the exit status (0 after a signal, 2 for a file that cannot be read, 1 when
    /// nothing could start).
    int run(const QString &file, const QMap<QString, std::uint16_t> &ports = {});
    /// Records the run's traffic and writes it to `path` as pcapng when it stops ("" : no).
    void setCapture(const QString &path) { m_capture = path; }
    /// Stops the run after `seconds` as SIGTERM would (0: only on a signal).
    void setSeconds(double seconds) { m_seconds = seconds; }

private:
    /// Writes the recorded schedule to m_trace; false (said on m_err) if it cannot.
    bool writeTrace(diesel::widgets::SliceRecorder &recorder);

    diesel::Hub &m_hub;
    std::FILE *m_out;
    std::FILE *m_err;
    QString m_trace;
    QString m_capture;
    double m_seconds = 0;
};

} // namespace workbench
