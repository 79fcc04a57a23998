// SPDX-License-Identifier: MIT
// The WebSocket client item kind, "websocket-client", and a helper to add one to a workspace.
#pragma once

#include "websocketspec.h"
#include "workspace.h"

namespace workbench {

class WebSocketClientController;
class WorkspaceController;

WorkspaceItem webSocketClientItem(const WebSocketClientSpec &spec, const QString &id);
WebSocketClientController *addWebSocketClient(WorkspaceController &workspace,
                                              const WebSocketClientSpec &spec, const QString &id);

} // namespace workbench
