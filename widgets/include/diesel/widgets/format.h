// SPDX-License-Identifier: MIT
// Numbers and bytes as people read them: humanised values for labels, exact ones for tooltips.
#pragma once

#include <diesel/core/types.h>
#include <diesel/widgets/export.h>

#include <QByteArrayView>
#include <QString>

#include <chrono>
#include <cstdint>

namespace diesel::widgets {

/// "512 B", "1.2 KB", "3.4 MB" (powers of 1000, as network rates are quoted).
DIESEL_WIDGETS_EXPORT QString humanBytes(std::uint64_t bytes);
/// "1.2 MB/s".
DIESEL_WIDGETS_EXPORT QString humanRate(double bytesPerSecond);
/// "850 µs", "3.4 ms", "1.25 s", "2 min 5 s", "3 h 2 min".
DIESEL_WIDGETS_EXPORT QString humanDuration(std::chrono::nanoseconds duration);
/// humanDuration() of seconds.
DIESEL_WIDGETS_EXPORT QString humanSeconds(double seconds);
/// An exact count with thousands separators: "1,234,567".
DIESEL_WIDGETS_EXPORT QString exactNumber(std::uint64_t value);
/// Bytes as readable text: printable ASCII as is, "\r", "\n", "\t" and "\xNN" for the rest.
/// Stops after `maxChars` characters of output and appends "…".
DIESEL_WIDGETS_EXPORT QString escapedText(QByteArrayView bytes, int maxChars = 400);
/// Bytes as hex pairs separated by spaces ("48 65 6c"), at most `maxBytes` of them, then "…".
DIESEL_WIDGETS_EXPORT QString hexText(QByteArrayView bytes, int maxBytes = 200);
/// Parses hex pairs ("48 65 6c", "48656c", "0x48 0x65") into bytes; false on malformed input.
DIESEL_WIDGETS_EXPORT bool parseHex(const QString &text, QByteArray *out);
/// The wall-clock time of a runtime timestamp, "12:01:02.345" (with `micro`: "12:01:02.345678").
DIESEL_WIDGETS_EXPORT QString clockText(Clock::time_point at, bool micro = false);
/// Milliseconds since the epoch of a runtime timestamp.
DIESEL_WIDGETS_EXPORT qint64 wallMilliseconds(Clock::time_point at);

} // namespace diesel::widgets
