// SPDX-License-Identifier: MIT
#include "operationlog.h"

#include <diesel/widgets/visuals.h>

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

void OperationLog::add(const QString &operation, const QString &outcome, bool error)
{
    m_rows.push_back({QTime::currentTime(), operation, outcome, error});
    while (m_rows.size() > m_limit)
        m_rows.pop_front();
}

OperationLogView::OperationLogView(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(0, 3, this))
{
    m_model->setHorizontalHeaderLabels(
        {QStringLiteral("time"), QStringLiteral("operation"), QStringLiteral("outcome")});
    auto *table = new QTableView(this);
    table->setObjectName(QStringLiteral("operationLog"));
    table->setModel(m_model);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setMinimumHeight(40); // a few rows are enough in a small window
    table->setWordWrap(false);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->setColumnWidth(1, 280);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    connect(m_model, &QAbstractItemModel::rowsInserted, table,
            [table] { table->scrollToBottom(); });
}

void OperationLogView::display(const OperationLog *log)
{
    // The log is bounded and changes a row at a time: rebuilt whole, it stays cheap.
    m_model->removeRows(0, m_model->rowCount());
    if (!log)
        return;
    const QColor errorColour = diesel::widgets::stateColor(diesel::widgets::VisualState::Dead);
    for (const OperationRow &row : log->rows()) {
        QList<QStandardItem *> items{
            new QStandardItem(row.time.toString(QStringLiteral("HH:mm:ss.zzz"))),
            new QStandardItem(row.operation), new QStandardItem(row.outcome)};
        if (row.error)
            for (QStandardItem *item : items)
                item->setForeground(errorColour);
        m_model->appendRow(items);
    }
}

} // namespace workbench
