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
    }
    return {};
}

QString serviceLabel(const ServiceSpec &spec)
{
    return spec.port ? QStringLiteral("%1 :%2").arg(spec.name).arg(spec.port) : spec.name;
}

ServiceSpec readServiceSpec(const QJsonObject &o, const QString &where,
                            const ItemReadContext *context)
{
    ServiceSpec s;
    s.name = getName(o, where, s.name);
    s.transport = getEnum(o, where, "transport", s.transport, {Transport::Tcp, Transport::Udp});
    s.iface = getLabel(o, where, "interface", s.iface);
    s.port = std::uint16_t(getInt(o, where, "port", 0, 0, 65535));
    s.behaviour = getEnum(o, where, "behaviour", s.behaviour,
                          {Behaviour::Echo, Behaviour::Holla, Behaviour::Broker,
                           Behaviour::QueuePush, Behaviour::Script});
    // Only the QueuePush behaviour links to a Queue; a link other behaviours left behind is
    // dropped, so it cannot dangle.
    if (s.behaviour == Behaviour::QueuePush)
        s.queue = context ? context->link(o, where, "queue", QStringLiteral("queue"), false)
                          : getLabel(o, where, "queue", {});
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
