// SPDX-License-Identifier: MIT
// The Pool's console: each actor's tally and last reply or error, and the pool's open sockets
// (local and peer addresses: the guide's netstat check, in the app).
#pragma once

#include "itempanel.h"
#include "texttablemodel.h"

class QLabel;
class QTableView;

namespace workbench {

class PoolController;

class PoolConsole : public ItemPanel<PoolController>
{
    Q_OBJECT

public:
    explicit PoolConsole(QWidget *parent = nullptr);

    /// One row per actor: number, sent, replies, errors, last reply or error.
    TextTableModel &actors() const noexcept { return *m_actors; }
    /// One row per open socket: local and peer address.
    TextTableModel &sockets() const noexcept { return *m_sockets; }

private:
    void loadController(PoolController *) override {}
    void refresh() override;

    TextTableModel *m_actors;
    TextTableModel *m_sockets;
    QLabel *m_socketsTitle;
};

} // namespace workbench
