// SPDX-License-Identifier: MIT
#include "field_text.h"

#include <diesel/http/headers.h>

#include <algorithm>

namespace diesel::http {

namespace {
char lower(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
} // namespace

std::string_view detail::trim_ows(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> Headers::get(std::string_view name) const noexcept
{
    for (const Field &f : m_fields) {
        if (iequals(f.name, name))
            return std::string_view(f.value);
    }
    return std::nullopt;
}

std::string_view Headers::value(std::string_view name, std::string_view fallback) const noexcept
{
    return get(name).value_or(fallback);
}

bool Headers::has_token(std::string_view name, std::string_view token) const noexcept
{
    for (const Field &f : m_fields) {
        if (!iequals(f.name, name))
            continue;
        std::string_view rest = f.value;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            if (iequals(detail::trim_ows(rest.substr(0, comma)), token))
                return true;
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
    }
    return false;
}

std::vector<std::string_view> Headers::all(std::string_view name) const
{
    std::vector<std::string_view> values;
    for (const Field &f : m_fields) {
        if (iequals(f.name, name))
            values.emplace_back(f.value);
    }
    return values;
}

void Headers::add(std::string name, std::string value)
{
    m_fields.push_back(Field{std::move(name), std::move(value)});
}

void Headers::set(std::string_view name, std::string value)
{
    remove(name);
    m_fields.push_back(Field{std::string(name), std::move(value)});
}

std::size_t Headers::remove(std::string_view name)
{
    return static_cast<std::size_t>(
        std::erase_if(m_fields, [&](const Field &f) { return iequals(f.name, name); }));
}

} // namespace diesel::http
