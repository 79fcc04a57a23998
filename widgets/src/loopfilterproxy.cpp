// SPDX-License-Identifier: MIT
#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/loopfilterproxy.h>

namespace diesel::widgets {

LoopFilterProxy::LoopFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(true);
}

void LoopFilterProxy::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

void LoopFilterProxy::setState(std::optional<VisualState> state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateRowsFilter();
}

bool LoopFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_state && index.data(VisualStateRole).toInt() != int(*m_state))
        return false;
    if (!m_text.isEmpty() &&
        !index.data(SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace diesel::widgets
