// SPDX-License-Identifier: MIT
// WebSocket frames (RFC 6455): FIN, opcode, mask, length, a preview of the (unmasked) payload and
// a close frame's code. Payloads are skipped as they arrive, never buffered.
#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/format.h>

#include <algorithm>

namespace diesel::widgets {

namespace {

constexpr qsizetype kPreview = 125;

QString opcodeName(int opcode)
{
    switch (opcode) {
    case 0x0:
        return QStringLiteral("continuation");
    case 0x1:
        return QStringLiteral("text");
    case 0x2:
        return QStringLiteral("binary");
    case 0x8:
        return QStringLiteral("close");
    case 0x9:
        return QStringLiteral("ping");
    case 0xA:
        return QStringLiteral("pong");
    default:
        return {};
    }
}

QString closeMeaning(int code)
{
    switch (code) {
    case 1000:
        return QStringLiteral("normal closure");
    case 1001:
        return QStringLiteral("going away");
    case 1002:
        return QStringLiteral("protocol error");
    case 1003:
        return QStringLiteral("unsupported data");
    case 1007:
        return QStringLiteral("invalid payload");
    case 1008:
        return QStringLiteral("policy violation");
    case 1009:
        return QStringLiteral("message too big");
    case 1010:
        return QStringLiteral("extension required");
    case 1011:
        return QStringLiteral("internal error");
    default:
        return {};
    }
}

class WebSocketDecoder final : public BufferedDecoder
{
public:
    WebSocketDecoder()
        : BufferedDecoder(QStringLiteral("WebSocket"))
    {}

protected:
    Parsed parse(Side side, QByteArrayView bytes) override
    {
        if (bytes.size() < 2)
            return needMore();
        const auto b0 = std::uint8_t(bytes[0]);
        const auto b1 = std::uint8_t(bytes[1]);
        const bool fin = b0 & 0x80;
        const int opcode = b0 & 0x0f;
        const bool masked = b1 & 0x80;
        const int len7 = b1 & 0x7f;
        const QString name = opcodeName(opcode);
        if (name.isEmpty())
            return invalid(QStringLiteral("opcode %1 is reserved").arg(opcode));
        if (opcode >= 0x8 && (!fin || len7 > 125))
            return invalid(QStringLiteral("a fragmented or long control frame"));
        const qsizetype header = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (bytes.size() < header)
            return needMore();
        std::uint64_t length = std::uint64_t(len7);
        if (len7 >= 126) {
            length = 0;
            for (int i = 0; i < (len7 == 126 ? 2 : 8); ++i)
                length = (length << 8) | std::uint8_t(bytes[2 + i]);
            if (length >> 62)
                return invalid(QStringLiteral("a payload length with its top bits set"));
        }
        QByteArray payload =
            bytes.sliced(header)
                .first(std::min<qsizetype>(bytes.size() - header,
                                           qsizetype(std::min<std::uint64_t>(length, kPreview))))
                .toByteArray();
        if (masked)
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = char(payload[i] ^ bytes[header - 4 + (i % 4)]);
        // The preview (all of a control frame) is buffered; the rest is skipped as it arrives.
        if (qsizetype(std::min<std::uint64_t>(length, kPreview)) > payload.size())
            return needMore();

        DecodedMessage m;
        m.role = MessageRole::Other;
        m.summary = name;
        if (opcode == 0x8) {
            if (payload.size() >= 2) {
                const int code = (std::uint8_t(payload[0]) << 8) | std::uint8_t(payload[1]);
                const QString meaning = closeMeaning(code);
                m.summary += QStringLiteral(" %1").arg(code);
                if (!meaning.isEmpty())
                    m.summary += QStringLiteral(" (%1)").arg(meaning);
                if (payload.size() > 2)
                    m.summary += QStringLiteral(" \"%1\"").arg(escapedText(payload.sliced(2), 60));
                m.error = code != 1000 && code != 1001;
            }
        } else if (opcode == 0x1 || (opcode == 0x0 && !payload.isEmpty())) {
            m.summary += QStringLiteral(" \"%1\"").arg(escapedText(payload, 60));
        } else if (!payload.isEmpty()) {
            m.summary += QLatin1Char(' ') + hexText(payload, 16);
        }
        if (length > 0 && opcode != 0x8)
            m.summary += QStringLiteral(" (%1)").arg(humanBytes(length));
        if (!fin)
            m.summary += QStringLiteral(", more fragments follow");
        m.detail = QStringLiteral("FIN %1, opcode %2 (%3), %4, payload %5 bytes")
                       .arg(fin ? 1 : 0)
                       .arg(opcode)
                       .arg(name, masked ? QStringLiteral("masked") : QStringLiteral("not masked"))
                       .arg(length);
        if (masked != (side == Side::Client))
            m.detail += side == Side::Client
                            ? QStringLiteral("\n(a client's frames must be masked)")
                            : QStringLiteral("\n(a server's frames must not be "
                                             "masked)");
        if (!payload.isEmpty())
            m.detail += QStringLiteral("\n\n") +
                        (opcode == 0x2 ? hexText(payload, int(kPreview)) : escapedText(payload));
        return message(qint64(header) + qint64(length), std::move(m));
    }
};

int sniff(Side, QByteArrayView)
{
    // Frames have no signature worth trusting: WebSocket is reached by an HTTP Upgrade or chosen.
    return 0;
}

} // namespace

DecoderFactory websocketDecoderFactory()
{
    return DecoderFactory{
        QStringLiteral("websocket"), QStringLiteral("WebSocket frames"), {}, sniff, [] {
            return std::make_unique<WebSocketDecoder>();
        }};
}

} // namespace diesel::widgets
