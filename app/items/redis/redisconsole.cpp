// SPDX-License-Identifier: MIT
#include "rediscommandpane.h"
#include "redisconsole.h"
#include "rediscontroller.h"
#include "rediskeybrowser.h"
#include "redispubsubpane.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace workbench {

RedisConsole::RedisConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_state(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_commands(new RedisCommandPane(m_tabs))
    , m_keys(new RedisKeyBrowser(m_tabs))
    , m_pubSub(new RedisPubSubPane(m_tabs))
{
    m_tabs->addTab(m_commands, QStringLiteral("&Console"));
    m_tabs->addTab(m_keys, QStringLiteral("&Keys"));
    m_tabs->addTab(m_pubSub, QStringLiteral("P&ub/Sub"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addWidget(m_tabs, 1);
    setController(nullptr);
}

void RedisConsole::setConfirm(const Confirm &confirm)
{
    m_keys->setConfirm(confirm);
}

void RedisConsole::loadController(RedisController *controller)
{
    m_commands->setController(controller);
    m_keys->setController(controller);
    m_pubSub->setController(controller);
}

void RedisConsole::refresh()
{
    if (!m_controller) {
        m_state->setText(QStringLiteral("Select a Redis item in the workspace"));
        return;
    }
    QString text = m_controller->summary();
    if (m_controller->state() == ItemState::Error)
        text += QStringLiteral(" \u00b7 ") + m_controller->errorText();
    else if (!m_controller->connected() && !m_controller->starting())
        text += QStringLiteral(" \u00b7 start it to send commands");
    m_state->setText(text);
    m_pubSub->refresh();
}

} // namespace workbench
