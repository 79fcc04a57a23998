// SPDX-License-Identifier: MIT
#include "workspace.h"

namespace workbench {

QString toString(Transport transport)
{
    return transport == Transport::Tcp ? QStringLiteral("tcp") : QStringLiteral("udp");
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

bool isLocalHost(const QString &host)
{
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") ||
           host == QLatin1String("::1");
}

std::vector<const WorkspaceItem *> Workspace::itemsOfType(const QString &type) const
{
    std::vector<const WorkspaceItem *> found;
    for (const WorkspaceItem &item : items)
        if (item.type == type)
            found.push_back(&item);
    return found;
}

} // namespace workbench
