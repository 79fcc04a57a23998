// SPDX-License-Identifier: MIT
#include "appendtablemodel.h"

namespace workbench {

AppendTableModel::AppendTableModel(QStringList headers, int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
    , m_maxRows(maxRows)
{}

void AppendTableModel::append(std::vector<Row> rows)
{
    if (rows.empty())
        return;
    if (m_maxRows > 0 && int(rows.size()) > m_maxRows)
        rows.erase(rows.begin(), rows.end() - m_maxRows);
    if (m_maxRows > 0) {
        const int excess = int(m_rows.size() + rows.size()) - m_maxRows;
        if (excess > 0) {
            beginRemoveRows({}, 0, excess - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
            endRemoveRows();
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (Row &row : rows)
        m_rows.push_back(std::move(row));
    endInsertRows();
}

void AppendTableModel::removeAt(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void AppendTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QString AppendTableModel::text(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= m_rows[row].texts.size())
        return {};
    return m_rows[row].texts[column];
}

QByteArray AppendTableModel::rowData(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[row].data : QByteArray();
}

void AppendTableModel::setText(int row, int column, const QString &text)
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= m_rows[row].texts.size())
        return;
    m_rows[row].texts[column] = text;
    Q_EMIT dataChanged(index(row, column), index(row, column));
}

int AppendTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AppendTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant AppendTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return text(index.row(), index.column());
    if (role == Qt::UserRole)
        return rowData(index.row());
    return {};
}

QVariant AppendTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < m_headers.size())
        return m_headers[section];
    return {};
}

} // namespace workbench
