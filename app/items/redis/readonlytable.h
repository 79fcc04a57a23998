// SPDX-License-Identifier: MIT
// The tables of the Redis console (keys, messages, a value's elements) look and behave alike.
#pragma once

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace workbench {

/// A table view of `model`: whole rows selected, nothing edited in place, no row numbers, the
/// last column stretched.
QTableView *makeReadOnlyTable(QAbstractItemModel *model, QWidget *parent);

} // namespace workbench
