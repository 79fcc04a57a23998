// SPDX-License-Identifier: MIT
#include "format.h"

#include <diesel/redis/args.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <type_traits>

namespace diesel::redis::detail {

namespace {
// Copies `n` bytes. Words are mostly short (names, keys, small values): up to 32 bytes they are
// copied by two overlapping fixed-size copies the compiler inlines, not by a call into libc.
void put_bytes(char *at, const char *from, std::size_t n) noexcept
{
    const auto twice = [&]<std::size_t width>(std::integral_constant<std::size_t, width>) {
        std::memcpy(at, from, width);
        std::memcpy(at + n - width, from + n - width, width);
    };
    if (n > 32)
        std::memcpy(at, from, n);
    else if (n >= 16)
        twice(std::integral_constant<std::size_t, 16>{});
    else if (n >= 8)
        twice(std::integral_constant<std::size_t, 8>{});
    else if (n >= 4)
        twice(std::integral_constant<std::size_t, 4>{});
    else if (n > 0) {
        at[0] = from[0];
        at[n / 2] = from[n / 2];
        at[n - 1] = from[n - 1];
    }
}
} // namespace

std::size_t put_command(std::string &room, std::size_t used, std::span<const std::string_view> args)
{
    // Room for the longest header each ("$", 20 digits, "\r\n"), not the exact size: counting
    // digits twice costs more than the bytes it would spare.
    constexpr std::size_t longest_header = 23;
    std::size_t most = longest_header * (args.size() + 1);
    for (const std::string_view arg : args)
        most += arg.size() + 2;
    if (room.size() - used < most)
        room.resize(std::max(used + most, 2 * room.size()));
    char *const begin = room.data() + used;
    char *at = begin;
    // "<type><n>\r\n", written here rather than in a function of its own: the compiler keeps
    // this loop free of calls.
    const auto header = [&at](char type, std::size_t n) {
        at[0] = type;
        if (n < 10) { // the usual case: a word count, a short word
            at[1] = static_cast<char>('0' + n);
            at += 2;
        } else if (n < 100) {
            at[1] = static_cast<char>('0' + n / 10);
            at[2] = static_cast<char>('0' + n % 10);
            at += 3;
        } else {
            at = std::to_chars(at + 1, at + 21, n).ptr;
        }
        at[0] = '\r';
        at[1] = '\n';
        at += 2;
    };
    header('*', args.size());
    for (const std::string_view arg : args) {
        header('$', arg.size());
        put_bytes(at, arg.data(), arg.size());
        at += arg.size();
        at[0] = '\r';
        at[1] = '\n';
        at += 2;
    }
    return used + static_cast<std::size_t>(at - begin);
}

void append_command(std::string &out, std::span<const std::string_view> args)
{
    out.resize(put_command(out, out.size(), args));
}

std::vector<std::string_view> command_words(std::string_view resp)
{
    // "*<n>\r\n", then per word "$<length>\r\n<bytes>\r\n": well formed, we wrote it.
    std::vector<std::string_view> words;
    std::size_t at = resp.find("\r\n") + 2;
    while (at < resp.size()) {
        const std::size_t eol = resp.find("\r\n", at);
        std::size_t length = 0;
        std::from_chars(resp.data() + at + 1, resp.data() + eol, length);
        words.push_back(resp.substr(eol + 2, length));
        at = eol + 2 + length + 2;
    }
    return words;
}

long long epoch_ms(std::chrono::system_clock::time_point t) noexcept
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string command_name(std::span<const std::string_view> args)
{
    std::string name;
    if (args.empty())
        return name;
    for (const char c : args.front())
        name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

} // namespace diesel::redis::detail
