// SPDX-License-Identifier: MIT
// Percent-decoding and query strings (RFC 3986, application/x-www-form-urlencoded).
#pragma once

#include <diesel/http/export.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diesel::http {

/// `s` with each %XX replaced by its byte (and '+' by a space when `plus_is_space`, as in query
/// strings); a '%' not followed by two hex digits stays as it is.
DIESEL_HTTP_EXPORT std::string percent_decode(std::string_view s, bool plus_is_space = false);

/// `s` with every byte outside RFC 3986's unreserved set (and '/' unless `encode_slash`) as %XX.
DIESEL_HTTP_EXPORT std::string percent_encode(std::string_view s, bool encode_slash = true);

/// The decoded name=value pairs of a query string ("a=1&b=x+y" → {a,1},{b,x y}), in order.
DIESEL_HTTP_EXPORT std::vector<std::pair<std::string, std::string>>
parse_query(std::string_view query);

} // namespace diesel::http
