// SPDX-License-Identifier: MIT
// A holla Service on a free port, started in a test's workspace: the target of Pools and Clients.
#pragma once

#include "dieseltest.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "workspacecontroller.h"

namespace workbench {

inline ServiceController *startHolla(WorkspaceController &workspace)
{
    ServiceSpec spec;
    spec.port = dtest::free_port();
    ServiceController *service = addService(workspace, spec, QStringLiteral("holla"));
    service->start();
    return service;
}

} // namespace workbench
