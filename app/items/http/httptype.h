// SPDX-License-Identifier: MIT
// The HTTP item kinds, "http-service" and "http-client", and helpers to add them to a workspace.
#pragma once

#include "httpclientspec.h"
#include "httpservicespec.h"
#include "workspace.h"

namespace workbench {

class HttpClientController;
class HttpServiceController;
class WorkspaceController;

WorkspaceItem httpServiceItem(const HttpServiceSpec &spec, const QString &id);
HttpServiceController *addHttpService(WorkspaceController &workspace, const HttpServiceSpec &spec,
                                      const QString &id);
WorkspaceItem httpClientItem(const HttpClientSpec &spec, const QString &id);
HttpClientController *addHttpClient(WorkspaceController &workspace, const HttpClientSpec &spec,
                                    const QString &id);

} // namespace workbench
