// SPDX-License-Identifier: MIT
// The command line: diesel-workbench [FILE] | --headless [FILE], --port NAME=PORT, --help,
// --version. Without a FILE the window and headless mode run the built-in demo workspace.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace workbench {

struct CommandLine
{
    enum class Mode { Window, Headless, Help, Version, Error };
    Mode mode = Mode::Window;
    QString file;                       ///< the workspace to open or run ("": the demo)
    QMap<QString, std::uint16_t> ports; ///< --port NAME=PORT
    bool defaultLayout = false;         ///< --default-layout: ignore the saved window layout
    QString trace;                      ///< --trace FILE: headless, write the schedule there
    QString capture;                    ///< --capture FILE: headless, the run's traffic as pcapng
    double seconds = 0;                 ///< --seconds N: stop a headless run after N s (0: never)
    std::int64_t scheduleSpanNs = 0;    ///< --schedule SPAN: show the schedule at that zoom
    QString message;                    ///< help, version or error text
};

/// True if the arguments ask for no window (--headless, --help, --version): main() then needs
/// only a QCoreApplication, and no display.
bool wantsConsole(int argc, char **argv);
/// Parses the arguments (the program's name first). Needs a QCoreApplication.
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace workbench
