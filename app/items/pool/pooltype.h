// SPDX-License-Identifier: MIT
// The Pool kind ("pool" in files): typed helpers for code and tests that build workspaces. Its
// registration is in pooltype.cpp.
#pragma once

#include "poolspec.h"

namespace workbench {

class PoolController;
class WorkspaceController;

/// A workspace item of a Pool (`id` empty: the workspace picks one when it loads it).
WorkspaceItem poolItem(const PoolSpec &spec, const QString &id = {});
/// Adds a Pool to a running workspace.
PoolController *addPool(WorkspaceController &workspace, const PoolSpec &spec,
                        const QString &id = {});

} // namespace workbench
