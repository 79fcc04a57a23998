// SPDX-License-Identifier: MIT
#include "format.h"

#include <diesel/redis/args.h>

#include <cctype>

namespace diesel::redis::detail {

namespace {
void append_header(std::string &out, char type, std::size_t n)
{
    char buf[24];
    buf[0] = type;
    const auto r = std::to_chars(buf + 1, buf + sizeof buf - 2, n);
    char *end = r.ptr;
    *end++ = '\r';
    *end++ = '\n';
    out.append(buf, static_cast<std::size_t>(end - buf));
}
} // namespace

void append_command(std::string &out, std::span<const std::string_view> args)
{
    std::size_t size = 16;
    for (const std::string_view arg : args)
        size += arg.size() + 16;
    out.reserve(out.size() + size);
    append_header(out, '*', args.size());
    for (const std::string_view arg : args) {
        append_header(out, '$', arg.size());
        out.append(arg);
        out.append("\r\n", 2);
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
