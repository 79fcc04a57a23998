// SPDX-License-Identifier: MIT
// The Redis item's console: its command line, its key browser and its pub/sub monitor as tabs,
// all on the selected item.
#pragma once

#include "itempanel.h"

class QLabel;
class QTabWidget;

namespace workbench {

class RedisCommandPane;
class RedisController;
class RedisKeyBrowser;
class RedisPubSubPane;

class RedisConsole : public ItemPanel<RedisController>
{
    Q_OBJECT

public:
    explicit RedisConsole(QWidget *parent = nullptr);

    /// Deleting a key asks with it.
    void setConfirm(const Confirm &confirm) override;

    RedisCommandPane *commands() const { return m_commands; }
    RedisKeyBrowser *keyBrowser() const { return m_keys; }
    RedisPubSubPane *pubSub() const { return m_pubSub; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    void loadController(RedisController *controller) override;
    void refresh() override;

    QLabel *m_state;
    QTabWidget *m_tabs;
    RedisCommandPane *m_commands;
    RedisKeyBrowser *m_keys;
    RedisPubSubPane *m_pubSub;
};

} // namespace workbench
