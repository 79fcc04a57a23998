// SPDX-License-Identifier: MIT
// What the HTTP and WebSocket editors share: settings applied through a workspace file's checks
// (so what is applied also saves and loads), and the row of Apply and the start and stop buttons.
#pragma once

#include "jsonfields.h"
#include "workspacecontroller.h"

#include <QLabel>

#include <functional>

class QBoxLayout;
class QPushButton;
class QWidget;

namespace workbench {

/// Gives `controller` the settings `check()` returns (it reads them as a workspace file would,
/// throwing Invalid): false, with the reason shown on `error`, when it throws; true otherwise,
/// marking the workspace modified when they changed.
template<class Controller, class Check>
bool applyChecked(Controller *controller, QLabel *error, WorkspaceController &workspace,
                  Check check)
{
    if (!controller)
        return false;
    try {
        const auto spec = check();
        if (spec == controller->spec())
            return true;
        controller->setSpec(spec);
    } catch (const Invalid &invalid) {
        error->setText(invalid.message);
        error->show();
        return false;
    }
    workspace.markModified();
    return true;
}

/// Adds Apply, then a start button (play icon) calling `start` and a stop button (stop icon)
/// calling `stop`, as the last row of `layout`.
void addButtonRow(QBoxLayout *layout, QWidget *parent, QPushButton *apply, const QString &startText,
                  std::function<void()> start, const QString &stopText, std::function<void()> stop);

} // namespace workbench
