// SPDX-License-Identifier: MIT
// Bytes as people read and paste them: a hex dump (offset, hex, ASCII), a C array, and hex typed
// into a search box.
#pragma once

#include <diesel/widgets/export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>

namespace diesel::widgets {

/// Bytes per hex dump line.
constexpr int kDumpWidth = 16;

/// One line per 16 bytes, as `hexdump -C` prints them:
/// "00000010  68 65 6c 6c 6f 0d 0a 62  79 65 0d 0a              |hello..bye..|\n";
/// offsets count from `offset`.
DIESEL_WIDGETS_EXPORT QString hexDump(QByteArrayView bytes, std::uint64_t offset = 0);
/// "static const unsigned char name[] = { /* N bytes */\n    0x68, 0x65, ...\n};\n".
DIESEL_WIDGETS_EXPORT QString cArray(QByteArrayView bytes, const QString &name);
/// Hex typed by a person ("68 65 6c", "68656c", "0x68,0x65") as bytes; nullopt if it is not hex
/// or has an odd number of digits.
DIESEL_WIDGETS_EXPORT std::optional<QByteArray> parseHex(const QString &text);

} // namespace diesel::widgets
