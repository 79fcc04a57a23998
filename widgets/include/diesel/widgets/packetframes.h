// SPDX-License-Identifier: MIT
// Synthesised Ethernet frames around captured bytes (IPv4 or IPv6, TCP or UDP), with correct
// lengths and checksums, so that Wireshark reads an export as if it had been on the wire.
#pragma once

#include <diesel/core/address.h>
#include <diesel/widgets/export.h>

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>

namespace diesel::widgets {

/// TCP header flags.
enum TcpFlag : std::uint8_t { TcpFin = 0x01, TcpSyn = 0x02, TcpPsh = 0x08, TcpAck = 0x10 };

/// Largest TCP payload per frame for this address family (an Ethernet MTU of 1500).
DIESEL_WIDGETS_EXPORT std::size_t tcpMss(const Address &address) noexcept;

/// An Ethernet frame carrying one TCP segment from `src` to `dst` (both of one family).
DIESEL_WIDGETS_EXPORT QByteArray tcpFrame(const Address &src, const Address &dst, std::uint32_t seq,
                                          std::uint32_t ack, std::uint8_t flags,
                                          QByteArrayView payload);
/// An Ethernet frame carrying one UDP datagram from `src` to `dst` (both of one family).
DIESEL_WIDGETS_EXPORT QByteArray udpFrame(const Address &src, const Address &dst,
                                          QByteArrayView payload);

} // namespace diesel::widgets
