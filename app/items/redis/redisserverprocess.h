// SPDX-License-Identifier: MIT
// A throwaway redis-server that a Redis item launches for itself: a child process on 127.0.0.1
// with no persistence, in a temporary working folder that goes with it. It reports by signals
// (ready once it accepts connections, failed when it cannot start or exits by itself) and never
// makes the GUI thread wait, except for a bounded moment when it is destroyed still running.
#pragma once

#include <diesel/core/types.h>

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <chrono>
#include <cstdint>

namespace workbench {

/// The redis-server to launch: `configured` when not empty, else the one on the PATH; "" when
/// there is none.
QString findRedisServer(const QString &configured = {});

/// The error for a redis-server that cannot be found (`configured` as in findRedisServer()).
QString redisServerMissing(const QString &configured);

class RedisServerProcess : public QObject
{
    Q_OBJECT

public:
    explicit RedisServerProcess(QObject *parent = nullptr);
    /// Terminates a server still running, waiting a bounded moment for it to go.
    ~RedisServerProcess() override;

    /// Starts `executable` on 127.0.0.1:`port` (0, or a port taken now: a free one); ready() or
    /// failed() follows, from the event loop.
    void start(const QString &executable, std::uint16_t port);
    /// Asks the server to stop (SIGTERM), kills it if it is still there after a short grace, and
    /// deletes this object once it is gone (meanwhile a child of the application, so that its
    /// owner may go at once). No signal is emitted after this.
    void shutDown();

    /// The port it listens on (chosen by start()).
    std::uint16_t port() const noexcept { return m_port; }
    /// The process id while it runs (0 otherwise).
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    /// The newest lines it printed (at most kKeptLines).
    const QStringList &lastLines() const noexcept { return m_lines; }

    static constexpr int kKeptLines = 8;
    /// How long it may take to accept connections after starting.
    static constexpr int kReadyAttempts = 100; ///< one each kReadyInterval
    static constexpr std::chrono::milliseconds kReadyInterval{100};
    /// How long a SIGTERM may take before SIGKILL.
    static constexpr std::chrono::milliseconds kGrace{3000};

Q_SIGNALS:
    /// It accepts connections on port().
    void ready();
    /// It could not start, did not come up, or exited by itself; `why` says which (with its exit
    /// code and its last lines).
    void failed(const QString &why);

private:
    void onStarted();
    // The startup probe's answer: it accepts connections, or it did not in time.
    void onProbed(bool accepting);
    void onErrorOccurred(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void readOutput();
    void fail(const QString &why);
    void cancelProbe();
    QString lastLinesText() const;

    QProcess m_process;
    QTemporaryDir m_dir;
    QTimer m_killTimer;
    QStringList m_lines;
    QByteArray m_partialLine;
    std::uint16_t m_port = 0;
    diesel::LoopId m_probe = 0;
    bool m_done = false; ///< failed() was emitted or shutDown() called: nothing more to report
};

} // namespace workbench
