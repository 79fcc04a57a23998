// SPDX-License-Identifier: MIT
// A route pattern ("/users/<int:id>/files/<path:rest>") compiled into segments and matched
// against a decoded request path.
#pragma once

#include <diesel/http/app.h>

#include <string>
#include <string_view>
#include <vector>

namespace diesel::http::detail {

class RoutePattern
{
public:
    /// Throws std::invalid_argument for a pattern that does not start with '/', an unknown
    /// converter, an unclosed '<' or a <path:...> that is not last.
    explicit RoutePattern(std::string_view pattern);
    /// Whether `path` matches; when it does, `params` becomes what the pattern captured.
    bool match(std::string_view path, Params &params) const;

private:
    enum class Kind { Literal, Text, Int, Float, Path };
    struct Segment
    {
        Kind kind;
        std::string text; // the literal, or the parameter's name
    };
    std::vector<Segment> m_segments;
};

} // namespace diesel::http::detail
