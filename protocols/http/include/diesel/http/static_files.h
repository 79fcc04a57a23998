// SPDX-License-Identifier: MIT
// Serving files from a folder: what App::static_files() uses, usable on its own.
#pragma once

#include <diesel/http/export.h>
#include <diesel/http/request.h>
#include <diesel/http/response.h>

#include <string>
#include <string_view>

namespace diesel::http {

/// The MIME type for a file name by its extension ("a.css" → "text/css; charset=utf-8"),
/// application/octet-stream when unknown.
DIESEL_HTTP_EXPORT std::string_view mime_type(std::string_view file_name) noexcept;

/// Answers `request` with the file `relative` (a decoded URL path below `folder`): 200, 206 for
/// a single satisfiable Range, 416, 304 for a matching If-None-Match, 404 for anything missing,
/// outside `folder` (a ".." segment, a symbolic link out) or not a regular file, 405 for other
/// methods than GET and HEAD. The file is read on a worker thread (diesel::thread).
DIESEL_HTTP_EXPORT Response serve_file(const Request &request, const std::string &folder,
                                       std::string_view relative);

} // namespace diesel::http
