// SPDX-License-Identifier: MIT
// --headless FILE: runs a workspace's items without a window (a QCoreApplication is enough),
// prints the event log's lines to stdout, and stops cleanly on SIGINT or SIGTERM.
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

private:
    diesel::Hub &m_hub;
    std::FILE *m_out;
    std::FILE *m_err;
};

} // namespace workbench
