// SPDX-License-Identifier: MIT
#include <diesel/widgets/glyphicon.h>

#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace diesel::widgets {

namespace {

class GlyphEngine final : public QIconEngine
{
public:
    GlyphEngine(const QColor &color, Glyph glyph)
        : m_color(color)
        , m_glyph(glyph)
    {}

    QIconEngine *clone() const override { return new GlyphEngine(m_color, m_glyph); }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        const QRectF box(rect.x() + (rect.width() - side) / 2.0,
                         rect.y() + (rect.height() - side) / 2.0, side, side);
        QColor fill = m_color;
        if (mode == QIcon::Disabled)
            fill = QColor::fromHsl(fill.hslHue(), 0, fill.lightness());
        painter->setPen(QPen(fill.darker(135), std::max(1.0, side / 16.0)));
        painter->setBrush(fill);
        const qreal inset = std::max(0.5, side / 16.0);
        painter->drawEllipse(box.adjusted(inset, inset, -inset, -inset));
        drawGlyph(painter, box);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        // Views ask for the same few sizes on every repaint: draw each once.
        const QString key = QStringLiteral("%1x%2@%3/%4")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(scale)
                                .arg(int(mode));
        if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
            return *it;
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), size * scale), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        if (m_cache.size() < 32)
            m_cache.insert(key, pixmap);
        return pixmap;
    }

private:
    void drawGlyph(QPainter *p, const QRectF &box) const
    {
        const qreal s = box.width();
        const QPointF c = box.center();
        const QColor ink(Qt::white);
        p->setPen(Qt::NoPen);
        p->setBrush(ink);
        QPen line(ink, std::max(1.2, s / 9.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        auto at = [&](qreal dx, qreal dy) { return QPointF(c.x() + dx * s, c.y() + dy * s); };
        switch (m_glyph) {
        case Glyph::Play: {
            QPainterPath path;
            path.moveTo(at(-0.14, -0.22));
            path.lineTo(at(0.24, 0.0));
            path.lineTo(at(-0.14, 0.22));
            path.closeSubpath();
            p->drawPath(path);
            break;
        }
        case Glyph::Dot:
            p->drawEllipse(c, s * 0.14, s * 0.14);
            break;
        case Glyph::Arrows: {
            p->setPen(line);
            p->setBrush(Qt::NoBrush);
            p->drawLine(at(-0.1, 0.24), at(-0.1, -0.2));
            p->drawLine(at(-0.1, -0.22), at(-0.2, -0.1));
            p->drawLine(at(0.1, -0.24), at(0.1, 0.2));
            p->drawLine(at(0.1, 0.22), at(0.2, 0.1));
            break;
        }
        case Glyph::Clock: {
            p->setPen(line);
            p->setBrush(Qt::NoBrush);
            p->drawEllipse(c, s * 0.24, s * 0.24);
            p->drawLine(c, at(0.0, -0.15));
            p->drawLine(c, at(0.11, 0.05));
            break;
        }
        case Glyph::Pause:
            p->drawRect(QRectF(at(-0.17, -0.2), at(-0.05, 0.2)));
            p->drawRect(QRectF(at(0.05, -0.2), at(0.17, 0.2)));
            break;
        case Glyph::Cross:
            p->setPen(line);
            p->drawLine(at(-0.17, -0.17), at(0.17, 0.17));
            p->drawLine(at(-0.17, 0.17), at(0.17, -0.17));
            break;
        case Glyph::Square:
            p->drawRect(QRectF(at(-0.15, -0.15), at(0.15, 0.15)));
            break;
        case Glyph::Bang:
            p->drawRect(QRectF(at(-0.05, -0.25), at(0.05, 0.08)));
            p->drawEllipse(at(0.0, 0.19), s * 0.06, s * 0.06);
            break;
        case Glyph::Plug:
            p->setPen(line);
            p->drawLine(at(-0.25, 0.0), at(0.25, 0.0));
            p->setPen(Qt::NoPen);
            p->drawEllipse(at(-0.18, 0.0), s * 0.08, s * 0.08);
            p->drawEllipse(at(0.18, 0.0), s * 0.08, s * 0.08);
            break;
        case Glyph::Server:
            p->drawRect(QRectF(at(-0.2, -0.22), at(0.2, -0.05)));
            p->drawRect(QRectF(at(-0.2, 0.03), at(0.2, 0.2)));
            break;
        case Glyph::Client:
            p->drawRect(QRectF(at(-0.22, -0.2), at(0.22, 0.1)));
            p->drawRect(QRectF(at(-0.08, 0.1), at(0.08, 0.22)));
            break;
        case Glyph::Queue:
            for (int i = 0; i < 3; ++i)
                p->drawRect(QRectF(at(-0.24 + i * 0.17, -0.1), at(-0.12 + i * 0.17, 0.1)));
            break;
        }
    }

    QColor m_color;
    Glyph m_glyph;
    QHash<QString, QPixmap> m_cache;
};

} // namespace

QIcon glyphIcon(const QColor &color, Glyph glyph)
{
    return QIcon(new GlyphEngine(color, glyph));
}

} // namespace diesel::widgets
