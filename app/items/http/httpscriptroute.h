// SPDX-License-Identifier: MIT
// The Script routes of an HTTP Service: JavaScript answering requests (onRequest(req)) or the
// messages of a WebSocket (onMessage(text, ws)), run by a ScriptHost (scripthost.h) per route.
#pragma once

#include "httproute.h"
#include "scripthost.h"

#include <diesel/http/app.h>

namespace workbench {

/// The script a new Script route starts with.
QString defaultRequestScript();
/// The script a new WebSocket script route starts with.
QString defaultWebSocketScript();

/// Adds `route` (kind Script) to `app`. Throws Invalid naming `where` and the line when the
/// script does not compile, fails at its top level or defines no onRequest. A request whose
/// call throws or runs past `budget` is answered 500 with the message, and `failed` is told
/// "where: peer: message".
void addScriptRoute(diesel::http::App &app, const HttpRoute &route, const QString &where,
                    std::chrono::milliseconds budget, ScriptFailure failed);

/// Adds `route` (kind WsScript) to `app`: the same checks, for onMessage. A call that throws or
/// runs too long closes its socket (1011, the message) and tells `failed`.
void addWebSocketScriptRoute(diesel::http::App &app, const HttpRoute &route, const QString &where,
                             std::chrono::milliseconds budget, ScriptFailure failed);

} // namespace workbench
