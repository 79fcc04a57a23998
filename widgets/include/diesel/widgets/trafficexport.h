// SPDX-License-Identifier: MIT
// Exports what a TrafficModel holds as a pcapng file for Wireshark: each TCP connection as a
// handshake, its bytes in both directions as segments with their real sequence numbers, and a
// FIN once it closed; each UDP chunk as a datagram. Bytes the capture missed are skipped in the
// sequence numbers (Wireshark says "previous segment not captured") and named in a comment.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/trafficmodel.h>

#include <QIODevice>
#include <QString>

namespace diesel::widgets {

/// Which part of the capture to export.
struct DIESEL_WIDGETS_EXPORT TrafficScope
{
    QString owner;               ///< only this Service's or Client's connections ("": every one)
    ConnectionId connection = 0; ///< only this connection (0: every one)
};

/// What an export wrote.
struct DIESEL_WIDGETS_EXPORT PcapngExport
{
    int packets = 0;
    int connections = 0;
    std::uint64_t missingBytes = 0; ///< bytes the capture did not hold, skipped in the sequence
    QString error;                  ///< empty on success
};

/// Writes the chunks of `model` within `scope` to `out` as pcapng.
DIESEL_WIDGETS_EXPORT PcapngExport exportPcapng(const TrafficModel &model,
                                                const TrafficScope &scope, QIODevice &out);
/// Writes them to the file `path` (replaced only once complete).
DIESEL_WIDGETS_EXPORT PcapngExport exportPcapng(const TrafficModel &model,
                                                const TrafficScope &scope, const QString &path);

} // namespace diesel::widgets
