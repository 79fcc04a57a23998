// SPDX-License-Identifier: MIT
#include "format.h"

#include <diesel/redis/args.h>

#include <cctype>
#include <cstring>

namespace diesel::redis::detail {

namespace {
// Decimal digits of `n`.
std::size_t digits(std::size_t n) noexcept
{
    std::size_t count = 1;
    for (; n >= 100; n /= 100)
        count += 2;
    return count + (n >= 10 ? 1 : 0);
}

// Writes "<type><n>\r\n" at `at` (room for it was made); returns past it.
char *put_header(char *at, char type, std::size_t n) noexcept
{
    *at++ = type;
    if (n < 10)
        *at++ = static_cast<char>('0' + n); // the usual case: a word count, a short word
    else
        at = std::to_chars(at, at + 20, n).ptr;
    *at++ = '\r';
    *at++ = '\n';
    return at;
}
} // namespace

void append_command(std::string &out, std::span<const std::string_view> args)
{
    // Sized exactly, grown once, then written in place: a command costs no reallocation and
    // no per-piece append.
    std::size_t size = 3 + digits(args.size());
    for (const std::string_view arg : args)
        size += 5 + digits(arg.size()) + arg.size();
    const std::size_t start = out.size();
    out.resize(start + size);
    char *at = put_header(out.data() + start, '*', args.size());
    for (const std::string_view arg : args) {
        at = put_header(at, '$', arg.size());
        if (!arg.empty())
            std::memcpy(at, arg.data(), arg.size());
        at += arg.size();
        *at++ = '\r';
        *at++ = '\n';
    }
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
