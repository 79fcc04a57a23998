// SPDX-License-Identifier: MIT
// Does the window answer under a flood? Opens the workbench window on a one-Service workspace
// (bench/workbench_holla.json, on a free port) with the Loops, Schedule and Traffic panels all
// showing, floods the Service with RATE lines/s from another thread, then posts CLICKS clicks on
// rows of the Loops table, each timed from posting (into the event queue, behind whatever the
// window has to do) until the view's selection model changed. Prints the median, 90th percentile
// and worst, and the flood rate reached. A harness, not a test: no pass or fail.
//
//   workbench_click WORKSPACE            (env RATE=20000 CONNS=50 CLICKS=30 WARMUP_MS=3000)
#include "documentcontroller.h"
#include "flooder.h"
#include "mainwindow.h"
#include "settings.h"
#include "workspacecontroller.h"

#include <diesel/diesel.h>
#include <diesel/widgets/loopinspector.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/slicerecorder.h>

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QItemSelectionModel>
#include <QMouseEvent>
#include <QTimer>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

double envNumber(const char *name, double fallback)
{
    const char *v = std::getenv(name);
    return v ? std::atof(v) : fallback;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

std::uint16_t freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// The Loops inspector's item view that is showing (table or tree), once it has two rows.
QAbstractItemView *loopsView(workbench::MainWindow &window)
{
    QAbstractItemView *view = window.inspector().currentView();
    return view->model()->rowCount() >= 2 ? view : nullptr;
}

void post(QWidget *target, QEvent::Type type, QPoint at)
{
    // Posted, not sent: the click waits in the queue like a person's.
    QCoreApplication::postEvent(
        target, new QMouseEvent(type, QPointF(at), target->mapToGlobal(QPointF(at)), Qt::LeftButton,
                                type == QEvent::MouseButtonPress ? Qt::LeftButton : Qt::NoButton,
                                Qt::NoModifier));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: workbench_click WORKSPACE\n");
        return 2;
    }
    const double rate = envNumber("RATE", 20000);
    const int conns = int(envNumber("CONNS", 50));
    const int clicks = int(envNumber("CLICKS", 30));
    const int warmup = int(envNumber("WARMUP_MS", 3000));

    diesel::Hub &hub = diesel::Hub::current();
    workbench::MemorySettings settings;
    workbench::MainWindow window(hub, settings);
    const std::uint16_t port = freePort();
    window.document().setPortOverrides({{QStringLiteral("holla"), port}});
    if (!window.document().openFile(QString::fromLocal8Bit(argv[1])))
        return 2;
    window.resize(1600, 1000);
    window.showSchedule(std::chrono::seconds(2));
    window.show();
    wait(500);

    bench::Flooder flood(port, conns, rate);
    wait(warmup);
    if (!flood.connected()) {
        std::fprintf(stderr, "workbench_click: could not connect to the holla Service\n");
        return 1;
    }
    const std::uint64_t bytesBefore = flood.repliedBytes();
    QElapsedTimer floodClock;
    floodClock.start();

    std::vector<double> times;
    int unanswered = 0;
    for (int i = 0; i < clicks; ++i) {
        QAbstractItemView *view = loopsView(window);
        if (!view) {
            std::fprintf(stderr, "workbench_click: the Loops view has fewer than two rows\n");
            return 1;
        }
        const QModelIndex target = view->model()->index(i % 2, 0);
        const QRect rect = view->visualRect(target);
        bool changed = false;
        QElapsedTimer clock;
        const auto connection = QObject::connect(
            view->selectionModel(), &QItemSelectionModel::currentChanged, view, [&] {
                if (!changed)
                    times.push_back(double(clock.nsecsElapsed()) / 1e6);
                changed = true;
            });
        clock.start();
        post(view->viewport(), QEvent::MouseButtonPress, rect.center());
        post(view->viewport(), QEvent::MouseButtonRelease, rect.center());
        while (!changed && clock.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
        QObject::disconnect(connection);
        unanswered += changed ? 0 : 1;
        wait(250);
    }
    const double seconds = double(floodClock.elapsed()) / 1000.0;
    const double lines = double(flood.repliedBytes() - bytesBefore) / 30.0 / seconds;

    std::sort(times.begin(), times.end());
    auto at = [&](double q) {
        return times.empty() ? 0.0
                             : times[std::min(times.size() - 1, std::size_t(q * times.size()))];
    };
    const diesel::widgets::SliceRecorder &recorder = window.schedule().recorder();
    std::printf("flood: %.0f lines/s answered (asked %.0f) over %d connections, Loops + Schedule "
                "+ Traffic showing (schedule recording: %s, 1 in %u slices kept)\n",
                lines, rate, conns, recorder.recording() ? "yes" : "no", recorder.stride());
    std::printf("click to model change: median %.1f ms, p90 %.1f ms, worst %.1f ms (%zu clicks, "
                "%d unanswered in 5 s)\n",
                at(0.5), at(0.9), times.empty() ? 0.0 : times.back(), times.size(), unanswered);
    window.workspace().stopAll();
    hub.cancel_all("harness done");
    return 0;
}
