// SPDX-License-Identifier: MIT
// Writes a pcapng file (the format Wireshark saves): a Section Header, one Ethernet interface
// with microsecond timestamps, and Enhanced Packet Blocks, each with an optional comment.
#pragma once

#include <diesel/widgets/export.h>

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <chrono>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT PcapngWriter
{
public:
    /// Writes the Section Header and Interface Description blocks to `out` (opened for writing).
    explicit PcapngWriter(QIODevice &out);

    /// Appends one frame captured at `at`, with `comment` (opt_comment) unless it is empty.
    void writePacket(std::chrono::system_clock::time_point at, const QByteArray &frame,
                     const QString &comment = {});
    /// Packets written so far.
    int packets() const noexcept { return m_packets; }
    /// False once a write failed.
    bool ok() const noexcept { return m_ok; }

private:
    void writeBlock(std::uint32_t type, const QByteArray &body);

    QIODevice &m_out;
    int m_packets = 0;
    bool m_ok = true;
};

} // namespace diesel::widgets
