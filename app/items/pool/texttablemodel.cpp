// SPDX-License-Identifier: MIT
#include "texttablemodel.h"

namespace workbench {

TextTableModel::TextTableModel(QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{}

void TextTableModel::setRows(std::vector<QStringList> rows)
{
    const int before = int(m_rows.size());
    const int after = int(rows.size());
    if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_rows.resize(std::size_t(after));
        endRemoveRows();
    }
    int firstChanged = -1;
    int lastChanged = -1;
    for (int r = 0; r < std::min(before, after); ++r)
        if (m_rows[std::size_t(r)] != rows[std::size_t(r)]) {
            m_rows[std::size_t(r)] = std::move(rows[std::size_t(r)]);
            firstChanged = firstChanged < 0 ? r : firstChanged;
            lastChanged = r;
        }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, int(m_headers.size()) - 1));
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        for (int r = before; r < after; ++r)
            m_rows.push_back(std::move(rows[std::size_t(r)]));
        endInsertRows();
    }
}

QString TextTableModel::text(int row, int column) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    return m_rows[std::size_t(row)].value(column);
}

int TextTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TextTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant TextTableModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return text(index.row(), index.column());
}

QVariant TextTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return m_headers.value(section);
}

} // namespace workbench
