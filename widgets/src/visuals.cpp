// SPDX-License-Identifier: MIT
#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/visuals.h>

#include <array>

namespace diesel::widgets {

VisualState classify(LoopState state, WaitKind kind, std::string_view waitsOn, bool ended,
                     std::string_view endError)
{
    if (ended)
        return describeEnd(endError).normal ? VisualState::Closed : VisualState::Dead;
    if (state == LoopState::Dead)
        return VisualState::Dead;
    switch (state) {
    case LoopState::Running:
        return VisualState::Running;
    case LoopState::Ready:
        return VisualState::Ready;
    case LoopState::Dead:
        return VisualState::Dead;
    case LoopState::Waiting:
        break;
    }
    switch (kind) {
    case WaitKind::Read:
    case WaitKind::Write:
        return VisualState::WaitingIo;
    case WaitKind::Timer:
        return VisualState::Sleeping;
    case WaitKind::First:
        if (waitsOn.find("read") != std::string_view::npos ||
            waitsOn.find("write") != std::string_view::npos)
            return VisualState::WaitingIo;
        if (waitsOn.find("timer") != std::string_view::npos &&
            waitsOn.find(',') == std::string_view::npos)
            return VisualState::Sleeping;
        return VisualState::WaitingSync;
    default:
        return VisualState::WaitingSync;
    }
}

EndReason describeEnd(std::string_view error)
{
    const auto text = [](std::string_view s) {
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    };
    const auto strip = [&error](std::string_view prefix) {
        if (!error.starts_with(prefix))
            return false;
        error.remove_prefix(prefix.size());
        return true;
    };
    if (error.empty() || error.starts_with("returned"))
        return {true, QStringLiteral("returned")};
    if (error == "cancelled: the service stopped")
        return {true, QStringLiteral("stopped with its service")};
    // The peer closing and a cancel (Stop, Kill) are how connections and Loops end every day.
    if (error.starts_with("cancelled: ") || strip("diesel::ConnectionClosed: "))
        return {true, text(error)};
    strip("diesel::");
    return {false, text(error)};
}

QColor stateColor(VisualState state)
{
    // Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
    switch (state) {
    case VisualState::Running:
        return QColor(0x00, 0x9e, 0x73); // bluish green
    case VisualState::Ready:
        return QColor(0xe6, 0x9f, 0x00); // orange
    case VisualState::WaitingIo:
        return QColor(0x00, 0x72, 0xb2); // blue
    case VisualState::Sleeping:
        return QColor(0x56, 0xb4, 0xe9); // sky blue
    case VisualState::WaitingSync:
        return QColor(0xcc, 0x79, 0xa7); // reddish purple
    case VisualState::Dead:
        return QColor(0xd5, 0x5e, 0x00); // vermillion
    case VisualState::Closed:
        return QColor(0x90, 0x90, 0x90); // grey: over, nothing wrong
    }
    return Qt::gray;
}

QString stateWord(VisualState state)
{
    switch (state) {
    case VisualState::Running:
        return QStringLiteral("running");
    case VisualState::Ready:
        return QStringLiteral("ready");
    case VisualState::WaitingIo:
        return QStringLiteral("waiting on I/O");
    case VisualState::Sleeping:
        return QStringLiteral("sleeping");
    case VisualState::WaitingSync:
        return QStringLiteral("waiting");
    case VisualState::Dead:
        return QStringLiteral("dead");
    case VisualState::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

QIcon stateIcon(VisualState state)
{
    static const std::array<QIcon, kVisualStateCount> icons = [] {
        std::array<QIcon, kVisualStateCount> made;
        const Glyph glyphs[kVisualStateCount] = {Glyph::Play,  Glyph::Dot,   Glyph::Arrows,
                                                 Glyph::Clock, Glyph::Pause, Glyph::Cross,
                                                 Glyph::Square};
        for (int i = 0; i < kVisualStateCount; ++i)
            made[std::size_t(i)] = glyphIcon(stateColor(VisualState(i)), glyphs[i]);
        return made;
    }();
    return icons[static_cast<std::size_t>(state)];
}

int stateRank(VisualState state)
{
    return static_cast<int>(state);
}

QColor directionColor(Direction direction)
{
    return direction == Direction::In ? QColor(0x1b, 0x9e, 0x77) : QColor(0x7b, 0x52, 0xc4);
}

QString directionWord(Direction direction)
{
    return direction == Direction::In ? QStringLiteral("in") : QStringLiteral("out");
}

QString directionArrow(Direction direction)
{
    return direction == Direction::In ? QString(QChar(0x2190)) : QString(QChar(0x2192));
}

QColor wakeColor(WaitKind cause)
{
    switch (cause) {
    case WaitKind::Read:
    case WaitKind::Write:
        return QColor(0x00, 0x72, 0xb2);
    case WaitKind::Timer:
        return QColor(0x56, 0xb4, 0xe9);
    case WaitKind::Fire:
        return QColor(0xf0, 0xe4, 0x42).darker(115);
    case WaitKind::Queue:
        return QColor(0xcc, 0x79, 0xa7);
    case WaitKind::Event:
        return QColor(0xd5, 0x5e, 0x00);
    case WaitKind::Lock:
    case WaitKind::Pool:
        return QColor(0xe6, 0x9f, 0x00);
    case WaitKind::Join:
    case WaitKind::Thread:
        return QColor(0x00, 0x9e, 0x73);
    case WaitKind::None:
        return QColor(0x80, 0x80, 0x80);
    default:
        return QColor(0x55, 0x55, 0x55);
    }
}

QChar wakeLetter(WaitKind cause)
{
    // Causes that share a colour get different letters.
    static constexpr char letters[] = {'Y', 'R', 'W', 'T', 'F', 'Q', 'E',
                                       'L', 'P', 'S', 'H', 'J', 'A', 'O'};
    const auto i = std::size_t(cause);
    return QLatin1Char(i < sizeof letters ? letters[i] : '?');
}

QString wakeWord(WaitKind cause)
{
    switch (cause) {
    case WaitKind::Read:
        return QStringLiteral("fd (readable)");
    case WaitKind::Write:
        return QStringLiteral("fd (writable)");
    case WaitKind::None:
        return QStringLiteral("start or yield");
    default:
        return QString::fromUtf8(to_string(cause).data(), qsizetype(to_string(cause).size()));
    }
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    auto mix = [t](double x, double y) { return x + (y - x) * t; };
    return QColor::fromRgbF(float(mix(a.redF(), b.redF())), float(mix(a.greenF(), b.greenF())),
                            float(mix(a.blueF(), b.blueF())), float(mix(a.alphaF(), b.alphaF())));
}

} // namespace diesel::widgets
