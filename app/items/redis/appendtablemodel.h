// SPDX-License-Identifier: MIT
// A table that grows by batches of text rows (the key browser's keys, the pub/sub monitor's
// messages): one insert per batch, so a view stays responsive at tens of thousands of rows. With
// a bound, the oldest rows go as new ones come.
#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QStringList>

#include <deque>
#include <vector>

namespace workbench {

class AppendTableModel : public QAbstractTableModel
{
public:
    struct Row
    {
        QStringList texts; ///< one per column
        QByteArray data;   ///< what the row stands for (a key's bytes); Qt::UserRole
    };

    /// `maxRows` 0: no bound.
    explicit AppendTableModel(QStringList headers, int maxRows = 0, QObject *parent = nullptr);

    /// Appends rows (dropping the oldest past the bound).
    void append(std::vector<Row> rows);
    /// Removes one row.
    void removeAt(int row);
    /// Removes every row.
    void clear();
    /// The text at (row, column); "" outside the table.
    QString text(int row, int column) const;
    /// The data of a row; empty outside the table.
    QByteArray rowData(int row) const;
    /// Sets one cell's text.
    void setText(int row, int column, const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    int m_maxRows;
    std::deque<Row> m_rows;
};

} // namespace workbench
