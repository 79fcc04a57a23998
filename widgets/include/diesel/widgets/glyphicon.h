// SPDX-License-Identifier: MIT
// Small vector icons drawn with QPainter at whatever size and device pixel ratio they are shown:
// a coloured disc with a white glyph. They stay crisp on high-DPI screens and need no files.
#pragma once

#include <diesel/widgets/export.h>

#include <QColor>
#include <QIcon>

namespace diesel::widgets {

/// The glyph drawn on an icon's disc.
enum class Glyph {
    Play,   ///< ▶ running
    Dot,    ///< ● ready
    Arrows, ///< ⇅ waiting on I/O
    Clock,  ///< a clock face: sleeping on a timer
    Pause,  ///< ❚❚ waiting on a queue, an event, a lock
    Cross,  ///< ✕ dead, ended by an error
    Square, ///< ■ stopped
    Bang,   ///< ! error
    Plug,   ///< a connection
    Server, ///< a service
    Client, ///< a client
    Queue,  ///< a queue
};

/// An icon showing `glyph` in white on a disc of `color` (grey when disabled).
DIESEL_WIDGETS_EXPORT QIcon glyphIcon(const QColor &color, Glyph glyph);

} // namespace diesel::widgets
