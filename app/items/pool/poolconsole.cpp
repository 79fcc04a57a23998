// SPDX-License-Identifier: MIT
#include "poolconsole.h"
#include "poolcontroller.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

namespace {
QTableView *makeTable(QWidget *parent, TextTableModel *model)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}
} // namespace

PoolConsole::PoolConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_actors(new TextTableModel({QStringLiteral("actor"), QStringLiteral("sent"),
                                   QStringLiteral("replies"), QStringLiteral("errors"),
                                   QStringLiteral("last reply or error")},
                                  this))
    , m_sockets(new TextTableModel({QStringLiteral("local"), QStringLiteral("peer")}, this))
    , m_socketsTitle(new QLabel(this))
{
    auto *socketsBox = new QWidget(this);
    auto *socketsLayout = new QVBoxLayout(socketsBox);
    socketsLayout->setContentsMargins(0, 0, 0, 0);
    socketsLayout->addWidget(m_socketsTitle);
    socketsLayout->addWidget(makeTable(socketsBox, m_sockets));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(makeTable(split, m_actors));
    split->addWidget(socketsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    setController(nullptr);
}

void PoolConsole::refresh()
{
    std::vector<QStringList> actors;
    std::vector<QStringList> sockets;
    if (m_controller) {
        for (std::size_t i = 0; i < m_controller->actors().size(); ++i) {
            const PoolActor &a = m_controller->actors()[i];
            QString last = a.lastReply;
            if (!a.lastError.isEmpty())
                last += (last.isEmpty() ? QString() : QStringLiteral(" \u00b7 ")) +
                        QStringLiteral("last error: ") + a.lastError;
            actors.push_back({QString::number(i + 1), QString::number(a.sent),
                              QString::number(a.replies), QString::number(a.errors), last});
        }
        for (const PoolSocket &s : m_controller->sockets())
            sockets.push_back({s.local, s.peer});
        m_socketsTitle->setText(QStringLiteral("Open sockets of the pool: %1").arg(sockets.size()));
    } else {
        m_socketsTitle->clear();
    }
    m_actors->setRows(std::move(actors));
    m_sockets->setRows(std::move(sockets));
}

} // namespace workbench
