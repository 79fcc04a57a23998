// SPDX-License-Identifier: MIT
#include "clientspec.h"
#include "jsonfields.h"

namespace workbench {

ClientSpec readClientSpec(const QJsonObject &o, const QString &where)
{
    ClientSpec c;
    c.name = getLabel(o, where, "name", c.name, true);
    c.transport = getEnum(o, where, "transport", c.transport, {Transport::Tcp, Transport::Udp});
    c.host = getLabel(o, where, "host", c.host);
    c.port = std::uint16_t(getInt(o, where, "port", c.port, 1, 65535));
    c.tls = getBool(o, where, "tls", false);
    c.verifyPeer = getBool(o, where, "verifyPeer", true);
    c.lineEnding = getEnum(o, where, "lineEnding", c.lineEnding,
                           {LineEnding::None, LineEnding::Lf, LineEnding::CrLf});
    c.waitForReply = getBool(o, where, "waitForReply", c.waitForReply);
    c.replyTimeout = getNumber(o, where, "replyTimeout", c.replyTimeout, 0.001, 3600);
    c.autoconnect = getBool(o, where, "autoconnect", false);
    c.faults = readFaults(o, where);
    if (const auto r = getObject(o, where, "repeat")) {
        const QString w = field(where, "repeat");
        c.repeat.enabled = getBool(*r, w, "enabled", true);
        c.repeat.message = getString(*r, w, "message", {});
        c.repeat.count = getInt(*r, w, "count", 0, 0, 100000000);
        c.repeat.interval = getNumber(*r, w, "interval", 1.0, 0.001, 86400);
    }
    return c;
}

QJsonObject clientJson(const ClientSpec &c)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), c.name);
    o.insert(QStringLiteral("transport"), toString(c.transport));
    o.insert(QStringLiteral("host"), c.host);
    o.insert(QStringLiteral("port"), int(c.port));
    o.insert(QStringLiteral("tls"), c.tls);
    o.insert(QStringLiteral("verifyPeer"), c.verifyPeer);
    o.insert(QStringLiteral("lineEnding"), toString(c.lineEnding));
    o.insert(QStringLiteral("waitForReply"), c.waitForReply);
    o.insert(QStringLiteral("replyTimeout"), c.replyTimeout);
    o.insert(QStringLiteral("autoconnect"), c.autoconnect);
    if (c.repeat.enabled || !c.repeat.message.isEmpty()) {
        QJsonObject r;
        r.insert(QStringLiteral("enabled"), c.repeat.enabled);
        r.insert(QStringLiteral("message"), c.repeat.message);
        r.insert(QStringLiteral("count"), c.repeat.count);
        r.insert(QStringLiteral("interval"), c.repeat.interval);
        o.insert(QStringLiteral("repeat"), r);
    }
    insertFaults(o, c.faults);
    return o;
}

} // namespace workbench
