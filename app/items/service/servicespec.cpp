// SPDX-License-Identifier: MIT
#include "itemtype.h"
#include "jsonfields.h"
#include "servicespec.h"

namespace workbench {

QString toString(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::Echo:
        return QStringLiteral("echo");
    case Behaviour::Holla:
        return QStringLiteral("holla");
    case Behaviour::Broker:
        return QStringLiteral("broker");
    case Behaviour::QueuePush:
        return QStringLiteral("queue");
    case Behaviour::Script:
        return QStringLiteral("script");
    case Behaviour::Forward:
        return QStringLiteral("forward");
    case Behaviour::Publish:
        return QStringLiteral("publish");
    }
    return {};
}

QString displayName(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::Echo:
        return QStringLiteral("Echo");
    case Behaviour::Holla:
        return QStringLiteral("Holla (upper-case, as in the guide)");
    case Behaviour::Broker:
        return QStringLiteral("Line pub/sub broker");
    case Behaviour::QueuePush:
        return QStringLiteral("Push lines into a Queue");
    case Behaviour::Script:
        return QStringLiteral("Script (JavaScript)");
    case Behaviour::Forward:
        return QStringLiteral("Forward to a Pool (a proxy)");
    case Behaviour::Publish:
        return QStringLiteral("Publish to a channel of a broker");
    }
    return {};
}

QString serviceLabel(const ServiceSpec &spec)
{
    return spec.port ? QStringLiteral("%1 :%2").arg(spec.name).arg(spec.port) : spec.name;
}

QString linkedType(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::QueuePush:
        return QStringLiteral("queue");
    case Behaviour::Forward:
        return QStringLiteral("pool");
    case Behaviour::Publish:
        return QStringLiteral("service");
    default:
        return {};
    }
}

QString linkedId(const ServiceSpec &spec)
{
    switch (spec.behaviour) {
    case Behaviour::QueuePush:
        return spec.queue;
    case Behaviour::Forward:
        return spec.pool;
    case Behaviour::Publish:
        return spec.broker;
    default:
        return {};
    }
}

ServiceSpec readServiceSpec(const QJsonObject &o, const QString &where,
                            const ItemReadContext *context)
{
    ServiceSpec s;
    s.name = getName(o, where, s.name);
    s.transport = getEnum(o, where, "transport", s.transport, {Transport::Tcp, Transport::Udp});
    s.iface = getLabel(o, where, "interface", s.iface);
    s.port = std::uint16_t(getInt(o, where, "port", 0, 0, 65535));
    s.behaviour =
        getEnum(o, where, "behaviour", s.behaviour,
                {Behaviour::Echo, Behaviour::Holla, Behaviour::Broker, Behaviour::QueuePush,
                 Behaviour::Script, Behaviour::Forward, Behaviour::Publish});
    // Each behaviour reads only its own link; a link other behaviours left behind is dropped,
    // so it cannot dangle.
    auto readLink = [&](const char *key) {
        return context ? context->link(o, where, key, linkedType(s.behaviour), false)
                       : getLabel(o, where, key, {});
    };
    if (s.behaviour == Behaviour::QueuePush)
        s.queue = readLink("queue");
    if (s.behaviour == Behaviour::Forward)
        s.pool = readLink("pool");
    if (s.behaviour == Behaviour::Publish) {
        s.broker = readLink("broker");
        s.channel = getLabel(o, where, "channel", {});
    }
    // Like the Queue link: only the Script behaviour keeps a script (and writes it back).
    if (s.behaviour == Behaviour::Script) {
        s.script = getString(o, where, "script", {});
        s.scriptBudgetMs = getInt(o, where, "scriptBudget", s.scriptBudgetMs, 1, 60000);
    }
    s.autostart = getBool(o, where, "autostart", true);
    s.idleTimeout = getInt(o, where, "idleTimeout", s.idleTimeout, 0, 86400 * 365);
    s.minReceiveRate = getInt(o, where, "minReceiveRate", s.minReceiveRate, 0, 1 << 30);
    s.faults = readFaults(o, where);
    if (const auto t = getObject(o, where, "tls")) {
        const QString w = field(where, "tls");
        s.tls = getEnum(*t, w, "mode", TlsMode::Off,
                        {TlsMode::Off, TlsMode::Files, TlsMode::SelfSigned});
        s.certFile = getString(*t, w, "cert", {});
        s.keyFile = getString(*t, w, "key", {});
    }
    if (s.behaviour == Behaviour::Broker && s.transport == Transport::Udp)
        fail(field(where, "behaviour"), QStringLiteral("the broker needs TCP"));
    if (s.behaviour == Behaviour::QueuePush && s.queue.isEmpty())
        fail(field(where, "queue"), QStringLiteral("missing (the Queue to push lines into)"));
    if (s.behaviour == Behaviour::Script && s.transport == Transport::Udp)
        fail(field(where, "behaviour"), QStringLiteral("a script needs TCP"));
    if (s.behaviour == Behaviour::Forward && s.transport == Transport::Udp)
        fail(field(where, "behaviour"), QStringLiteral("forwarding to a Pool needs TCP"));
    if (s.behaviour == Behaviour::Forward && s.pool.isEmpty())
        fail(field(where, "pool"), QStringLiteral("missing (the Pool to forward lines through)"));
    if (s.behaviour == Behaviour::Publish && s.broker.isEmpty())
        fail(field(where, "broker"), QStringLiteral("missing (the broker Service to publish to)"));
    if (s.behaviour == Behaviour::Publish && s.channel.isEmpty())
        fail(field(where, "channel"), QStringLiteral("missing (the channel to publish to)"));
    if (s.behaviour == Behaviour::Publish && s.channel.contains(QLatin1Char(' ')))
        fail(field(where, "channel"), QStringLiteral("a channel is one word"));
    return s;
}

QJsonObject serviceJson(const ServiceSpec &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("transport"), toString(s.transport));
    o.insert(QStringLiteral("interface"), s.iface);
    o.insert(QStringLiteral("port"), int(s.port));
    o.insert(QStringLiteral("behaviour"), toString(s.behaviour));
    if (s.behaviour == Behaviour::QueuePush && !s.queue.isEmpty())
        o.insert(QStringLiteral("queue"), s.queue);
    if (s.behaviour == Behaviour::Forward && !s.pool.isEmpty())
        o.insert(QStringLiteral("pool"), s.pool);
    if (s.behaviour == Behaviour::Publish) {
        if (!s.broker.isEmpty())
            o.insert(QStringLiteral("broker"), s.broker);
        o.insert(QStringLiteral("channel"), s.channel);
    }
    if (s.behaviour == Behaviour::Script) { // only here: other files stay as they were
        o.insert(QStringLiteral("script"), s.script);
        o.insert(QStringLiteral("scriptBudget"), s.scriptBudgetMs);
    }
    o.insert(QStringLiteral("autostart"), s.autostart);
    o.insert(QStringLiteral("idleTimeout"), s.idleTimeout);
    o.insert(QStringLiteral("minReceiveRate"), s.minReceiveRate);
    if (s.tls != TlsMode::Off || !s.certFile.isEmpty() || !s.keyFile.isEmpty()) {
        QJsonObject t;
        t.insert(QStringLiteral("mode"), toString(s.tls));
        t.insert(QStringLiteral("cert"), s.certFile);
        t.insert(QStringLiteral("key"), s.keyFile);
        o.insert(QStringLiteral("tls"), t);
    }
    insertFaults(o, s.faults);
    return o;
}

} // namespace workbench
