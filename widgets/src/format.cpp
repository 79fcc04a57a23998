// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <QTime>

#include <array>
#include <cmath>

namespace diesel::widgets {

namespace {

QString scaled(double value, const char *const *units, int count, double step)
{
    int unit = 0;
    while (std::fabs(value) >= step && unit + 1 < count) {
        value /= step;
        ++unit;
    }
    const int decimals = unit == 0 ? 0 : (std::fabs(value) < 10 ? 1 : 0);
    return QString::number(value, 'f', decimals) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

// The offset between the runtime's steady clock and the wall clock, taken once.
const std::chrono::system_clock::duration &steadyToWall()
{
    static const auto offset = std::chrono::system_clock::now().time_since_epoch() -
                               std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                   Clock::now().time_since_epoch());
    return offset;
}

} // namespace

QString humanBytes(std::uint64_t bytes)
{
    static constexpr std::array<const char *, 5> units{"B", "KB", "MB", "GB", "TB"};
    return scaled(static_cast<double>(bytes), units.data(), int(units.size()), 1000.0);
}

QString humanRate(double bytesPerSecond)
{
    static constexpr std::array<const char *, 5> units{"B/s", "KB/s", "MB/s", "GB/s", "TB/s"};
    return scaled(bytesPerSecond, units.data(), int(units.size()), 1000.0);
}

QString humanDuration(std::chrono::nanoseconds duration)
{
    const double ns = static_cast<double>(duration.count());
    const double abs = std::fabs(ns);
    auto fixed = [](double v, const char *unit) {
        const int decimals = std::fabs(v) < 10 ? 1 : 0;
        return QString::number(v, 'f', decimals) + QLatin1Char(' ') + QString::fromUtf8(unit);
    };
    if (abs < 1e3)
        return QString::number(duration.count()) + QStringLiteral(" ns");
    if (abs < 1e6)
        return fixed(ns / 1e3, "µs");
    if (abs < 1e9)
        return fixed(ns / 1e6, "ms");
    if (abs < 60e9)
        return QString::number(ns / 1e9, 'f', abs < 10e9 ? 2 : 1) + QStringLiteral(" s");
    const auto seconds = static_cast<long long>(ns / 1e9);
    if (seconds < 3600)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString humanSeconds(double seconds)
{
    return humanDuration(std::chrono::nanoseconds(static_cast<long long>(seconds * 1e9)));
}

QString exactNumber(std::uint64_t value)
{
    QLocale locale(QLocale::English);
    return locale.toString(static_cast<qulonglong>(value));
}

QString escapedText(QByteArrayView bytes, int maxChars)
{
    QString out;
    out.reserve(std::min<qsizetype>(bytes.size(), maxChars) + 8);
    static const char hex[] = "0123456789abcdef";
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (out.size() >= maxChars) {
            out += QChar(0x2026);
            break;
        }
        const auto c = static_cast<unsigned char>(bytes[i]);
        switch (c) {
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                out += QLatin1Char(static_cast<char>(c));
            } else {
                out += QLatin1String("\\x");
                out += QLatin1Char(hex[c >> 4]);
                out += QLatin1Char(hex[c & 0xf]);
            }
        }
    }
    return out;
}

QString hexText(QByteArrayView bytes, int maxBytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), maxBytes);
    QString out = QString::fromLatin1(QByteArray(bytes.data(), n).toHex(' '));
    if (n < bytes.size())
        out += QStringLiteral(" ") + QChar(0x2026);
    return out;
}

bool parseHex(const QString &text, QByteArray *out)
{
    QString digits;
    digits.reserve(text.size());
    const QStringList words =
        text.split(QRegularExpression(QStringLiteral("[\\s,:]+")), Qt::SkipEmptyParts);
    for (QString word : words) {
        if (word.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
            word = word.mid(2);
        if (word.size() % 2 != 0)
            return false;
        digits += word;
    }
    for (const QChar c : std::as_const(digits))
        if (!c.isDigit() && !(c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')))
            return false;
    *out = QByteArray::fromHex(digits.toLatin1());
    return true;
}

qint64 wallMilliseconds(Clock::time_point at)
{
    const auto wall =
        std::chrono::duration_cast<std::chrono::system_clock::duration>(at.time_since_epoch()) +
        steadyToWall();
    return std::chrono::duration_cast<std::chrono::milliseconds>(wall).count();
}

QString clockText(Clock::time_point at, bool micro)
{
    const auto wall =
        std::chrono::duration_cast<std::chrono::system_clock::duration>(at.time_since_epoch()) +
        steadyToWall();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(wall).count();
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(us / 1000);
    QString text = time.toString(QStringLiteral("HH:mm:ss.zzz"));
    if (micro)
        text += QStringLiteral("%1").arg(us % 1000, 3, 10, QLatin1Char('0'));
    return text;
}

} // namespace diesel::widgets
