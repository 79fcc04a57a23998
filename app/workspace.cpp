// SPDX-License-Identifier: MIT
#include "workspace.h"

namespace workbench {

QString toString(Transport transport)
{
    return transport == Transport::Tcp ? QStringLiteral("tcp") : QStringLiteral("udp");
}

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

QString toString(TlsMode mode)
{
    switch (mode) {
    case TlsMode::Off:
        return QStringLiteral("off");
    case TlsMode::Files:
        return QStringLiteral("files");
    case TlsMode::SelfSigned:
        return QStringLiteral("self-signed");
    }
    return {};
}

QString toString(LineEnding ending)
{
    switch (ending) {
    case LineEnding::None:
        return QStringLiteral("none");
    case LineEnding::Lf:
        return QStringLiteral("lf");
    case LineEnding::CrLf:
        return QStringLiteral("crlf");
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

QByteArray lineEndingBytes(LineEnding ending)
{
    switch (ending) {
    case LineEnding::None:
        return {};
    case LineEnding::Lf:
        return QByteArrayLiteral("\n");
    case LineEnding::CrLf:
        return QByteArrayLiteral("\r\n");
    }
    return {};
}

bool isAllInterfaces(const QString &iface)
{
    return iface.isEmpty() || iface == QLatin1String("0.0.0.0") || iface == QLatin1String("::");
}

QString serviceLabel(const ServiceSpec &spec)
{
    return spec.port ? QStringLiteral("%1 :%2").arg(spec.name).arg(spec.port) : spec.name;
}

} // namespace workbench
