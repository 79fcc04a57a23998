// SPDX-License-Identifier: MIT
#include "itemcontroller.h"

namespace workbench {

QString toString(ItemState state)
{
    switch (state) {
    case ItemState::Stopped:
        return QStringLiteral("stopped");
    case ItemState::Running:
        return QStringLiteral("running");
    case ItemState::Error:
        return QStringLiteral("error");
    }
    return {};
}

void ItemController::setState(ItemState state, const QString &error)
{
    if (state == m_state && error == m_error)
        return;
    m_state = state;
    m_error = error;
    Q_EMIT changed();
}

void ItemController::takeSettings(SettingsSwap swap, const std::function<void()> &take)
{
    if (swap.stopFirst)
        stop();
    take();
    Q_EMIT changed();
    if (swap.restart)
        start();
}

} // namespace workbench
