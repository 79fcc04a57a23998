// SPDX-License-Identifier: MIT
// Asking the person before something that drops connections or exposes a port. Panels take the
// question as a function, so tests answer it without a modal dialog; the window's default asks
// with a message box, from GUI code (never from inside a Loop).
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace workbench {

/// Returns true to go ahead.
using Confirm = std::function<bool(QWidget *parent, const QString &question)>;

/// Asks with a Yes/No message box.
bool askWithMessageBox(QWidget *parent, const QString &question);

} // namespace workbench
