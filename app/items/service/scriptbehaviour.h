// SPDX-License-Identifier: MIT
// The Script behaviour: a Service whose connections are served by a short JavaScript program
// (onLine(line, conn), onConnect(conn), onClose(conn)) run by QJSEngine on a thread of its own.
#pragma once

#include "behaviours.h"
#include "scripthost.h"

#include <diesel/core/service.h>

#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace workbench {

/// The script a new Script Service starts with: each line back in upper case.
QString defaultScript();
/// checkScriptDefines() for onLine(line, conn).
std::optional<ScriptProblem> checkScript(const QString &script,
                                         std::chrono::milliseconds budget = kScriptBudget);

/// The handler of a TCP Service running `script` (check it first with checkScript). Each call
/// may run for `budget`; a call that throws or runs longer fails its connection (closed, and
/// `failed` told "peer: message") while the Service serves on. Lines and bytes are counted in
/// `tally`.
diesel::Service::Handler scriptHandler(const QString &script, std::chrono::milliseconds budget,
                                       ScriptFailure failed, std::shared_ptr<ServiceTally> tally);

} // namespace workbench
