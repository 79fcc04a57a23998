// SPDX-License-Identifier: MIT
#include "redirect.h"

namespace diesel::http::detail {

bool is_redirect(int status) noexcept
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string redirected_method(int status, const std::string &method, std::string &body)
{
    if (status == 303 || ((status == 301 || status == 302) && method == "POST")) {
        body.clear();
        return method == "HEAD" ? method : "GET";
    }
    return method;
}

} // namespace diesel::http::detail
