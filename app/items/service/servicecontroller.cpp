// SPDX-License-Identifier: MIT
#include "faults.h"
#include "itemtype.h"
#include "linebroker.h"
#include "logging.h"
#include "poolcontroller.h"
#include "queuecontroller.h"
#include "scriptbehaviour.h"
#include "servicecontroller.h"

#include <diesel/core/error.h>
#include <diesel/core/tls.h>

#include <QPointer>
#include <QTimer>

namespace workbench {

ServiceController::ServiceController(ServiceSpec spec, ItemLookup items, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
    , m_items(std::move(items))
{}

ServiceController::~ServiceController()
{
    // The runtime objects go with the controller: the Service closes its socket and cancels the
    // Loops of its connections, which unwind on the Hub's next round.
    m_tcp.reset();
    m_udp.reset();
}

QString ServiceController::describe() const
{
    return QStringLiteral("%1 (%2, %3%4) on %5:%6")
        .arg(label(), toString(m_spec.transport), toString(m_spec.behaviour),
             m_spec.tls != TlsMode::Off ? QStringLiteral(", TLS") : QString(), m_spec.iface)
        .arg(port());
}

QString ServiceController::summary() const
{
    QString text = QStringLiteral("%1 :%2 \u00b7 %3")
                       .arg(m_spec.name)
                       .arg(port())
                       .arg(toString(m_spec.behaviour));
    if (m_spec.tls != TlsMode::Off)
        text += QStringLiteral(" \u00b7 TLS");
    if (m_spec.behaviour == Behaviour::Publish)
        text += QStringLiteral(" \u00b7 channel ") + m_spec.channel;
    if (m_tcp && m_tcp->running())
        text += QStringLiteral(" \u00b7 %1 conn").arg(m_tcp->connections());
    if (m_broker)
        text += QStringLiteral(" \u00b7 %1 channels").arg(m_broker->channels());
    if (isAllInterfaces(m_spec.iface))
        text += QStringLiteral(" \u00b7 all interfaces");
    if (m_spec.transport == Transport::Tcp && injectsFaults(m_spec.faults))
        text += QStringLiteral(" \u00b7 ") + faultSummary(m_spec.faults);
    if (!m_scriptError.isEmpty())
        text += QStringLiteral(" \u00b7 script failed ") + m_scriptError;
    return text;
}

std::uint16_t ServiceController::port() const
{
    if (m_tcp && m_tcp->running())
        return m_tcp->port();
    if (m_udp && m_udp->running())
        return m_udp->port();
    return m_spec.port;
}

std::size_t ServiceController::liveConnections() const
{
    return m_tcp && m_tcp->running() ? m_tcp->connections() : 0;
}

std::optional<Endpoint> ServiceController::endpoint() const
{
    const QString host = isAllInterfaces(m_spec.iface) ? QStringLiteral("127.0.0.1") : m_spec.iface;
    return Endpoint{m_spec.transport, host, port()};
}

bool ServiceController::running() const
{
    return (m_tcp && m_tcp->running()) || (m_udp && m_udp->running());
}

std::vector<ItemMeasure> ServiceController::measures() const
{
    using Kind = ItemMeasure::Kind;
    using Unit = ItemMeasure::Unit;
    std::vector<ItemMeasure> m{
        {QStringLiteral("connections"), double(liveConnections()), Kind::Level},
        {QStringLiteral("lines"), double(m_tally->lines), Kind::Total},
        {QStringLiteral("bytes in"), double(m_tally->bytesIn), Kind::Total, Unit::Bytes},
        {QStringLiteral("bytes out"), double(m_tally->bytesOut), Kind::Total, Unit::Bytes},
    };
    if (m_spec.behaviour == Behaviour::Broker)
        m.push_back({QStringLiteral("published"),
                     double(m_publishedBefore + (m_broker ? m_broker->published() : 0)),
                     Kind::Total});
    return m;
}

QString ServiceController::missingLink() const
{
    ItemController *item = m_items ? m_items(linkedId(m_spec)) : nullptr;
    if (m_spec.behaviour == Behaviour::Forward && !qobject_cast<PoolController *>(item))
        return QStringLiteral("there is no Pool with the id \"%1\" in the workspace")
            .arg(m_spec.pool);
    if (m_spec.behaviour == Behaviour::Publish) {
        const auto *service = qobject_cast<ServiceController *>(item);
        if (!service)
            return QStringLiteral("there is no Service with the id \"%1\" in the workspace")
                .arg(m_spec.broker);
        if (service->spec().behaviour != Behaviour::Broker)
            return QStringLiteral("the Service \"%1\" is not a pub/sub broker")
                .arg(service->name());
    }
    return {};
}

PoolHandle ServiceController::linkedPool() const
{
    if (const QString missing = missingLink(); !missing.isEmpty())
        throw diesel::Error(missing.toStdString());
    const auto *pool = static_cast<const PoolController *>(m_items(m_spec.pool));
    auto handle = pool->handle();
    if (!handle)
        throw diesel::Error(
            QStringLiteral("the Pool \"%1\" is not running").arg(pool->name()).toStdString());
    return std::move(*handle);
}

std::shared_ptr<LineBroker> ServiceController::linkedBroker() const
{
    if (const QString missing = missingLink(); !missing.isEmpty())
        throw diesel::Error(missing.toStdString());
    const auto *service = static_cast<const ServiceController *>(m_items(m_spec.broker));
    if (!service->broker())
        throw diesel::Error(
            QStringLiteral("the broker \"%1\" is not running").arg(service->name()).toStdString());
    return service->broker();
}

QString ServiceController::linkProblem() const
{
    try {
        if (m_spec.behaviour == Behaviour::Forward)
            linkedPool();
        else if (m_spec.behaviour == Behaviour::Publish)
            linkedBroker();
    } catch (const diesel::Error &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void ServiceController::showLinkProblem(const QString &problem)
{
    if (!running() || problem == m_linkProblem)
        return;
    m_linkProblem = problem;
    if (problem.isEmpty()) {
        setState(ItemState::Running);
        Q_EMIT logLine(QStringLiteral("%1: its link works again").arg(label()));
        return;
    }
    setState(ItemState::Error, problem + QStringLiteral("; each line is answered ERROR"));
    Q_EMIT logLine(QStringLiteral("%1: %2").arg(label(), problem));
}

void ServiceController::checkLink()
{
    showLinkProblem(linkProblem());
}

void ServiceController::linkRemoved(const ItemController *item)
{
    if (item->id() != linkedId(m_spec))
        return;
    const QString what = QStringLiteral("its %1 \"%2\" (id \"%3\") was removed from the workspace")
                             .arg(item->type().displayName, item->name(), item->id());
    // A Service pushing into a Queue nobody sees stops; a proxy or publisher serves on and
    // answers each line with the error.
    if (m_spec.behaviour == Behaviour::QueuePush)
        fail(what);
    else
        showLinkProblem(what);
}

std::uint64_t ServiceController::accepted() const
{
    return m_tcp ? m_tcp->accepted() : 0;
}

bool ServiceController::start()
{
    if (running())
        return true;
    auto failWith = [this](const QString &why) {
        m_tcp.reset();
        m_udp.reset();
        setState(ItemState::Error, why);
        Q_EMIT logLine(QStringLiteral("%1: cannot start: %2").arg(label(), why));
        qCWarning(lcApp, "%s: cannot start: %s", qPrintable(label()), qPrintable(why));
        return false;
    };

    BehaviourContext context;
    context.tally = m_tally;
    if (m_spec.behaviour == Behaviour::QueuePush) {
        auto *queue = qobject_cast<QueueController *>(m_items ? m_items(m_spec.queue) : nullptr);
        context.queue = queue ? queue->queue() : nullptr;
        if (!context.queue)
            return failWith(QStringLiteral("there is no Queue with the id \"%1\" in the "
                                           "workspace to push lines into (was it removed?)")
                                .arg(m_spec.queue));
        m_queueInUse = context.queue;
    }
    if (m_spec.behaviour == Behaviour::Broker) {
        if (m_spec.transport != Transport::Tcp)
            return failWith(QStringLiteral("the line pub/sub broker needs TCP"));
        context.broker = std::make_shared<LineBroker>(label().toStdString());
    }
    // A link is followed at each line (a Loop may unwind after its controller went: QPointer
    // tells). A Pool or broker that is merely stopped is no reason not to start: it may start
    // right after (the workspace starts Services before Pools), and checkLink() tells.
    if (const QString missing = missingLink(); !missing.isEmpty())
        return failWith(missing + QStringLiteral(" (was it removed?)"));
    if (m_spec.behaviour == Behaviour::Forward) {
        if (m_spec.transport != Transport::Tcp)
            return failWith(QStringLiteral("forwarding to a Pool needs TCP"));
        context.pool = [self = QPointer(this)] {
            if (!self)
                throw diesel::Error("the Service was removed");
            return self->linkedPool();
        };
    }
    if (m_spec.behaviour == Behaviour::Publish) {
        context.channel = m_spec.channel.toStdString();
        context.publishTo = [self = QPointer(this)] {
            if (!self)
                throw diesel::Error("the Service was removed");
            return self->linkedBroker();
        };
    }
    diesel::Service::Handler tcp;
    if (m_spec.behaviour == Behaviour::Script) {
        if (m_spec.transport != Transport::Tcp)
            return failWith(QStringLiteral("a script needs TCP"));
        const std::chrono::milliseconds budget(m_spec.scriptBudgetMs);
        const QString script = m_spec.script.isEmpty() ? defaultScript() : m_spec.script;
        // Refused at start rather than failing every connection: the panel shows the line.
        if (const auto problem = checkScript(script, budget))
            return failWith(QStringLiteral("script: ") + problem->text());
        // A Loop may unwind after its controller went: QPointer tells.
        tcp = scriptHandler(
            script, budget,
            [self = QPointer(this)](const QString &why) {
                if (!self)
                    return;
                Q_EMIT self->logLine(
                    QStringLiteral("%1: script failed %2").arg(self->label(), why));
                self->m_scriptError = why;
                Q_EMIT self->changed();
            },
            m_tally);
    } else {
        tcp = tcpHandler(m_spec.behaviour, context);
    }

    diesel::ServiceOptions options;
    options.label = label().toStdString();
    if (m_spec.idleTimeout > 0)
        options.idle_timeout = diesel::Seconds(m_spec.idleTimeout);
    options.min_receive_rate = m_spec.minReceiveRate;
    if (m_spec.transport == Transport::Tcp)
        options.faults = toFaultPlan(m_spec.faults);
    if (m_spec.tls != TlsMode::Off) {
        if (m_spec.transport != Transport::Tcp)
            return failWith(QStringLiteral("TLS needs TCP"));
        try {
            if (m_spec.tls == TlsMode::SelfSigned)
                options.tls = diesel::TlsContext::server_self_signed("localhost");
            else
                options.tls = diesel::TlsContext::server(m_spec.certFile.toStdString(),
                                                         m_spec.keyFile.toStdString());
        } catch (const diesel::TlsError &e) {
            return failWith(QStringLiteral("TLS: ") + QString::fromUtf8(e.what()));
        }
    }

    // "0.0.0.0" is what people write for every IPv4 interface; the runtime spells it "".
    const std::string iface =
        m_spec.iface == QLatin1String("0.0.0.0") ? std::string() : m_spec.iface.toStdString();
    try {
        if (m_spec.transport == Transport::Tcp) {
            m_tcp.emplace(std::move(tcp), m_spec.port, iface, std::move(options));
            m_tcp->start();
        } else {
            m_udp.emplace(udpHandler(m_spec.behaviour, context), m_spec.port, iface,
                          std::move(options));
            m_udp->start();
        }
    } catch (const diesel::Error &e) {
        return failWith(QString::fromUtf8(e.what()));
    }
    m_scriptError.clear();
    m_linkProblem.clear();
    m_broker = context.broker;
    setState(ItemState::Running);
    Q_EMIT logLine(QStringLiteral("%1 listening: %2").arg(label(), describe()));
    if (m_spec.behaviour == Behaviour::Forward || m_spec.behaviour == Behaviour::Publish)
        QTimer::singleShot(0, this, &ServiceController::checkLink); // once the workspace started
    return true;
}

void ServiceController::stop()
{
    const bool wasRunning = running();
    m_tcp.reset();
    m_queueInUse.reset();
    m_udp.reset();
    if (m_broker)
        m_publishedBefore += m_broker->published();
    m_broker.reset();
    m_linkProblem.clear();
    setState(ItemState::Stopped);
    if (wasRunning)
        Q_EMIT logLine(QStringLiteral("%1 stopped").arg(label()));
}

void ServiceController::fail(const QString &why)
{
    stop();
    setState(ItemState::Error, why);
    Q_EMIT logLine(QStringLiteral("%1: %2").arg(label(), why));
}

bool ServiceController::onlyFaultsDiffer(const ServiceSpec &spec) const
{
    ServiceSpec same = spec;
    same.faults = m_spec.faults;
    return same == m_spec;
}

void ServiceController::setSpec(const ServiceSpec &spec)
{
    if (spec == m_spec)
        return;
    if (m_tcp && m_tcp->running() && onlyFaultsDiffer(spec)) {
        // Faults switch live: open connections stay and misbehave (or stop) at once.
        m_spec = spec;
        m_tcp->set_faults(toFaultPlan(m_spec.faults));
        Q_EMIT logLine(QStringLiteral("%1 %2").arg(label(), injectsFaults(m_spec.faults)
                                                                ? faultSummary(m_spec.faults)
                                                                : QStringLiteral("faults off")));
        Q_EMIT changed();
        return;
    }
    const bool restart = running();
    takeSettings({.restart = restart, .stopFirst = restart || state() == ItemState::Error},
                 [&] { m_spec = spec; });
}

} // namespace workbench
