// SPDX-License-Identifier: MIT
// The Client kind ("client" in files): typed helpers for code and tests that build workspaces.
// Its registration is in clienttype.cpp.
#pragma once

#include "clientspec.h"

namespace workbench {

class ClientController;
class WorkspaceController;

/// A workspace item of a Client (`id` empty: the workspace picks one when it loads it).
WorkspaceItem clientItem(const ClientSpec &spec, const QString &id = {});
/// Adds a Client to a running workspace.
ClientController *addClient(WorkspaceController &workspace, const ClientSpec &spec,
                            const QString &id = {});

} // namespace workbench
