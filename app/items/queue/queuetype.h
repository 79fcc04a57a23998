// SPDX-License-Identifier: MIT
// The Queue kind ("queue" in files): typed helpers for code and tests that build workspaces.
// Its registration is in queuetype.cpp.
#pragma once

#include "queuespec.h"
#include "workspace.h"

namespace workbench {

class QueueController;
class WorkspaceController;

/// A workspace item of a Queue (`id` empty: the workspace picks one when it loads it).
WorkspaceItem queueItem(const QueueSpec &spec, const QString &id = {});
/// Adds a Queue to a running workspace.
QueueController *addQueue(WorkspaceController &workspace, const QueueSpec &spec,
                          const QString &id = {});

} // namespace workbench
