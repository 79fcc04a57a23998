// SPDX-License-Identifier: MIT
#include <diesel/widgets/looptablemodel.h>

#include <algorithm>
#include <utility>

namespace diesel::widgets {

LoopTableModel::LoopTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int LoopTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoopTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : LoopColumnCount;
}

QVariant LoopTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    return loopCellData(m_rows[std::size_t(index.row())], index.column(), role, m_now);
}

QVariant LoopTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    return loopHeaderData(section, role);
}

int LoopTableModel::rowOf(LoopId id) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), id,
                                     [](const LoopRecord &r, LoopId v) { return r.info.id < v; });
    return it != m_rows.end() && it->info.id == id ? int(it - m_rows.begin()) : -1;
}

void LoopTableModel::update(const LoopSample &sample)
{
    m_now = sample.at;
    const std::vector<LoopRecord> &next = sample.records();

    // Both lists are sorted by id. First find the ranges of rows that go away.
    std::vector<std::pair<int, int>> removals; // [first, last]
    {
        std::size_t j = 0;
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const LoopId id = m_rows[i].info.id;
            while (j < next.size() && next[j].info.id < id)
                ++j;
            if (j < next.size() && next[j].info.id == id)
                continue;
            if (!removals.empty() && removals.back().second == int(i) - 1)
                removals.back().second = int(i);
            else
                removals.emplace_back(int(i), int(i));
        }
    }
    // Then the records that are new, grouped by where they land among the rows that stay.
    std::size_t insertRanges = 0;
    {
        std::size_t i = 0;
        bool inRun = false;
        for (const LoopRecord &r : next) {
            while (i < m_rows.size() && m_rows[i].info.id < r.info.id)
                ++i, inRun = false;
            const bool present = i < m_rows.size() && m_rows[i].info.id == r.info.id;
            if (!present && !inRun)
                ++insertRanges;
            inRun = !present;
        }
    }
    if (int(removals.size()) > kMaxRanges || int(insertRanges) > kMaxRanges) {
        beginResetModel();
        m_rows = next;
        endResetModel();
        return;
    }

    for (auto it = removals.rbegin(); it != removals.rend(); ++it) {
        beginRemoveRows({}, it->first, it->second);
        m_rows.erase(m_rows.begin() + it->first, m_rows.begin() + it->second + 1);
        endRemoveRows();
    }

    // Now every row is in `next`; walk both, inserting runs of new records and collecting the
    // rows whose content changed.
    std::vector<std::pair<int, int>> changed;
    std::size_t i = 0;
    std::size_t k = 0;
    while (k < next.size()) {
        if (i < m_rows.size() && m_rows[i].info.id == next[k].info.id) {
            if (loopRecordChanged(m_rows[i], next[k])) {
                if (!changed.empty() && changed.back().second == int(i) - 1)
                    changed.back().second = int(i);
                else
                    changed.emplace_back(int(i), int(i));
            }
            m_rows[i] = next[k];
            ++i, ++k;
            continue;
        }
        // next[k] is new: it goes before m_rows[i] (ids are sorted). Take the whole run.
        std::size_t end = k;
        while (end < next.size() && (i >= m_rows.size() || next[end].info.id < m_rows[i].info.id))
            ++end;
        beginInsertRows({}, int(i), int(i + (end - k) - 1));
        m_rows.insert(m_rows.begin() + std::ptrdiff_t(i), next.begin() + std::ptrdiff_t(k),
                      next.begin() + std::ptrdiff_t(end));
        endInsertRows();
        i += end - k;
        k = end;
    }

    if (int(changed.size()) > kMaxRanges) {
        Q_EMIT dataChanged(index(changed.front().first, 0),
                           index(changed.back().second, LoopColumnCount - 1));
    } else {
        for (const auto &[first, last] : changed)
            Q_EMIT dataChanged(index(first, 0), index(last, LoopColumnCount - 1));
    }
}

} // namespace diesel::widgets
