// SPDX-License-Identifier: MIT
// What a person builds in the workbench, as plain values: a Workspace is what a workspace file
// holds (see workspacefile.h), a list of items of any registered kind (see itemtype.h), and the
// words that several kinds share (transports, TLS modes, line endings).
#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace workbench {

enum class Transport { Tcp, Udp };
enum class TlsMode { Off, Files, SelfSigned };
enum class LineEnding { None, Lf, CrLf };

/// Where something listens or connects.
struct Endpoint
{
    Transport transport = Transport::Tcp;
    QString host;
    std::uint16_t port = 0;
};

/// One item of a workspace: its stable id (links between items use it), its kind and its
/// settings (as the kind reads and writes them; see ItemType::read).
struct WorkspaceItem
{
    QString id;   ///< unique in the workspace: "holla", "service-1"
    QString type; ///< a registered ItemType id: "service", "client", "queue", "pool"
    QJsonObject settings;

    friend bool operator==(const WorkspaceItem &, const WorkspaceItem &) = default;
};

/// A workspace: the items and the file format version they were read from or will be written as.
struct Workspace
{
    /// 2: one "items" list with ids and types. 1 (read and migrated): a list per kind.
    static constexpr int kVersion = 2;
    int version = kVersion;
    QString name;
    std::vector<WorkspaceItem> items;

    /// The items of one type, in order.
    std::vector<const WorkspaceItem *> itemsOfType(const QString &type) const;
    friend bool operator==(const Workspace &, const Workspace &) = default;
};

/// Words used in files and the UI.
QString toString(Transport transport);
QString toString(TlsMode mode);
QString toString(LineEnding ending);
/// The bytes a line ending adds.
QByteArray lineEndingBytes(LineEnding ending);
/// True for interfaces that are reachable from other machines (0.0.0.0, ::, an empty string).
bool isAllInterfaces(const QString &iface);
/// True for a host name that means this machine (127.0.0.1, localhost, ::1).
bool isLocalHost(const QString &host);

} // namespace workbench
