// SPDX-License-Identifier: MIT
// Reading a pcapng file back with Wireshark's tshark, as a person would: packet counts, fields,
// and a TCP stream reassembled by "follow".
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace dtest {

/// tshark's path, or empty when it is not installed (scripts/deps installs it).
QString tsharkPath();

/// Runs tshark with `arguments`; its stdout, or nullopt (with a test warning) when it failed.
std::optional<QByteArray> tshark(const QStringList &arguments);

/// The lines tshark prints for `-r file -Y filter -T fields -e field` (one per packet).
QStringList tsharkFields(const QString &file, const QString &field, const QString &filter = {});

/// The two directions of TCP stream `stream` in `file`, as "-z follow,tcp,raw" reassembles them.
struct FollowedStream
{
    QByteArray fromFirst;  ///< sent by the side that sent the first packet (the client)
    QByteArray fromSecond; ///< sent by the other side
};
std::optional<FollowedStream> followTcp(const QString &file, int stream = 0);

} // namespace dtest
