// SPDX-License-Identifier: MIT
// The Service kind ("service" in files): typed helpers for code and tests that build
// workspaces. Its registration is in servicetype.cpp.
#pragma once

#include "servicespec.h"

namespace workbench {

class ServiceController;
class WorkspaceController;

/// A workspace item of a Service (`id` empty: the workspace picks one when it loads it).
WorkspaceItem serviceItem(const ServiceSpec &spec, const QString &id = {});
/// Adds a Service to a running workspace.
ServiceController *addService(WorkspaceController &workspace, const ServiceSpec &spec,
                              const QString &id = {});

} // namespace workbench
