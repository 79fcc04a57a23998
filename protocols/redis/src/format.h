// SPDX-License-Identifier: MIT
// Turning arguments into RESP: numbers as text, argument lists with owned temporaries, and the
// RESP array encoding of a command.
#pragma once

#include <diesel/redis/args.h>

#include <charconv>
#include <chrono>
#include <concepts>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace diesel::redis::detail {

// A number written as text in a small inline buffer (no allocation).
class Num
{
public:
    template<class T>
    requires std::is_arithmetic_v<T>
    explicit Num(T value) noexcept
    {
        const auto r = std::to_chars(m_buf, m_buf + sizeof m_buf, value);
        m_len = static_cast<std::size_t>(r.ptr - m_buf);
    }
    std::string_view view() const noexcept { return {m_buf, m_len}; }
    operator std::string_view() const noexcept { return view(); }

private:
    char m_buf[40];
    std::size_t m_len = 0;
};

// The words of a command whose length depends on its arguments. Numbers added are kept alive
// here; strings are referred to, so the caller's strings must outlive the command.
class Command
{
public:
    explicit Command(std::string_view name) { m_args.push_back(name); }
    Command &add(std::string_view word)
    {
        m_args.push_back(word);
        return *this;
    }
    Command &add(const std::string &word) { return add(std::string_view(word)); }
    Command &add(const char *word) { return add(std::string_view(word)); }
    // A number is copied into the command, so a temporary Num may be passed.
    Command &add(const Num &number)
    {
        m_owned.emplace_back(number.view());
        m_args.push_back(m_owned.back());
        return *this;
    }
    template<class T>
    requires std::is_arithmetic_v<T> &&(!std::same_as<T, bool>)Command &add(T number)
    {
        return add(Num(number));
    }
    Command &add(const Args &args)
    {
        m_args.insert(m_args.end(), args.begin(), args.end());
        return *this;
    }
    Command &add(const Pairs &pairs)
    {
        for (const auto &[first, second] : pairs) {
            m_args.push_back(first);
            m_args.push_back(second);
        }
        return *this;
    }
    // Adds `word` only when `condition` holds.
    Command &flag(bool condition, std::string_view word)
    {
        if (condition)
            m_args.push_back(word);
        return *this;
    }
    std::span<const std::string_view> span() const noexcept { return m_args; }

private:
    std::vector<std::string_view> m_args;
    std::deque<std::string> m_owned; // stable addresses for the views in m_args
};

// Appends `args` to `out` as a RESP array of bulk strings (binary-safe).
void append_command(std::string &out, std::span<const std::string_view> args);

// append_command() for a buffer reused command after command: `room`'s size is room, not
// content. Writes `args` at room[used, ...), growing `room` (keeping its first `used` bytes) only
// when the command does not fit; returns the new used length. Neither clearing nor growing the
// string's size per command: those are calls into libstdc++ that fill the bytes first.
std::size_t put_command(std::string &room, std::size_t used,
                        std::span<const std::string_view> args);

// The words of one command that append_command() wrote (`resp` holds exactly that command).
std::vector<std::string_view> command_words(std::string_view resp);

// Milliseconds since the epoch of a system_clock time (for PXAT, PEXPIREAT).
long long epoch_ms(std::chrono::system_clock::time_point t) noexcept;

// The first word of a command, upper-cased, for messages ("GET", "CONFIG GET").
std::string command_name(std::span<const std::string_view> args);

// Whether `word` equals the upper-case `upper`, ignoring ASCII case (the case of Redis's words;
// not std::toupper, whose answer depends on the locale). Inline: every command asks it.
inline bool is_word(std::string_view word, std::string_view upper) noexcept
{
    if (word.size() != upper.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char u = upper[i];
        // Equal as they are (the usual case: callers write names in upper case), or `word` has
        // the lower-case form of a letter.
        if (word[i] != u && (word[i] != (u | 0x20) || u < 'A' || u > 'Z'))
            return false;
    }
    return true;
}

} // namespace diesel::redis::detail
