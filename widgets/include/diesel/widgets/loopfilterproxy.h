// SPDX-License-Identifier: MIT
// Filters and sorts the Loop models: by text (id, label, what it waits on) and by state.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/visuals.h>

#include <QSortFilterProxyModel>

#include <optional>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT LoopFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LoopFilterProxy(QObject *parent = nullptr);

    /// Shows only Loops whose id, label or wait contains `text` (case-insensitive).
    void setText(const QString &text);
    /// Shows only Loops in `state`; std::nullopt shows every state.
    void setState(std::optional<VisualState> state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    std::optional<VisualState> m_state;
};

} // namespace diesel::widgets
