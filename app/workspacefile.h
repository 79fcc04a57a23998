// SPDX-License-Identifier: MIT
// The workspace file: JSON with a "version" field. Version 2: {"version": 2, "name": ...,
// "items": [{"id": ..., "type": "service", "name": ..., ...}]}, each item read by its kind (see
// itemtype.h); version 1 (a list per kind) is migrated on reading. Reading validates everything
// before it returns a Workspace, so a missing, malformed or newer-version file changes nothing.
#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace workbench {

/// A Workspace, or why there is none.
struct WorkspaceResult
{
    std::optional<Workspace> workspace;
    QString error; ///< a sentence for people, naming the file and the problem
    explicit operator bool() const noexcept { return workspace.has_value(); }
};

/// Reads and validates a workspace file.
WorkspaceResult readWorkspaceFile(const QString &path);
/// Parses workspace JSON; `source` names it in errors (a path, "the demo workspace").
WorkspaceResult parseWorkspace(const QByteArray &json, const QString &source);
/// The JSON of a workspace (always written as the current version).
QByteArray workspaceJson(const Workspace &workspace);
/// Writes a workspace file atomically; false with `error` on failure, or when the file would not
/// open again (a link to a removed item).
bool writeWorkspaceFile(const QString &path, const Workspace &workspace, QString *error);

} // namespace workbench
