// SPDX-License-Identifier: MIT
// The Riak kind ("riak" in files): typed helpers for code and tests that build workspaces. Its
// registration is in riaktype.cpp.
#pragma once

#include "riakspec.h"
#include "workspace.h"

namespace workbench {

class RiakController;
class WorkspaceController;

/// A workspace item of a Riak node (`id` empty: the workspace picks one when it loads it).
WorkspaceItem riakItem(const RiakSpec &spec, const QString &id = {});
/// Adds a Riak item to a running workspace.
RiakController *addRiak(WorkspaceController &workspace, const RiakSpec &spec,
                        const QString &id = {});

} // namespace workbench
