// SPDX-License-Identifier: MIT
#include <diesel/http/app.h>

#include <charconv>

namespace diesel::http {

std::optional<std::string_view> Params::get(std::string_view name) const noexcept
{
    for (const auto &[key, value] : m_values) {
        if (key == name)
            return std::string_view(value);
    }
    return std::nullopt;
}

std::string_view Params::text(std::string_view name) const
{
    if (auto value = get(name))
        return *value;
    throw HttpError(500, "the route has no parameter '" + std::string(name) + "'");
}

std::int64_t Params::integer(std::string_view name) const
{
    const std::string_view s = text(name);
    std::int64_t value = 0;
    const char *begin = s.data() + (!s.empty() && s.front() == '+' ? 1 : 0);
    const auto r = std::from_chars(begin, s.data() + s.size(), value);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        throw HttpError(400, "'" + std::string(name) + "' is not an integer");
    return value;
}

double Params::number(std::string_view name) const
{
    const std::string_view s = text(name);
    double value = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        throw HttpError(400, "'" + std::string(name) + "' is not a number");
    return value;
}

void Params::add(std::string name, std::string value)
{
    m_values.emplace_back(std::move(name), std::move(value));
}

} // namespace diesel::http
