// SPDX-License-Identifier: MIT
// An item delegate for the live tables: it paints a cell's background, icon and one line of text
// directly, and keeps the laid-out text of recent cells (QStaticText), so repainting a table ten
// times a second does not shape the same strings again and again. The style's own delegate lays
// out every cell's text on every paint, which costs the engine's thread more than the engine.
#pragma once

#include <diesel/widgets/export.h>

#include <QStyledItemDelegate>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT FastItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit FastItemDelegate(QObject *parent = nullptr);
    ~FastItemDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    struct Cache;
    Cache *m_cache;
};

} // namespace diesel::widgets
