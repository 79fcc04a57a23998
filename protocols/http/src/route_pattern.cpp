// SPDX-License-Identifier: MIT
#include "route_pattern.h"

#include <charconv>
#include <stdexcept>

namespace diesel::http::detail {

namespace {
bool is_integer(std::string_view s) noexcept
{
    std::int64_t value = 0;
    const char *begin = s.data() + (!s.empty() && s.front() == '+' ? 1 : 0);
    const auto r = std::from_chars(begin, s.data() + s.size(), value);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool is_number(std::string_view s) noexcept
{
    double value = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), value);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}
} // namespace

RoutePattern::RoutePattern(std::string_view pattern)
{
    const std::string whole(pattern);
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("route pattern must start with '/': " + whole);
    std::string_view rest = pattern.substr(1);
    for (bool more = true; more;) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        more = slash != std::string_view::npos;
        rest = more ? rest.substr(slash + 1) : std::string_view();
        if (!m_segments.empty() && m_segments.back().kind == Kind::Path)
            throw std::invalid_argument("<path:...> must be the last segment: " + whole);
        if (segment.empty() || segment.front() != '<') {
            if (segment.find_first_of("<>") != std::string_view::npos)
                throw std::invalid_argument("a parameter must be a whole segment: " + whole);
            m_segments.push_back({Kind::Literal, std::string(segment)});
            continue;
        }
        if (segment.back() != '>' || segment.size() < 3)
            throw std::invalid_argument("unclosed '<' in route pattern: " + whole);
        const std::string_view inner = segment.substr(1, segment.size() - 2);
        const auto colon = inner.find(':');
        const std::string_view converter =
            colon == std::string_view::npos ? "" : inner.substr(0, colon);
        const std::string_view name =
            colon == std::string_view::npos ? inner : inner.substr(colon + 1);
        Kind kind = Kind::Text;
        if (converter == "int")
            kind = Kind::Int;
        else if (converter == "float")
            kind = Kind::Float;
        else if (converter == "path")
            kind = Kind::Path;
        else if (!converter.empty() && converter != "string")
            throw std::invalid_argument("unknown converter '" + std::string(converter) + "' in " +
                                        whole);
        if (name.empty())
            throw std::invalid_argument("a parameter needs a name: " + whole);
        m_segments.push_back({kind, std::string(name)});
    }
}

bool RoutePattern::match(std::string_view path, Params &params) const
{
    if (path.empty() || path.front() != '/')
        return false;
    Params captured;
    std::string_view rest = path.substr(1);
    bool more = true;
    for (const Segment &s : m_segments) {
        if (!more)
            return false;
        if (s.kind == Kind::Path) {
            if (rest.empty())
                return false;
            captured.add(s.text, std::string(rest));
            more = false;
            break;
        }
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        more = slash != std::string_view::npos;
        rest = more ? rest.substr(slash + 1) : std::string_view();
        switch (s.kind) {
        case Kind::Literal:
            if (segment != s.text)
                return false;
            break;
        case Kind::Text:
            if (segment.empty())
                return false;
            captured.add(s.text, std::string(segment));
            break;
        case Kind::Int:
            if (!is_integer(segment))
                return false;
            captured.add(s.text, std::string(segment));
            break;
        case Kind::Float:
            if (!is_number(segment))
                return false;
            captured.add(s.text, std::string(segment));
            break;
        case Kind::Path:
            break;
        }
    }
    if (more)
        return false;
    params = std::move(captured);
    return true;
}

} // namespace diesel::http::detail
