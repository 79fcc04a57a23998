// SPDX-License-Identifier: MIT
// Small helpers on header field text shared by the parsers and the WebSocket handshake.
#pragma once

#include <string_view>

namespace diesel::http::detail {

/// `s` without the optional whitespace (spaces, tabs) around it (RFC 9110 §5.6.3).
std::string_view trim_ows(std::string_view s) noexcept;

} // namespace diesel::http::detail
