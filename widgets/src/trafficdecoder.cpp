// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/trafficdecoder.h>

#include <algorithm>

namespace diesel::widgets {

BufferedDecoder::BufferedDecoder(QString protocol, qsizetype limit)
    : m_protocol(std::move(protocol))
    , m_limit(limit)
{}

BufferedDecoder::Parsed BufferedDecoder::invalid(QString reason)
{
    Parsed p;
    p.status = Parsed::Invalid;
    p.reason = std::move(reason);
    return p;
}

BufferedDecoder::Parsed BufferedDecoder::message(qint64 length, DecodedMessage m)
{
    Parsed p;
    p.status = Parsed::Message;
    p.length = length;
    p.message = std::move(m);
    return p;
}

QByteArray BufferedDecoder::remainder(Side side) const
{
    const Stream &s = m_streams[std::size_t(side)];
    return s.buffer.mid(s.used);
}

void BufferedDecoder::feed(Side side, QByteArrayView bytes, std::vector<DecodedMessage> &out)
{
    if (!m_failure.isEmpty())
        return;
    Stream &s = m_streams[std::size_t(side)];
    if (!m_handOver.isEmpty()) {
        // Kept for the next decoder, within the same bound.
        if (s.buffer.size() - s.used + bytes.size() <= m_limit)
            s.buffer.append(bytes);
        return;
    }
    if (s.toTheEnd)
        return;
    if (s.skip > 0) {
        const auto take = qsizetype(std::min<std::uint64_t>(s.skip, std::uint64_t(bytes.size())));
        skipped(s, std::uint64_t(take), out);
        bytes = bytes.sliced(take);
    }
    if (bytes.isEmpty())
        return;
    // The decoded front goes once per feed, not once per message: pipelined messages stay linear.
    if (s.used > 0) {
        s.buffer.remove(0, s.used);
        s.used = 0;
    }
    s.buffer.append(bytes);
    decode(side, s, out);
}

void BufferedDecoder::skipped(Stream &s, std::uint64_t n, std::vector<DecodedMessage> &out)
{
    s.skip -= n;
    s.position += n;
    if (s.skip == 0 && s.pending) {
        out.push_back(std::move(*s.pending));
        s.pending.reset();
    }
}

bool BufferedDecoder::skipGap(Side side, std::uint64_t n, std::vector<DecodedMessage> &out)
{
    Stream &s = m_streams[std::size_t(side)];
    if (!m_failure.isEmpty() || !m_handOver.isEmpty())
        return false;
    if (s.toTheEnd)
        return true;
    if (s.skip < n)
        return false;
    skipped(s, n, out);
    return true;
}

void BufferedDecoder::decode(Side side, Stream &s, std::vector<DecodedMessage> &out)
{
    while (s.used < s.buffer.size() && m_handOver.isEmpty()) {
        const QByteArrayView rest = QByteArrayView(s.buffer).sliced(s.used);
        Parsed p = parse(side, rest);
        if (p.status == Parsed::NeedMore) {
            if (rest.size() > m_limit)
                m_failure = QStringLiteral("%1: a message longer than %2 has not ended; decoding "
                                           "stopped")
                                .arg(m_protocol, humanBytes(std::uint64_t(m_limit)));
            return;
        }
        if (p.status == Parsed::Invalid || p.length == 0) {
            m_failure = QStringLiteral("not %1: %2").arg(m_protocol, p.reason);
            s.buffer.clear();
            s.used = 0;
            return;
        }
        DecodedMessage &m = p.message;
        m.side = side;
        m.begin = s.position;
        if (p.length < 0) {
            // The rest of the stream is this message's (an HTTP body that ends with the
            // connection): reported now, the bytes that follow are not looked at.
            m.end = m.begin;
            s.toTheEnd = true;
            s.buffer.clear();
            s.used = 0;
            out.push_back(std::move(m));
            return;
        }
        m.end = m.begin + std::uint64_t(p.length);
        const qsizetype have = std::min<qsizetype>(rest.size(), qsizetype(p.length));
        s.used += have;
        s.position += std::uint64_t(have);
        m_handOver = p.switchTo;
        if (have < p.length) {
            s.skip = std::uint64_t(p.length) - std::uint64_t(have);
            s.pending = std::move(m);
            return;
        }
        out.push_back(std::move(m));
    }
    if (s.used == s.buffer.size()) {
        s.buffer.clear();
        s.used = 0;
    }
}

} // namespace diesel::widgets
