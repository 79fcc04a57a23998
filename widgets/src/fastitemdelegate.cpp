// SPDX-License-Identifier: MIT
#include <diesel/widgets/fastitemdelegate.h>

#include <QApplication>
#include <QCache>
#include <QPainter>
#include <QStaticText>
#include <QStyle>

namespace diesel::widgets {

struct FastItemDelegate::Cache
{
    // Laid-out texts by font, width and text; a table shows a few hundred distinct ones.
    QCache<QString, QStaticText> texts{4096};
};

FastItemDelegate::FastItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_cache(new Cache)
{}

FastItemDelegate::~FastItemDelegate()
{
    delete m_cache;
}

void FastItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::Highlight));
    else if (opt.backgroundBrush.style() != Qt::NoBrush)
        painter->fillRect(opt.rect, opt.backgroundBrush);

    QRect rect = opt.rect.adjusted(4, 0, -4, 0);
    if ((opt.features & QStyleOptionViewItem::HasDecoration) && !opt.icon.isNull()) {
        const int side = std::min(opt.decorationSize.height(), rect.height());
        const QRect iconRect(rect.x(), rect.y() + (rect.height() - side) / 2, side, side);
        opt.icon.paint(painter, iconRect, Qt::AlignCenter,
                       selected ? QIcon::Selected : QIcon::Normal);
        rect.setLeft(iconRect.right() + 5);
    }
    if (opt.text.isEmpty() || rect.width() <= 0)
        return;

    const QString key = opt.font.key() + QChar(0x1f) + QString::number(rect.width()) + QChar(0x1f) +
                        QString::number(int(opt.textElideMode)) + QChar(0x1f) + opt.text;
    QStaticText *text = m_cache->texts.object(key);
    if (!text) {
        const QFontMetrics fm(opt.font);
        QString shown = opt.text;
        shown.replace(QLatin1Char('\n'), QChar(0x21b5));
        if (opt.textElideMode != Qt::ElideNone && fm.horizontalAdvance(shown) > rect.width())
            shown = fm.elidedText(shown, opt.textElideMode, rect.width());
        text = new QStaticText(shown);
        text->setTextFormat(Qt::PlainText);
        text->setPerformanceHint(QStaticText::AggressiveCaching);
        text->prepare(QTransform(), opt.font);
        m_cache->texts.insert(key, text);
    }
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const QSizeF size = text->size();
    qreal x = rect.x();
    if (opt.displayAlignment & Qt::AlignRight)
        x = rect.right() - size.width();
    else if (opt.displayAlignment & Qt::AlignHCenter)
        x = rect.x() + (rect.width() - size.width()) / 2;
    const qreal y = rect.y() + (rect.height() - size.height()) / 2;
    if (size.width() > rect.width())
        painter->setClipRect(rect, Qt::IntersectClip);
    painter->drawStaticText(QPointF(x, y), *text);
    painter->restore();
}

} // namespace diesel::widgets
