// SPDX-License-Identifier: MIT
// Middleware that ships with http::App.
#pragma once

#include <diesel/http/app.h>
#include <diesel/http/export.h>

namespace diesel::http {

/// Logs one line per request in the diesel.http.access category (info):
/// `127.0.0.1:50312 "GET /users/7 HTTP/1.1" 200 27 0.4ms`.
DIESEL_HTTP_EXPORT Middleware access_log();

} // namespace diesel::http
