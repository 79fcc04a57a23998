// SPDX-License-Identifier: MIT
// Owns one workspace Redis connection: a diesel::redis::RedisClient (made in a Loop on the Hub)
// for the console's commands and the key browser's SCANs, and a RedisSubHub for the pub/sub
// monitor. Every request runs in a Loop of its own and hands its result back to the GUI thread
// through a queued call, so the window never waits for the server.
#pragma once

#include "itemcontroller.h"
#include "redisspec.h"

#include <diesel/redis/reply.h>

#include <QByteArray>
#include <QDateTime>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace workbench {

struct RedisRuntime;
class RedisServerProcess;

/// One key as the key browser lists it.
struct RedisKeyRow
{
    QByteArray key;
    QString type;     ///< "string", "hash", "list", "set", "zset", "stream", "none", ...
    qint64 ttl = -1;  ///< seconds to live; -1: no expiry, -2: gone meanwhile
    qint64 size = -1; ///< bytes of a string, elements of the others; -1: not known
};

/// One message the pub/sub monitor received.
struct RedisPubSubMessage
{
    QDateTime time;
    QString channel;
    QString pattern; ///< the pattern it matched ("" : a plain channel subscription)
    QByteArray message;
};

/// A subscription of the pub/sub monitor.
struct RedisSubscription
{
    int id = 0;
    QStringList channels; ///< channels and patterns (a name with *, ? or [ is a pattern)
    bool confirmed = false;
    QString error;
};

class RedisController : public ItemController
{
    Q_OBJECT

public:
    using Reply = diesel::redis::Reply;
    using ReplyHandler = std::function<void(const Reply &reply)>;
    using RepliesHandler = std::function<void(const std::vector<Reply> &replies)>;
    /// A batch of keys; `finished` with the last one (or with `error`, which ends the scan).
    using KeyBatchHandler = std::function<void(const std::vector<RedisKeyRow> &batch, bool finished,
                                               const QString &error)>;

    explicit RedisController(RedisSpec spec, QObject *parent = nullptr);
    ~RedisController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autostart; }
    /// Connects in the background: Running once connected, Error (with the reason) if not. A
    /// launching item first starts its redis-server and waits until it accepts connections.
    bool start() override;
    /// Cancels every request and subscription and closes the connections; a launched
    /// redis-server is terminated.
    void stop() override;
    bool starting() const override { return m_connecting; }
    std::size_t liveConnections() const override { return m_connected ? 1 : 0; }
    QJsonObject settings() const override { return redisJson(m_spec); }
    QString trafficOwner() const override;

    const RedisSpec &spec() const noexcept { return m_spec; }
    /// New settings; a connected item reconnects with them.
    void setSpec(const RedisSpec &spec);
    bool connected() const noexcept { return m_connected; }
    /// Why the newest request got no reply from the server (a lost connection, a timeout); ""
    /// once one did again. The client reconnects at the next request.
    QString lastProblem() const { return m_lastProblem; }
    /// The commands the server names (COMMAND LIST, upper case, sorted) once connected; empty
    /// before, or when the server does not know COMMAND LIST (before Redis 7).
    const QStringList &serverCommands() const noexcept { return m_serverCommands; }
    /// "host:port" of the server it talks to (the master a Sentinel named, once connected).
    QString server() const;
    /// The redis-server it launched, while it runs (nullptr: none).
    const RedisServerProcess *launchedServer() const;

    /// Runs one command in a Loop; `done` gets the reply on the GUI thread, unless `context` is
    /// gone by then. What keeps a reply from coming (an error reply, a lost connection, no
    /// connection yet) arrives as an error reply, never as an exception.
    void run(std::vector<std::string> words, QObject *context, ReplyHandler done);
    /// Runs the commands as one pipeline; `done` gets a reply per command, in order.
    void runAll(std::vector<std::vector<std::string>> commands, QObject *context,
                RepliesHandler done);
    /// SCANs the keys matching `pattern` with COUNT `count`, and each key's type, TTL and size;
    /// each cursor step hands `onBatch` one batch. A new scan ends the previous one.
    void scan(const QString &pattern, int count, QObject *context, KeyBatchHandler onBatch);
    /// Ends the running scan (its batches stop coming).
    void cancelScan();

    /// Subscribes the monitor to channels and patterns; returns the subscription's id.
    int subscribe(const QStringList &channels);
    /// Ends a subscription.
    void unsubscribe(int id);
    const std::vector<RedisSubscription> &subscriptions() const noexcept { return m_subscriptions; }

Q_SIGNALS:
    /// Messages received since the last time (handed over ten times a second at most).
    void messagesArrived(const std::vector<RedisPubSubMessage> &messages);
    /// serverCommands() changed.
    void serverCommandsChanged();

private:
    // Starts a Loop on the Hub for this runtime; it is cancelled by stop().
    void spawn(const QString &what, std::function<void(const std::shared_ptr<RedisRuntime> &)> fn);
    // Starts redis-server; connects once it accepts connections.
    bool launch();
    // Connects to the server of `spec` in the background.
    void connectTo(const RedisSpec &spec);
    void onConnected(const QString &server);
    void onConnectFailed(const QString &error);
    void onSubscribed(int id, const QString &error);
    void setProblem(const QString &problem);
    void flushMessages();

    RedisSpec m_spec;
    std::shared_ptr<RedisRuntime> m_runtime;
    QPointer<RedisServerProcess> m_launched;
    std::vector<diesel::LoopId> m_loops;
    diesel::LoopId m_scanLoop = 0;
    std::vector<RedisSubscription> m_subscriptions;
    std::vector<std::pair<int, diesel::LoopId>> m_subscriptionLoops;
    int m_nextSubscription = 1;
    bool m_connecting = false;
    bool m_connected = false;
    QString m_server;
    QString m_lastProblem;
    QStringList m_serverCommands;
    QTimer m_flush;
};

} // namespace workbench
