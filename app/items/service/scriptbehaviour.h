// SPDX-License-Identifier: MIT
// The Script behaviour: a Service whose connections are served by a short JavaScript program
// (onLine(line, conn), onConnect(conn), onClose(conn)) run by QJSEngine on a thread of its own.
#pragma once

#include "behaviours.h"

#include <diesel/core/service.h>

#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace workbench {

/// How long one call into a script may run before it is interrupted, by default.
inline constexpr std::chrono::milliseconds kScriptBudget{100};

/// Why a script cannot serve: a syntax error (with its line), an error or endless loop at its
/// top level, or no onLine function.
struct ScriptProblem
{
    int line = 0; ///< 1-based; 0 when no line applies
    QString message;
    /// "line 3: SyntaxError: Expected token `)'" or the message alone.
    QString text() const;
};

/// The script a new Script Service starts with: each line back in upper case.
QString defaultScript();
/// Runs `script` once in a throwaway engine (within `budget`, on a short-lived thread):
/// nullopt if it compiles, runs and defines onLine.
std::optional<ScriptProblem> checkScript(const QString &script,
                                         std::chrono::milliseconds budget = kScriptBudget);

/// Called on the Hub's thread when a script fails a connection: "peer: message".
using ScriptFailure = std::function<void(const QString &)>;
/// The handler of a TCP Service running `script` (check it first with checkScript). Each call
/// may run for `budget`; a call that throws or runs longer fails its connection (closed, and
/// `failed` told why) while the Service serves on. Lines and bytes are counted in `tally`.
diesel::Service::Handler scriptHandler(const QString &script, std::chrono::milliseconds budget,
                                       ScriptFailure failed, std::shared_ptr<ServiceTally> tally);

} // namespace workbench
