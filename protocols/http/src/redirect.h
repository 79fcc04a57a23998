// SPDX-License-Identifier: MIT
// What HttpClient and Session share about redirects.
#pragma once

#include <string>

namespace diesel::http::detail {

/// Whether `status` is a redirect a client may follow (301, 302, 303, 307, 308).
bool is_redirect(int status) noexcept;

/// The method to repeat after a redirect: 303, and 301/302 after a POST as browsers do, go on
/// as GET (HEAD stays HEAD) without the body, which `body` is then cleared of.
std::string redirected_method(int status, const std::string &method, std::string &body);

} // namespace diesel::http::detail
