// SPDX-License-Identifier: MIT
// diesel-workbench: the desktop workbench, or --headless [FILE] without a window.
#include "commandline.h"
#include "documentcontroller.h"
#include "headlessrunner.h"
#include "logging.h"
#include "mainwindow.h"
#include "settings.h"

#include <diesel/core/hub.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <memory>

int main(int argc, char **argv)
{
    QElapsedTimer launched;
    launched.start();
    // --headless, --help and --version need no display: a QCoreApplication does.
    std::unique_ptr<QCoreApplication> app;
    if (workbench::wantsConsole(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("diesel"));
    QCoreApplication::setApplicationName(QStringLiteral("diesel-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIESEL_VERSION));

    const workbench::CommandLine cl = workbench::parseCommandLine(QCoreApplication::arguments());
    switch (cl.mode) {
    case workbench::CommandLine::Mode::Help:
    case workbench::CommandLine::Mode::Version:
        std::fputs(qPrintable(cl.message), stdout);
        return 0;
    case workbench::CommandLine::Mode::Error:
        std::fprintf(stderr, "diesel-workbench: %s\nTry diesel-workbench --help.\n",
                     qPrintable(cl.message));
        return 2;
    case workbench::CommandLine::Mode::Headless: {
        workbench::HeadlessRunner runner(diesel::Hub::current());
        runner.setTrace(cl.trace);
        runner.setCapture(cl.capture);
        runner.setSeconds(cl.seconds);
        return runner.run(cl.file, cl.ports);
    }
    case workbench::CommandLine::Mode::Window:
        break;
    }

    QApplication::setApplicationDisplayName(QStringLiteral("Diesel Workbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/diesel/icons/diesel-workbench.svg")));
    diesel::Hub &hub = diesel::Hub::current();
    workbench::QtSettings settings;
    if (cl.defaultLayout) {
        settings.setValue(QStringLiteral("window/state"), QByteArray());
        settings.setValue(QStringLiteral("window/geometry"), QByteArray());
    }
    workbench::MainWindow window(hub, settings);
    window.document().setPortOverrides(cl.ports);
    if (cl.file.isEmpty())
        window.document().openDemo();
    else
        window.document().openFile(cl.file);
    if (cl.scheduleSpanNs > 0)
        window.showSchedule(std::chrono::nanoseconds(cl.scheduleSpanNs));
    window.show();
    QTimer::singleShot(0, &window, [&launched] {
        qCInfo(workbench::lcApp, "window shown with its workspace running %lld ms after launch",
               static_cast<long long>(launched.elapsed()));
    });
    return QCoreApplication::exec();
}
