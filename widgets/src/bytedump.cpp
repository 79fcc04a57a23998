// SPDX-License-Identifier: MIT
#include <diesel/widgets/bytedump.h>

#include <QRegularExpression>

namespace diesel::widgets {

namespace {
constexpr char kDigits[] = "0123456789abcdef";

void appendHexByte(QString &out, std::uint8_t b)
{
    out += QLatin1Char(kDigits[b >> 4]);
    out += QLatin1Char(kDigits[b & 15]);
}
} // namespace

QString hexDump(QByteArrayView bytes, std::uint64_t offset)
{
    QString out;
    const qsizetype lines = (bytes.size() + kDumpWidth - 1) / kDumpWidth;
    out.reserve(lines * (8 + 2 + kDumpWidth * 3 + 2 + kDumpWidth + 3));
    for (qsizetype at = 0; at < bytes.size(); at += kDumpWidth) {
        const QByteArrayView line =
            bytes.sliced(at, std::min<qsizetype>(kDumpWidth, bytes.size() - at));
        out += QStringLiteral("%1  ").arg(offset + std::uint64_t(at), 8, 16, QLatin1Char('0'));
        for (int i = 0; i < kDumpWidth; ++i) {
            if (i < line.size()) {
                appendHexByte(out, std::uint8_t(line[i]));
                out += QLatin1Char(' ');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == kDumpWidth / 2 - 1)
                out += QLatin1Char(' ');
        }
        out += QStringLiteral(" |");
        for (char c : line)
            out += c >= 0x20 && c < 0x7f ? QLatin1Char(c) : QLatin1Char('.');
        out += QStringLiteral("|\n");
    }
    return out;
}

QString cArray(QByteArrayView bytes, const QString &name)
{
    QString out = QStringLiteral("static const unsigned char %1[] = { /* %2 bytes */")
                      .arg(name)
                      .arg(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out += i % 12 == 0 ? QStringLiteral("\n    ") : QStringLiteral(" ");
        out += QStringLiteral("0x");
        appendHexByte(out, std::uint8_t(bytes[i]));
        if (i + 1 < bytes.size())
            out += QLatin1Char(',');
    }
    out += QStringLiteral("\n};\n");
    return out;
}

std::optional<QByteArray> parseHex(const QString &text)
{
    QString digits = text;
    digits.replace(QStringLiteral("0x"), QString(), Qt::CaseInsensitive);
    digits.remove(QRegularExpression(QStringLiteral("[\\s,:]")));
    static const QRegularExpression hex(QStringLiteral("^([0-9a-fA-F]{2})+$"));
    if (!hex.match(digits).hasMatch())
        return std::nullopt;
    return QByteArray::fromHex(digits.toLatin1());
}

} // namespace diesel::widgets
