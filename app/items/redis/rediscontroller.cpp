// SPDX-License-Identifier: MIT
#include "rediscontroller.h"
#include "redisruntime.h"
#include "redisserverprocess.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>
#include <diesel/core/tls.h>
#include <diesel/redis/cluster.h>
#include <diesel/redis/error.h>
#include <diesel/redis/pipeline.h>

#include <algorithm>

namespace workbench {

namespace {

using diesel::redis::Reply;

// Hands `fn` to the GUI thread (outside any Loop) unless `context` is gone.
template<class F>
void post(const QPointer<QObject> &context, F fn)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(fn), Qt::QueuedConnection);
}

QString label(const RedisSpec &spec)
{
    return QStringLiteral("redis %1").arg(spec.name);
}

std::string text(const QString &s)
{
    return s.toStdString();
}

diesel::redis::RedisOptions optionsOf(const RedisSpec &spec)
{
    diesel::redis::RedisOptions options;
    options.db = spec.db;
    options.username = text(spec.username);
    options.password = text(spec.password);
    options.connect_timeout = diesel::Seconds(10);
    options.label = text(label(spec));
    if (spec.tls)
        options.tls = diesel::TlsContext::client(spec.verifyPeer);
    return options;
}

// "host:port" texts (checked when the settings were read) as nodes.
std::vector<diesel::redis::RedisNode> nodesOf(const QStringList &addresses)
{
    std::vector<diesel::redis::RedisNode> nodes;
    for (const QString &address : addresses) {
        QString host;
        std::uint16_t port = 0;
        if (parseHostPort(address, host, port))
            nodes.push_back({text(host), port});
    }
    return nodes;
}

// Connects the runtime to its server, its Sentinels' master or its Cluster; returns the node
// pub/sub connects to (classic pub/sub reaches every node of a Cluster).
diesel::redis::RedisNode connectRuntime(RedisRuntime &rt)
{
    const RedisSpec &spec = rt.spec;
    if (!spec.clusterSeeds.isEmpty()) {
        diesel::redis::ClusterOptions options;
        options.node = optionsOf(spec);
        rt.cluster =
            std::make_unique<diesel::redis::RedisCluster>(nodesOf(spec.clusterSeeds), options);
        const std::vector<std::string> primaries = rt.cluster->primaries();
        const std::vector<diesel::redis::RedisNode> first =
            nodesOf({QString::fromStdString(primaries.empty() ? std::string() : primaries[0])});
        if (first.empty())
            throw diesel::ClientConnectionError("the Cluster has no primary");
        return first[0];
    }
    if (spec.sentinelMaster.isEmpty())
        rt.client.emplace(text(spec.host), spec.port, optionsOf(spec));
    else
        rt.client.emplace(diesel::redis::RedisClient::from_sentinel(
            nodesOf(spec.sentinels), text(spec.sentinelMaster), optionsOf(spec)));
    return {rt.client->host(), rt.client->port()};
}

// Runs the commands as one pipeline on the server or the Cluster; error replies in place.
std::vector<Reply> executeAll(RedisRuntime &rt,
                              const std::vector<std::vector<std::string>> &commands)
{
    auto run = [&commands](auto pipeline) {
        for (const std::vector<std::string> &words : commands)
            pipeline.command(words);
        return pipeline.execute(false);
    };
    return rt.cluster ? run(rt.cluster->pipeline()) : run(rt.client->pipeline());
}

// A reply that says why the server's reply did not come.
Reply failure(const std::exception &e)
{
    return Reply::error(e.what());
}

Reply notConnected()
{
    return Reply::error("not connected: start the Redis item first");
}

// The command that gives a key's size, by its type (none for types without one).
const char *sizeCommand(const std::string &type)
{
    if (type == "string")
        return "STRLEN";
    if (type == "hash")
        return "HLEN";
    if (type == "list")
        return "LLEN";
    if (type == "set")
        return "SCARD";
    if (type == "zset")
        return "ZCARD";
    if (type == "stream")
        return "XLEN";
    return nullptr;
}

// One cursor step's keys with their type, TTL and size: two pipelines (type and TTL, then the
// size command each type needs).
std::vector<RedisKeyRow> describeKeys(diesel::redis::RedisClient &client,
                                      const std::vector<std::string> &keys)
{
    auto first = client.pipeline();
    for (const std::string &key : keys) {
        first.call({"TYPE", key});
        first.call({"TTL", key});
    }
    const std::vector<Reply> typesAndTtls = first.execute(false);
    std::vector<RedisKeyRow> rows(keys.size());
    auto sizes = client.pipeline();
    std::vector<std::size_t> sized;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        RedisKeyRow &row = rows[i];
        row.key = QByteArray::fromStdString(keys[i]);
        const Reply &type = typesAndTtls[2 * i];
        const Reply &ttl = typesAndTtls[2 * i + 1];
        const std::string typeName = type.is_string() ? type.str() : std::string("?");
        row.type = QString::fromStdString(typeName);
        row.ttl = ttl.is_integer() ? ttl.integer() : -1;
        if (const char *command = sizeCommand(typeName)) {
            sizes.call({command, keys[i]});
            sized.push_back(i);
        }
    }
    if (!sizes.empty()) {
        const std::vector<Reply> sizeReplies = sizes.execute(false);
        for (std::size_t j = 0; j < sized.size(); ++j)
            if (sizeReplies[j].is_integer())
                rows[sized[j]].size = sizeReplies[j].integer();
    }
    return rows;
}

QStringList toQStrings(const std::vector<std::string> &texts)
{
    QStringList list;
    for (const std::string &t : texts)
        list << QString::fromStdString(t);
    return list;
}

// SCANs one server's keys matching `pattern`, handing each cursor step's rows (with their type,
// TTL and size) to `batch`, the last one with `last` set.
void scanServer(diesel::redis::RedisClient &client, const std::string &pattern,
                const std::string &count,
                const std::function<void(std::vector<RedisKeyRow> rows, bool last)> &batch)
{
    std::string cursor = "0";
    do {
        const Reply step = client.call({"SCAN", cursor, "MATCH", pattern, "COUNT", count});
        cursor = step[0].str();
        batch(describeKeys(client, step[1].as_strings()), cursor == "0");
    } while (cursor != "0");
}

} // namespace

RedisController::RedisController(RedisSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
{
    m_flush.setInterval(100);
    connect(&m_flush, &QTimer::timeout, this, &RedisController::flushMessages);
}

RedisController::~RedisController()
{
    stop();
}

QString RedisController::trafficOwner() const
{
    return label(m_spec);
}

const RedisServerProcess *RedisController::launchedServer() const
{
    return m_launched;
}

QString RedisController::server() const
{
    if (!m_server.isEmpty())
        return m_server;
    if (m_launched)
        return QStringLiteral("127.0.0.1:%1").arg(m_launched->port());
    if (!m_spec.clusterSeeds.isEmpty())
        return QStringLiteral("cluster %1").arg(m_spec.clusterSeeds.join(QStringLiteral(", ")));
    if (!m_spec.sentinelMaster.isEmpty())
        return QStringLiteral("sentinel %1").arg(m_spec.sentinelMaster);
    return QStringLiteral("%1:%2").arg(m_spec.host).arg(m_spec.port);
}

QString RedisController::summary() const
{
    QString target = server();
    if (m_spec.launch) {
        const std::uint16_t port = m_launched ? m_launched->port() : m_spec.port;
        target = port != 0 ? QStringLiteral("launched redis-server :%1").arg(port)
                           : QStringLiteral("launched redis-server on a free port");
    }
    QString text = QStringLiteral("%1 \u2192 %2").arg(m_spec.name, target);
    if (m_spec.clusterSeeds.isEmpty()) // a Cluster has database 0 only
        text += QStringLiteral(" db %1").arg(m_spec.db);
    if (m_spec.tls)
        text += QStringLiteral(" \u00b7 tls");
    if (m_connecting)
        text += QStringLiteral(" \u00b7 connecting");
    else if (m_connected)
        text += QStringLiteral(" \u00b7 connected");
    else if (state() == ItemState::Error)
        text += QStringLiteral(" \u00b7 cannot connect");
    if (!m_subscriptions.empty())
        text += QStringLiteral(" \u00b7 %1 subscriptions").arg(m_subscriptions.size());
    if (m_connected && !m_lastProblem.isEmpty())
        text += QStringLiteral(" \u00b7 last request failed");
    return text;
}

void RedisController::spawn(const QString &what,
                            std::function<void(const std::shared_ptr<RedisRuntime> &)> fn)
{
    diesel::Hub &hub = diesel::Hub::current();
    std::erase_if(m_loops, [&hub](diesel::LoopId id) { return hub.find(id) == nullptr; });
    diesel::LoopOptions options;
    options.label = text(QStringLiteral("%1 %2").arg(label(m_spec), what));
    m_loops.push_back(hub.spawn([rt = m_runtime, fn = std::move(fn)] { fn(rt); }, options));
}

bool RedisController::start()
{
    if (m_runtime || m_launched)
        return true;
    if (m_spec.launch)
        return launch();
    connectTo(m_spec);
    return true;
}

bool RedisController::launch()
{
    const QString executable = findRedisServer(m_spec.redisServer);
    if (executable.isEmpty()) {
        onConnectFailed(redisServerMissing(m_spec.redisServer));
        return false;
    }
    m_launched = new RedisServerProcess(this);
    m_connecting = true;
    m_server.clear();
    setState(ItemState::Stopped);
    connect(m_launched, &RedisServerProcess::ready, this, [this] {
        Q_EMIT logLine(QStringLiteral("%1: redis-server (pid %2) accepts connections on :%3")
                           .arg(label(m_spec))
                           .arg(m_launched->pid())
                           .arg(m_launched->port()));
        RedisSpec spec = m_spec;
        spec.host = QStringLiteral("127.0.0.1");
        spec.port = m_launched->port();
        connectTo(spec);
    });
    connect(m_launched, &RedisServerProcess::failed, this, &RedisController::onConnectFailed);
    m_launched->start(executable, m_spec.port);
    if (m_launched)
        Q_EMIT logLine(QStringLiteral("%1: launching %2 on :%3")
                           .arg(label(m_spec), executable)
                           .arg(m_launched->port()));
    Q_EMIT changed();
    return state() != ItemState::Error;
}

void RedisController::connectTo(const RedisSpec &spec)
{
    m_runtime = std::make_shared<RedisRuntime>(spec);
    m_connecting = true;
    m_server.clear();
    setState(ItemState::Stopped);
    Q_EMIT logLine(QStringLiteral("%1: connecting to %2").arg(label(m_spec), server()));
    QPointer<QObject> self(this);
    spawn(QStringLiteral("connect"), [self, this](const std::shared_ptr<RedisRuntime> &rt) {
        try {
            const diesel::redis::RedisNode node = connectRuntime(*rt);
            const QString where =
                rt->cluster
                    ? QStringLiteral("cluster of %1 primaries").arg(rt->cluster->primaries().size())
                    : QStringLiteral("%1:%2").arg(QString::fromStdString(node.host)).arg(node.port);
            const diesel::redis::RedisOptions client = optionsOf(rt->spec);
            diesel::redis::SubHubOptions options;
            options.username = client.username;
            options.password = client.password;
            options.tls = client.tls;
            rt->subhub = std::make_unique<diesel::redis::RedisSubHub>(node.host, node.port,
                                                                      std::move(options));
            post(self, [this, rt, where] {
                if (rt == m_runtime)
                    onConnected(where);
            });
        } catch (const diesel::ClientConnectionError &e) {
            // It names the server already: "cannot connect to 127.0.0.1:6390: Connection refused".
            post(self, [this, rt, why = QString::fromUtf8(e.what())] {
                if (rt == m_runtime)
                    onConnectFailed(why);
            });
        } catch (const std::exception &e) {
            post(self, [this, rt, why = QString::fromUtf8(e.what())] {
                if (rt == m_runtime)
                    onConnectFailed(QStringLiteral("cannot connect to %1: %2").arg(server(), why));
            });
        }
    });
    Q_EMIT changed();
}

void RedisController::onConnected(const QString &server)
{
    m_connecting = false;
    m_connected = true;
    m_server = server;
    m_flush.start();
    setState(ItemState::Running);
    Q_EMIT logLine(QStringLiteral("%1: connected to %2").arg(label(m_spec), server));
    Q_EMIT changed();
    // The server's own command names (module commands too) for the console's completion.
    run({"COMMAND", "LIST"}, this, [this](const Reply &reply) {
        if (!reply.is_array() || !m_connected)
            return; // an older server: the console keeps its own list
        QStringList names;
        for (const Reply &name : reply)
            if (name.is_string())
                names << QString::fromStdString(name.str()).toUpper();
        names.sort();
        m_serverCommands = names;
        Q_EMIT serverCommandsChanged();
    });
}

void RedisController::onConnectFailed(const QString &error)
{
    m_connecting = false; // not "stopped": it never was up
    stop();
    setState(ItemState::Error, error);
    Q_EMIT logLine(QStringLiteral("%1: %2").arg(label(m_spec), error));
    Q_EMIT changed();
}

void RedisController::stop()
{
    if (!m_runtime && !m_launched)
        return;
    m_flush.stop();
    if (diesel::Hub *hub = diesel::Hub::current_if_any())
        for (diesel::LoopId loop : m_loops)
            hub->cancel(loop, "the Redis item was stopped in the workbench");
    m_loops.clear();
    m_scanLoop = 0;
    m_subscriptionLoops.clear();
    m_subscriptions.clear();
    // The cancelled Loops hold the runtime until they unwind; the client and the hub close
    // their connections with it.
    m_runtime.reset();
    const bool wasUp = m_connected || m_connecting;
    m_connected = m_connecting = false;
    if (m_launched) {
        Q_EMIT logLine(QStringLiteral("%1: stopping its redis-server on :%2")
                           .arg(label(m_spec))
                           .arg(m_launched->port()));
        m_launched->shutDown();
        m_launched = nullptr;
    }
    m_server.clear();
    m_lastProblem.clear();
    if (!m_serverCommands.isEmpty()) {
        m_serverCommands.clear();
        Q_EMIT serverCommandsChanged();
    }
    setState(ItemState::Stopped);
    if (wasUp)
        Q_EMIT logLine(QStringLiteral("%1 stopped").arg(label(m_spec)));
    Q_EMIT changed();
}

void RedisController::setSpec(const RedisSpec &spec)
{
    if (spec == m_spec)
        return;
    takeSettings({.restart = m_runtime != nullptr || m_launched}, [&] { m_spec = spec; });
}

void RedisController::run(std::vector<std::string> words, QObject *context, ReplyHandler done)
{
    runAll({std::move(words)}, context,
           [done = std::move(done)](const std::vector<Reply> &replies) { done(replies.front()); });
}

void RedisController::runAll(std::vector<std::vector<std::string>> commands, QObject *context,
                             RepliesHandler done)
{
    QPointer<QObject> guard(context);
    if (!m_connected) {
        post(guard, [done, n = commands.size()] { done(std::vector<Reply>(n, notConnected())); });
        return;
    }
    QPointer<QObject> self(this);
    spawn(QStringLiteral("command"), [self, this, guard, done, commands = std::move(commands)](
                                         const std::shared_ptr<RedisRuntime> &rt) {
        std::vector<Reply> replies;
        QString problem;
        try {
            // Error replies come back as replies; what throws is the connection's trouble.
            replies = executeAll(*rt, commands);
        } catch (const diesel::redis::CrossSlotError &e) {
            // Refused before anything was sent: not the connection's trouble.
            replies.assign(commands.size(), failure(e));
        } catch (const std::exception &e) {
            replies.assign(commands.size(), failure(e));
            problem = QString::fromUtf8(e.what());
        }
        post(self, [this, rt, problem] {
            if (rt == m_runtime)
                setProblem(problem);
        });
        post(guard, [done, replies = std::move(replies)] { done(replies); });
    });
}

void RedisController::setProblem(const QString &problem)
{
    if (problem == m_lastProblem)
        return;
    if (!problem.isEmpty())
        Q_EMIT logLine(QStringLiteral("%1: %2").arg(label(m_spec), problem));
    m_lastProblem = problem;
    Q_EMIT changed();
}

void RedisController::scan(const QString &pattern, int count, QObject *context,
                           KeyBatchHandler onBatch)
{
    cancelScan();
    QPointer<QObject> guard(context);
    if (!m_connected) {
        post(guard, [onBatch] { onBatch({}, true, QString::fromStdString(notConnected().str())); });
        return;
    }
    spawn(QStringLiteral("scan"), [guard, onBatch, pattern = text(pattern),
                                   count = std::to_string(std::max(count, 1))](
                                      const std::shared_ptr<RedisRuntime> &rt) {
        try {
            if (!rt->cluster) {
                scanServer(
                    *rt->client, pattern, count, [&](std::vector<RedisKeyRow> rows, bool last) {
                        post(guard,
                             [onBatch, rows = std::move(rows), last] { onBatch(rows, last, {}); });
                    });
                return;
            }
            // A Cluster's keys are scanned primary by primary, each on a connection of its own.
            const std::vector<diesel::redis::RedisNode> primaries =
                nodesOf(toQStrings(rt->cluster->primaries()));
            if (primaries.empty())
                post(guard, [onBatch] { onBatch({}, true, {}); });
            for (std::size_t i = 0; i < primaries.size(); ++i) {
                diesel::redis::RedisOptions options = optionsOf(rt->spec);
                options.reconnect = false;
                diesel::redis::RedisClient node(primaries[i].host, primaries[i].port, options);
                const bool lastNode = i + 1 == primaries.size();
                scanServer(node, pattern, count, [&](std::vector<RedisKeyRow> rows, bool last) {
                    post(guard, [onBatch, rows = std::move(rows), last = last && lastNode] {
                        onBatch(rows, last, {});
                    });
                });
            }
        } catch (const std::exception &e) {
            post(guard, [onBatch, why = QString::fromUtf8(e.what())] { onBatch({}, true, why); });
        }
    });
    m_scanLoop = m_loops.back();
}

void RedisController::cancelScan()
{
    if (m_scanLoop != 0)
        if (diesel::Hub *hub = diesel::Hub::current_if_any())
            hub->cancel(m_scanLoop, "a new scan replaced it");
    m_scanLoop = 0;
}

int RedisController::subscribe(const QStringList &channels)
{
    const int id = m_nextSubscription++;
    m_subscriptions.push_back({id, channels, false, {}});
    if (!m_connected) {
        onSubscribed(id, QString::fromStdString(notConnected().str()));
        return id;
    }
    std::vector<std::string> names;
    for (const QString &c : channels)
        names.push_back(text(c));
    QPointer<QObject> self(this);
    spawn(QStringLiteral("subscription"), [self, this, id, names = std::move(names)](
                                              const std::shared_ptr<RedisRuntime> &rt) {
        try {
            auto subscription = rt->subhub->sub(names);
            post(self, [this, rt, id] {
                if (rt == m_runtime)
                    onSubscribed(id, {});
            });
            for (;;) {
                diesel::redis::Message m = subscription.fetch();
                rt->pending.push_back(
                    {QDateTime::currentDateTime(), QString::fromStdString(m.channel),
                     QString::fromStdString(m.pattern), QByteArray::fromStdString(m.message)});
            }
        } catch (const std::exception &e) {
            post(self, [this, rt, id, why = QString::fromUtf8(e.what())] {
                if (rt == m_runtime)
                    onSubscribed(id, why);
            });
        }
    });
    m_subscriptionLoops.emplace_back(id, m_loops.back());
    Q_EMIT changed();
    return id;
}

void RedisController::onSubscribed(int id, const QString &error)
{
    for (RedisSubscription &s : m_subscriptions)
        if (s.id == id) {
            s.confirmed = error.isEmpty();
            s.error = error;
        }
    if (!error.isEmpty())
        Q_EMIT logLine(QStringLiteral("%1: subscription failed: %2").arg(label(m_spec), error));
    Q_EMIT changed();
}

void RedisController::unsubscribe(int id)
{
    for (const auto &[sub, loop] : m_subscriptionLoops)
        if (sub == id)
            if (diesel::Hub *hub = diesel::Hub::current_if_any())
                hub->cancel(loop, "unsubscribed in the workbench");
    std::erase_if(m_subscriptionLoops, [id](const auto &p) { return p.first == id; });
    std::erase_if(m_subscriptions, [id](const RedisSubscription &s) { return s.id == id; });
    Q_EMIT changed();
}

void RedisController::flushMessages()
{
    if (!m_runtime || m_runtime->pending.empty())
        return;
    std::vector<RedisPubSubMessage> messages;
    messages.swap(m_runtime->pending);
    Q_EMIT messagesArrived(messages);
}

} // namespace workbench
