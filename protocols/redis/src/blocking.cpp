// SPDX-License-Identifier: MIT
#include "blocking.h"
#include "format.h"

#include <charconv>
#include <chrono>

namespace diesel::redis::detail {

namespace {
// A timeout argument in `unit` seconds per count (1 for seconds, 0.001 for milliseconds); 0
// waits forever. An unreadable one adds nothing: the server refuses the command at once.
BlockingTime parse(std::string_view text, double unit)
{
    double value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !(value >= 0))
        return {};
    if (value == 0)
        return {Clock::duration{}, true};
    const std::chrono::duration<double> seconds(value * unit);
    if (seconds > std::chrono::hours(24 * 365))
        return {Clock::duration{}, true};
    return {std::chrono::duration_cast<Clock::duration>(seconds), false};
}

BlockingTime at(std::span<const std::string_view> args, std::size_t i, double unit)
{
    return i < args.size() ? parse(args[i], unit) : BlockingTime{};
}
} // namespace

BlockingTime blocking_time(std::span<const std::string_view> args)
{
    if (args.empty())
        return {};
    const std::string_view word = args.front();
    // Every blocking command starts with B, W or X: the rest (nearly every command) stop here.
    const char initial = word.empty() ? '\0' : static_cast<char>(word.front() & ~0x20);
    if (initial != 'B' && initial != 'W' && initial != 'X')
        return {};
    static constexpr std::string_view last_is_timeout[] = {"BLPOP",    "BRPOP",      "BZPOPMIN",
                                                           "BZPOPMAX", "BRPOPLPUSH", "BLMOVE"};
    for (const std::string_view name : last_is_timeout)
        if (is_word(word, name))
            return at(args, args.size() - 1, 1);
    if (is_word(word, "BLMPOP") || is_word(word, "BZMPOP"))
        return at(args, 1, 1);
    if (is_word(word, "WAIT"))
        return at(args, 2, 0.001);
    if (is_word(word, "WAITAOF"))
        return at(args, 3, 0.001);
    if (is_word(word, "XREAD") || is_word(word, "XREADGROUP")) {
        for (std::size_t i = 1; i + 1 < args.size(); ++i) {
            if (is_word(args[i], "STREAMS"))
                break;
            if (is_word(args[i], "BLOCK"))
                return at(args, i + 1, 0.001);
        }
    }
    return {};
}

} // namespace diesel::redis::detail
