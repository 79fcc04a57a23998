// SPDX-License-Identifier: MIT
#include "poolconsole.h"
#include "poolcontroller.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace workbench {

namespace {
QTableWidget *makeTable(QWidget *parent, const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        QTableWidgetItem *item = table->item(row, c);
        if (!item)
            table->setItem(row, c, item = new QTableWidgetItem);
        if (item->text() != cells[c])
            item->setText(cells[c]);
    }
}
} // namespace

PoolConsole::PoolConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_actors(makeTable(this, {QStringLiteral("actor"), QStringLiteral("sent"),
                                QStringLiteral("replies"), QStringLiteral("errors"),
                                QStringLiteral("last reply or error")}))
    , m_socketsTitle(new QLabel(this))
    , m_sockets(makeTable(this, {QStringLiteral("local"), QStringLiteral("peer")}))
{
    auto *socketsBox = new QWidget(this);
    auto *socketsLayout = new QVBoxLayout(socketsBox);
    socketsLayout->setContentsMargins(0, 0, 0, 0);
    socketsLayout->addWidget(m_socketsTitle);
    socketsLayout->addWidget(m_sockets);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_actors);
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
    if (!m_controller) {
        m_actors->setRowCount(0);
        m_sockets->setRowCount(0);
        m_socketsTitle->clear();
        return;
    }
    const auto &actors = m_controller->actors();
    m_actors->setRowCount(int(actors.size()));
    for (std::size_t i = 0; i < actors.size(); ++i) {
        const PoolActor &a = actors[i];
        QString last = a.lastReply;
        if (!a.lastError.isEmpty())
            last += (last.isEmpty() ? QString() : QStringLiteral(" \u00b7 ")) +
                    QStringLiteral("last error: ") + a.lastError;
        setRow(m_actors, int(i),
               {QString::number(i + 1), QString::number(a.sent), QString::number(a.replies),
                QString::number(a.errors), last});
    }
    const auto &sockets = m_controller->sockets();
    m_socketsTitle->setText(QStringLiteral("Open sockets of the pool: %1").arg(sockets.size()));
    m_sockets->setRowCount(int(sockets.size()));
    for (std::size_t i = 0; i < sockets.size(); ++i)
        setRow(m_sockets, int(i), {sockets[i].local, sockets[i].peer});
}

} // namespace workbench
