// SPDX-License-Identifier: MIT
#include "demoworkspace.h"
#include "eventlog.h"
#include "headlesscapture.h"
#include "headlessrunner.h"
#include "measuretext.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/core/runtime.h>
#include <diesel/widgets/slicerecorder.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <csignal>
#include <memory>
#include <optional>

namespace workbench {

HeadlessRunner::HeadlessRunner(diesel::Hub &hub, std::FILE *out, std::FILE *err)
    : m_hub(hub)
    , m_out(out)
    , m_err(err)
{}

int HeadlessRunner::run(const QString &file, const QMap<QString, std::uint16_t> &ports)
{
    // Without a FILE, the demo the window opens with (its Redis item launches its own server
    // when there is one to launch, which a file cannot know).
    const QString source = file.isEmpty() ? QStringLiteral("the built-in demo workspace") : file;
    WorkspaceResult result =
        file.isEmpty() ? WorkspaceResult{demoWorkspace(), {}} : readWorkspaceFile(file);
    if (!result) {
        std::fprintf(m_err, "diesel-workbench: %s\n", qPrintable(result.error));
        return 2;
    }
    const QStringList refused = overridePorts(*result.workspace, ports);
    if (!refused.isEmpty()) {
        std::fprintf(m_err, "diesel-workbench: %s: %s\n", qPrintable(source),
                     qPrintable(refused.join(QStringLiteral("; "))));
        return 2;
    }

    int status = 0;
    {
        EventLog log(m_hub);
        // Printed from the event loop, not from inside the engine's callbacks.
        QObject::connect(
            &log, &EventLog::lineAdded, &log,
            [this](const QString &line) {
                std::fprintf(m_out, "%s\n", qPrintable(line));
                std::fflush(m_out);
            },
            Qt::QueuedConnection);
        // Before the items start: their first connections are captured too.
        std::optional<HeadlessCapture> capture;
        if (!m_capture.isEmpty())
            capture.emplace(m_hub, m_capture);
        WorkspaceController workspace;
        QObject::connect(&workspace, &WorkspaceController::logLine, &log, &EventLog::add);
        workspace.load(*result.workspace);
        // Recording from before the first item starts, so the trace shows the whole run.
        std::unique_ptr<diesel::widgets::SliceRecorder> recorder;
        if (!m_trace.isEmpty()) {
            recorder = std::make_unique<diesel::widgets::SliceRecorder>(m_hub, kTraceSlices);
            recorder->setRecording(true);
        }
        log.add(QStringLiteral("%1 (%2 items)")
                    .arg(file.isEmpty() ? source : QStringLiteral("workspace ") + file)
                    .arg(workspace.items().size()));
        workspace.startAutostart();
        QElapsedTimer runTime;
        runTime.start();

        int running = 0;
        for (ItemController *item : workspace.items())
            if (item->state() == ItemState::Running || item->starting())
                ++running;
        if (running == 0 && !workspace.items().isEmpty()) {
            log.add(QStringLiteral("nothing could start; exiting"));
            QCoreApplication::processEvents();
            return 1;
        }
        log.add(QStringLiteral("running; stop with Ctrl-C (SIGINT) or SIGTERM"));

        // One Loop per signal: whichever arrives first ends the event loop.
        for (int signo : {SIGINT, SIGTERM}) {
            diesel::LoopOptions options;
            options.label = signo == SIGINT ? "waits for SIGINT" : "waits for SIGTERM";
            m_hub.spawn(
                [signo] {
                    diesel::signal(signo);
                    QMetaObject::invokeMethod(
                        QCoreApplication::instance(), [] { QCoreApplication::exit(0); },
                        Qt::QueuedConnection);
                },
                options);
        }
        if (m_seconds > 0)
            QTimer::singleShot(std::chrono::milliseconds(qint64(m_seconds * 1000)), &log,
                               [] { QCoreApplication::exit(0); });
        status = QCoreApplication::exec();
        log.add(QStringLiteral("stopping"));
        // What each item did, before stopping resets its numbers.
        const double seconds = double(runTime.elapsed()) / 1000;
        for (const ItemController *item : workspace.items()) {
            const QString text = measuresText(*item, seconds);
            if (!text.isEmpty())
                std::fprintf(m_out, "%s after %.1f s: %s\n", qPrintable(item->name()), seconds,
                             qPrintable(text));
        }
        if (recorder && !writeTrace(*recorder))
            status = 1;
        workspace.stopAll();
        QCoreApplication::processEvents();
        if (capture) {
            const diesel::widgets::PcapngExport written = capture->write();
            if (written.error.isEmpty())
                std::fprintf(m_out, "capture: %d packets of %d connections written to %s\n",
                             written.packets, written.connections, qPrintable(capture->path()));
            else {
                std::fprintf(m_err, "diesel-workbench: capture %s: %s\n",
                             qPrintable(capture->path()), qPrintable(written.error));
                status = 1;
            }
        }
        std::fprintf(m_out, "stopped\n");
        std::fflush(m_out);
    }
    m_hub.cancel_all("diesel-workbench is stopping");
    return status;
}

bool HeadlessRunner::writeTrace(diesel::widgets::SliceRecorder &recorder)
{
    recorder.setRecording(false);
    std::map<diesel::LoopId, QString> live;
    for (const diesel::LoopInfo &info : m_hub.snapshot())
        live.emplace(info.id, QString::fromStdString(info.label));
    const diesel::widgets::ScheduleCapture capture = recorder.capture(std::move(live));
    QString error;
    if (!diesel::widgets::saveChromeTrace(capture, m_trace, &error)) {
        std::fprintf(m_err, "diesel-workbench: %s\n", qPrintable(error));
        return false;
    }
    std::fprintf(m_out, "schedule: %zu of %llu slices (the newest), %zu Loops, written to %s\n",
                 capture.slices.size(), static_cast<unsigned long long>(recorder.seen()),
                 capture.loops.size(), qPrintable(m_trace));
    std::fflush(m_out);
    return true;
}

} // namespace workbench
