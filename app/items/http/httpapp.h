// SPDX-License-Identifier: MIT
// An HTTP Service's routes as a diesel::http::App: each row becomes a route, a static folder or
// a WebSocket endpoint (echo, or broadcast to everyone connected at that path).
#pragma once

#include "httproute.h"
#include "scripthost.h"

#include <diesel/http/app.h>

#include <QJsonObject>

#include <vector>

namespace workbench {

/// The App answering `routes` in order (anything else: 404, or 405 for another method). Throws
/// Invalid naming the row ("route 2 (GET /a<b): ...") for a route it cannot serve: a malformed
/// pattern, a JSON body that is not JSON, a folder that does not exist, a script that does not
/// compile. A Script route's call that fails is told to `failed` ("route 2 (GET /a): peer: why").
diesel::http::App makeHttpApp(const std::vector<HttpRoute> &routes, ScriptFailure failed = {},
                              std::chrono::milliseconds budget = kScriptBudget);

/// The request as the echo route answers it: method, target, path, query, headers, body, peer.
QJsonObject echoOfRequest(const diesel::http::Request &request);

} // namespace workbench
