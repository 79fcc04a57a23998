// SPDX-License-Identifier: MIT
#include <diesel/widgets/pcapngwriter.h>

namespace diesel::widgets {

namespace {

// Blocks are written in the machine's byte order; the Section Header's magic says which.
template<typename T>
void put(QByteArray &out, T value)
{
    out.append(reinterpret_cast<const char *>(&value), sizeof value);
}

void pad(QByteArray &out)
{
    while (out.size() % 4)
        out.append('\0');
}

void putOption(QByteArray &out, std::uint16_t code, const QByteArray &value)
{
    put(out, code);
    put(out, std::uint16_t(value.size()));
    out.append(value);
    pad(out);
}

void endOptions(QByteArray &out)
{
    put(out, std::uint32_t(0)); // opt_endofopt
}

} // namespace

PcapngWriter::PcapngWriter(QIODevice &out)
    : m_out(out)
{
    QByteArray section;
    put(section, std::uint32_t(0x1A2B3C4D)); // byte-order magic
    put(section, std::uint16_t(1));          // version 1.0
    put(section, std::uint16_t(0));
    put(section, std::int64_t(-1));                               // section length not given
    putOption(section, 4, QByteArrayLiteral("Diesel Workbench")); // shb_userappl
    endOptions(section);
    writeBlock(0x0A0D0D0A, section);

    QByteArray interface;
    put(interface, std::uint16_t(1)); // LINKTYPE_ETHERNET
    put(interface, std::uint16_t(0));
    put(interface, std::uint32_t(0));                     // no snap length
    putOption(interface, 2, QByteArrayLiteral("diesel")); // if_name
    putOption(interface, 9, QByteArray(1, char(6)));      // if_tsresol: microseconds
    endOptions(interface);
    writeBlock(1, interface);
}

void PcapngWriter::writePacket(std::chrono::system_clock::time_point at, const QByteArray &frame,
                               const QString &comment)
{
    const auto us = std::uint64_t(
        std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count());
    QByteArray body;
    body.reserve(20 + frame.size() + comment.size() + 16);
    put(body, std::uint32_t(0)); // interface 0
    put(body, std::uint32_t(us >> 32));
    put(body, std::uint32_t(us));
    put(body, std::uint32_t(frame.size())); // captured
    put(body, std::uint32_t(frame.size())); // on the wire
    body.append(frame);
    pad(body);
    if (!comment.isEmpty()) {
        putOption(body, 1, comment.toUtf8()); // opt_comment
        endOptions(body);
    }
    writeBlock(6, body);
    ++m_packets;
}

void PcapngWriter::writeBlock(std::uint32_t type, const QByteArray &body)
{
    const auto total = std::uint32_t(12 + body.size());
    QByteArray block;
    block.reserve(qsizetype(total));
    put(block, type);
    put(block, total);
    block.append(body);
    put(block, total);
    if (m_out.write(block) != block.size())
        m_ok = false;
}

} // namespace diesel::widgets
