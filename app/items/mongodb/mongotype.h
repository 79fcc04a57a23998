// SPDX-License-Identifier: MIT
// The MongoDB kind ("mongodb" in files): typed helpers for code and tests that build workspaces.
// Its registration is in mongotype.cpp.
#pragma once

#include "mongospec.h"
#include "workspace.h"

namespace workbench {

class MongoController;
class WorkspaceController;

/// A workspace item of a MongoDB server (`id` empty: the workspace picks one when it loads it).
WorkspaceItem mongoItem(const MongoSpec &spec, const QString &id = {});
/// Adds a MongoDB item to a running workspace.
MongoController *addMongo(WorkspaceController &workspace, const MongoSpec &spec,
                          const QString &id = {});

} // namespace workbench
