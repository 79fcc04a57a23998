// SPDX-License-Identifier: MIT
// A table of text rows for the Pool's console (its actors, its sockets): replaced as a whole on
// each sample, it reports only the rows added, removed or changed, so views keep their scroll
// position and selection.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace workbench {

class TextTableModel : public QAbstractTableModel
{
public:
    explicit TextTableModel(QStringList headers, QObject *parent = nullptr);

    /// Replaces the rows (each with one text per column).
    void setRows(std::vector<QStringList> rows);
    /// The text at (row, column); "" outside the table.
    QString text(int row, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    std::vector<QStringList> m_rows;
};

} // namespace workbench
