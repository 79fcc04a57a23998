// SPDX-License-Identifier: MIT
// The workbench's visual language: one colour, one word and one icon per Loop state, one colour
// per traffic direction and per wake cause. Every view uses these, so a colour means the same
// thing everywhere, and colour is never the only signal.
#pragma once

#include <diesel/core/types.h>
#include <diesel/widgets/export.h>

#include <QColor>
#include <QIcon>
#include <QString>

#include <cstdint>
#include <string_view>

namespace diesel::widgets {

/// The states a person distinguishes, finer than LoopState: what a Loop waits for matters.
enum class VisualState : std::uint8_t {
    Running,     ///< executing now
    Ready,       ///< scheduled to run
    WaitingIo,   ///< waiting for a socket (read, write, or a first() on one)
    Sleeping,    ///< waiting for a timer only
    WaitingSync, ///< waiting on a queue, an event, a fire, a lock, a pool, a thread, a signal
    Dead,        ///< ended by an error (or just now)
    Closed,      ///< ended normally: its peer closed, its Service stopped, it was cancelled
};
inline constexpr int kVisualStateCount = 7;

/// Classifies a Loop. `waitsOn` (LoopInfo::waits_on) refines first(): a first() with a socket
/// branch is I/O, one with only timers is sleeping.
/// `ended` Loops are Closed when `endError` is a normal end (see describeEnd()), else Dead.
DIESEL_WIDGETS_EXPORT VisualState classify(LoopState state, WaitKind kind, std::string_view waitsOn,
                                           bool ended = false, std::string_view endError = {});

/// How a Loop's end reads to a person. The runtime's text ("diesel::ConnectionClosed: closed by
/// the peer", "cancelled: the service stopped") becomes `words` ("closed by the peer", "stopped
/// with its service"); errors are not `normal` and keep their type, without its namespace.
struct DIESEL_WIDGETS_EXPORT EndReason
{
    bool normal = false;
    QString words;
};
DIESEL_WIDGETS_EXPORT EndReason describeEnd(std::string_view error);

/// The state's colour (chosen from a colour-blind-safe palette, readable on light and dark).
DIESEL_WIDGETS_EXPORT QColor stateColor(VisualState state);
/// A short word or phrase: "running", "ready", "waiting on I/O", "sleeping", "waiting", "dead",
/// "closed".
DIESEL_WIDGETS_EXPORT QString stateWord(VisualState state);
/// The state's icon: its colour and a glyph of its own.
DIESEL_WIDGETS_EXPORT QIcon stateIcon(VisualState state);
/// Rank used when sorting by state (running first, dead last).
DIESEL_WIDGETS_EXPORT int stateRank(VisualState state);

/// The colour of bytes going `direction`, the same in every view.
DIESEL_WIDGETS_EXPORT QColor directionColor(Direction direction);
/// "in" or "out".
DIESEL_WIDGETS_EXPORT QString directionWord(Direction direction);
/// "←" for in, "→" for out.
DIESEL_WIDGETS_EXPORT QString directionArrow(Direction direction);

/// The colour that marks what woke a Loop (fd, timer, fire, queue, event, ...).
DIESEL_WIDGETS_EXPORT QColor wakeColor(WaitKind cause);
/// A short word for a wake cause: "fd", "timer", "fire", "queue", "event", "start", ...
DIESEL_WIDGETS_EXPORT QString wakeWord(WaitKind cause);
/// One letter for a wake cause (R read, W write, T timer, F fire, Q queue, E event, ...), drawn
/// on the bars so that a cause never rests on colour alone.
DIESEL_WIDGETS_EXPORT QChar wakeLetter(WaitKind cause);

/// A colour blended between `a` and `b` (t = 0: a, t = 1: b).
DIESEL_WIDGETS_EXPORT QColor blend(const QColor &a, const QColor &b, double t);

} // namespace diesel::widgets
