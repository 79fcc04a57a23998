// SPDX-License-Identifier: MIT
#include "readonlytable.h"

#include <QHeaderView>
#include <QTableView>

namespace workbench {

QTableView *makeReadOnlyTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}

} // namespace workbench
