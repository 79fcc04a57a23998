// SPDX-License-Identifier: MIT
// The Pool's console: each actor's tally and last reply or error, and the pool's open sockets
// (local and peer addresses: the guide's netstat check, in the app).
#pragma once

#include "itempanel.h"

class QLabel;
class QTableWidget;

namespace workbench {

class PoolController;

class PoolConsole : public ItemPanel<PoolController>
{
    Q_OBJECT

public:
    explicit PoolConsole(QWidget *parent = nullptr);

    QTableWidget *actorsTable() const noexcept { return m_actors; }
    QTableWidget *socketsTable() const noexcept { return m_sockets; }

private:
    void loadController(PoolController *) override {}
    void refresh() override;

    QTableWidget *m_actors;
    QLabel *m_socketsTitle;
    QTableWidget *m_sockets;
};

} // namespace workbench
