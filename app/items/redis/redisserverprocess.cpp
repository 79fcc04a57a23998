// SPDX-License-Identifier: MIT
#include "portprobe.h"
#include "redisserverprocess.h"

#include <diesel/core/client.h>
#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>
#include <diesel/core/service.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#endif

namespace workbench {

namespace {

const QString kLocalHost = QStringLiteral("127.0.0.1");

// A TCP port on 127.0.0.1 that the system handed out a moment ago (0: none).
std::uint16_t anyFreePort()
{
    try {
        diesel::Service probe([](const diesel::Address &) {}, 0, kLocalHost.toStdString());
        probe.start();
        return probe.port();
    } catch (const diesel::BindError &) {
        return 0;
    }
}

// The child leaves the terminal's process group (Ctrl-C on the workbench is the workbench's to
// handle: it stops the server itself) and gets SIGTERM should the workbench die without stopping
// it, so that no server outlives it.
void detachChild(QProcess &process)
{
#ifdef Q_OS_LINUX
    process.setChildProcessModifier([] {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
#else
    Q_UNUSED(process);
#endif
}

} // namespace

QString findRedisServer(const QString &configured)
{
    if (!configured.isEmpty()) {
        const QFileInfo file(configured);
        return file.isFile() && file.isExecutable() ? file.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(QStringLiteral("redis-server"));
}

QString redisServerMissing(const QString &configured)
{
    if (!configured.isEmpty())
        return QStringLiteral("%1 is not an executable file; point this item at a running server "
                              "or at an installed redis-server")
            .arg(configured);
    return QStringLiteral("redis-server is not on the PATH; point this item at a running server "
                          "or install redis-server");
}

RedisServerProcess::RedisServerProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    detachChild(m_process);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, &m_process, &QProcess::kill);
    connect(&m_process, &QProcess::started, this, &RedisServerProcess::onStarted);
    connect(&m_process, &QProcess::errorOccurred, this, &RedisServerProcess::onErrorOccurred);
    connect(&m_process, &QProcess::finished, this, &RedisServerProcess::onFinished);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &RedisServerProcess::readOutput);
}

RedisServerProcess::~RedisServerProcess()
{
    m_done = true;
    cancelProbe();
    m_process.disconnect(this);
    if (m_process.state() == QProcess::NotRunning)
        return;
    // Being destroyed (the workbench quits): the one place that waits, and only briefly.
    m_process.terminate();
    if (!m_process.waitForFinished(2000)) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

void RedisServerProcess::start(const QString &executable, std::uint16_t port)
{
    if (!m_dir.isValid()) {
        fail(QStringLiteral("cannot make a working folder for redis-server: %1")
                 .arg(m_dir.errorString()));
        return;
    }
    m_port = port != 0 && portIsFree(Transport::Tcp, kLocalHost, port) ? port : anyFreePort();
    if (m_port == 0) {
        fail(QStringLiteral("no free port on %1 for redis-server").arg(kLocalHost));
        return;
    }
    // A throwaway server: nothing saved, nothing appended, its files in a folder that goes.
    m_process.setWorkingDirectory(m_dir.path());
    m_process.start(executable, {QStringLiteral("--port"), QString::number(m_port),
                                 QStringLiteral("--bind"), kLocalHost, QStringLiteral("--save"),
                                 QString(), QStringLiteral("--appendonly"), QStringLiteral("no"),
                                 QStringLiteral("--dir"), m_dir.path()});
}

void RedisServerProcess::onStarted()
{
    // Connect attempts from a Loop until it listens: the GUI thread never waits for it.
    QPointer<RedisServerProcess> self(this);
    diesel::LoopOptions options;
    options.label = QStringLiteral("redis-server :%1 startup probe").arg(m_port).toStdString();
    m_probe = diesel::Hub::current().spawn(
        [self, port = m_port] {
            bool accepting = false;
            for (int attempt = 0; attempt < kReadyAttempts && !accepting; ++attempt) {
                try {
                    diesel::ClientOptions client;
                    client.timeout = diesel::Seconds(1);
                    client.label = "redis-server startup probe";
                    diesel::Client probe(kLocalHost.toStdString(), port, client);
                    accepting = true;
                } catch (const diesel::ClientConnectionError &) {
                    diesel::sleep(kReadyInterval);
                }
            }
            if (RedisServerProcess *process = self.data())
                QMetaObject::invokeMethod(
                    process, [process, accepting] { process->onProbed(accepting); },
                    Qt::QueuedConnection);
        },
        options);
}

void RedisServerProcess::onProbed(bool accepting)
{
    m_probe = 0;
    if (!accepting)
        fail(QStringLiteral("redis-server did not accept connections on :%1 within %2 s%3")
                 .arg(m_port)
                 .arg(kReadyAttempts * kReadyInterval.count() / 1000)
                 .arg(lastLinesText()));
    else if (!m_done)
        Q_EMIT ready();
}

void RedisServerProcess::onErrorOccurred(QProcess::ProcessError error)
{
    // A crash or a kill comes with finished() too; only a failed start comes alone.
    if (error == QProcess::FailedToStart)
        fail(QStringLiteral("cannot start %1: %2")
                 .arg(m_process.program(), m_process.errorString()));
}

void RedisServerProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readOutput();
    m_killTimer.stop();
    const QString how = status == QProcess::NormalExit
                            ? QStringLiteral("exited with code %1").arg(exitCode)
                            : QStringLiteral("was killed or crashed");
    fail(QStringLiteral("redis-server on :%1 %2%3").arg(m_port).arg(how, lastLinesText()));
}

void RedisServerProcess::readOutput()
{
    m_partialLine += m_process.readAllStandardOutput();
    const qsizetype end = m_partialLine.lastIndexOf('\n');
    if (end < 0)
        return;
    for (const QByteArray &line : m_partialLine.left(end).split('\n'))
        if (!line.trimmed().isEmpty())
            m_lines << QString::fromLocal8Bit(line.trimmed());
    m_partialLine.remove(0, end + 1);
    if (m_lines.size() > kKeptLines)
        m_lines.remove(0, m_lines.size() - kKeptLines);
}

QString RedisServerProcess::lastLinesText() const
{
    return m_lines.isEmpty()
               ? QString()
               : QStringLiteral("; its last lines:\n%1").arg(m_lines.join(QLatin1Char('\n')));
}

void RedisServerProcess::fail(const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    cancelProbe();
    Q_EMIT failed(why);
}

void RedisServerProcess::cancelProbe()
{
    if (m_probe != 0)
        if (diesel::Hub *hub = diesel::Hub::current_if_any())
            hub->cancel(m_probe, "the redis-server it waited for is gone");
    m_probe = 0;
}

void RedisServerProcess::shutDown()
{
    m_done = true;
    cancelProbe();
    // It outlives the item that launched it until the server is gone: removing an item never
    // waits for its server. The application ends the stragglers when it quits.
    if (QCoreApplication *app = QCoreApplication::instance())
        setParent(app);
    if (m_process.state() == QProcess::NotRunning) {
        deleteLater();
        return;
    }
    connect(&m_process, &QProcess::stateChanged, this, [this](QProcess::ProcessState state) {
        if (state == QProcess::NotRunning)
            deleteLater();
    });
    m_process.terminate();
    m_killTimer.start(kGrace);
}

} // namespace workbench
