// SPDX-License-Identifier: MIT
// The workspace loader on arbitrary bytes: either a Workspace or a message naming the problem;
// a loaded Workspace survives a write and read back unchanged.
#include "workspacefile.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const workbench::WorkspaceResult result =
        workbench::parseWorkspace(json, QStringLiteral("fuzz"));
    if (!result) {
        if (result.error.isEmpty())
            __builtin_trap();
        return 0;
    }
    const workbench::WorkspaceResult again = workbench::parseWorkspace(
        workbench::workspaceJson(*result.workspace), QStringLiteral("fuzz again"));
    if (!again || !(again.workspace->items == result.workspace->items))
        __builtin_trap();
    return 0;
}
