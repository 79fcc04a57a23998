// SPDX-License-Identifier: MIT
#include <diesel/http/request.h>

namespace diesel::http {

std::optional<std::string_view> Request::query_param(std::string_view name) const noexcept
{
    for (const auto &[key, value] : query) {
        if (key == name)
            return std::string_view(value);
    }
    return std::nullopt;
}

} // namespace diesel::http
