// SPDX-License-Identifier: MIT
// The Redis kind ("redis" in files): typed helpers for code and tests that build workspaces. Its
// registration is in redistype.cpp.
#pragma once

#include "redisspec.h"
#include "workspace.h"

namespace workbench {

class RedisController;
class WorkspaceController;

/// A workspace item of a Redis connection (`id` empty: the workspace picks one).
WorkspaceItem redisItem(const RedisSpec &spec, const QString &id = {});
/// Adds a Redis connection to a running workspace.
RedisController *addRedis(WorkspaceController &workspace, const RedisSpec &spec,
                          const QString &id = {});

} // namespace workbench
