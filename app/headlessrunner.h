// SPDX-License-Identifier: MIT
// --headless FILE: runs a workspace's items without a window (a QCoreApplication is enough),
// prints the event log's lines to stdout, and stops cleanly on SIGINT or SIGTERM (or after
// --seconds N), writing the traffic it captured with --capture FILE.
#pragma once

#include <diesel/core/hub.h>

#include <QMap>
#include <QString>

#include <cstdint>
#include <cstdio>

namespace workbench {

class HeadlessRunner
{
public:
    explicit HeadlessRunner(diesel::Hub &hub, std::FILE *out = stdout, std::FILE *err = stderr);

    /// Runs until SIGINT or SIGTERM; returns the exit status (0 after a signal, 2 for a file that
    /// cannot be read, 1 when nothing could start).
    int run(const QString &file, const QMap<QString, std::uint16_t> &ports = {});
    /// Records the run's traffic and writes it to `path` as pcapng when it stops ("" : no).
    void setCapture(const QString &path) { m_capture = path; }
    /// Stops the run after `seconds` as SIGTERM would (0: only on a signal).
    void setSeconds(double seconds) { m_seconds = seconds; }

private:
    diesel::Hub &m_hub;
    std::FILE *m_out;
    std::FILE *m_err;
    QString m_capture;
    double m_seconds = 0;
};

} // namespace workbench
