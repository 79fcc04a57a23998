// SPDX-License-Identifier: MIT
#include <diesel/widgets/packetframes.h>

namespace diesel::widgets {

namespace {

constexpr std::uint8_t kTcp = 6;
constexpr std::uint8_t kUdp = 17;
constexpr std::size_t kEthernetMtu = 1500;

void put16(QByteArray &out, std::uint16_t v)
{
    out.append(char(v >> 8)).append(char(v & 0xff));
}

void put32(QByteArray &out, std::uint32_t v)
{
    put16(out, std::uint16_t(v >> 16));
    put16(out, std::uint16_t(v));
}

void set16(QByteArray &out, qsizetype at, std::uint16_t v)
{
    out[at] = char(v >> 8);
    out[at + 1] = char(v & 0xff);
}

// The Internet checksum's running sum (RFC 1071) over big-endian 16-bit words.
std::uint32_t sumOf(QByteArrayView bytes, std::uint32_t sum = 0)
{
    const auto *p = reinterpret_cast<const std::uint8_t *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i + 1 < n; i += 2)
        sum += std::uint32_t(p[i] << 8 | p[i + 1]);
    if (n % 2)
        sum += std::uint32_t(p[n - 1] << 8);
    return sum;
}

std::uint16_t fold(std::uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return std::uint16_t(~sum);
}

// The raw address bytes in network order (4 or 16 of them).
QByteArrayView hostBytes(const Address &a)
{
    if (a.is_ipv6()) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(a.data());
        return {reinterpret_cast<const char *>(&in6->sin6_addr), 16};
    }
    const auto *in4 = reinterpret_cast<const sockaddr_in *>(a.data());
    return {reinterpret_cast<const char *>(&in4->sin_addr), 4};
}

// Ethernet and IP headers around `transport` (whose checksum field is at `checksumAt`), with the
// transport checksum over the pseudo-header filled in.
QByteArray frame(const Address &src, const Address &dst, std::uint8_t protocol,
                 QByteArray transport, qsizetype checksumAt)
{
    const QByteArrayView s = hostBytes(src);
    const QByteArrayView d = hostBytes(dst);
    const auto length = std::uint16_t(transport.size());

    // The pseudo-header differs per family, but its sum is the same sum of the same fields.
    std::uint32_t sum = sumOf(s, sumOf(d)) + protocol + length;
    std::uint16_t check = fold(sumOf(transport, sum));
    if (protocol == kUdp && check == 0)
        check = 0xffff; // 0 means "no checksum" in UDP
    set16(transport, checksumAt, check);

    QByteArray out;
    out.reserve(14 + 40 + transport.size());
    // Locally administered MACs: which side is which shows in the IP addresses.
    out.append("\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
    if (src.is_ipv6()) {
        put16(out, 0x86dd);
        put32(out, 0x60000000);
        put16(out, length);
        out.append(char(protocol)).append(char(64));
        out.append(s).append(d);
    } else {
        put16(out, 0x0800);
        const qsizetype ip = out.size();
        out.append(char(0x45)).append(char(0));
        put16(out, std::uint16_t(20 + length));
        put16(out, 0);      // identification: unused by a datagram that is never fragmented
        put16(out, 0x4000); // don't fragment
        out.append(char(64)).append(char(protocol));
        put16(out, 0);
        out.append(s).append(d);
        set16(out, ip + 10, fold(sumOf(QByteArrayView(out).sliced(ip, 20))));
    }
    out.append(transport);
    return out;
}

} // namespace

std::size_t tcpMss(const Address &address) noexcept
{
    return kEthernetMtu - (address.is_ipv6() ? 40 : 20) - 20;
}

QByteArray tcpFrame(const Address &src, const Address &dst, std::uint32_t seq, std::uint32_t ack,
                    std::uint8_t flags, QByteArrayView payload)
{
    QByteArray tcp;
    tcp.reserve(20 + payload.size());
    put16(tcp, src.port());
    put16(tcp, dst.port());
    put32(tcp, seq);
    put32(tcp, (flags & TcpAck) ? ack : 0);
    tcp.append(char(5 << 4)).append(char(flags));
    put16(tcp, 0xffff); // window
    put16(tcp, 0);      // checksum, filled in by frame()
    put16(tcp, 0);      // urgent pointer
    tcp.append(payload);
    return frame(src, dst, kTcp, std::move(tcp), 16);
}

QByteArray udpFrame(const Address &src, const Address &dst, QByteArrayView payload)
{
    QByteArray udp;
    udp.reserve(8 + payload.size());
    put16(udp, src.port());
    put16(udp, dst.port());
    put16(udp, std::uint16_t(8 + payload.size()));
    put16(udp, 0);
    udp.append(payload);
    return frame(src, dst, kUdp, std::move(udp), 6);
}

} // namespace diesel::widgets
