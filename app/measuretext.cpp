// SPDX-License-Identifier: MIT
#include "measuretext.h"

#include <diesel/widgets/format.h>

#include <QStringList>

#include <algorithm>

namespace workbench {

namespace dw = diesel::widgets;

QString measureAmount(double value, ItemMeasure::Unit unit)
{
    if (unit == ItemMeasure::Unit::Bytes)
        return dw::humanBytes(std::uint64_t(std::max(value, 0.0)));
    return QString::number(value, 'f', 0);
}

QString measureRate(double perSecond, ItemMeasure::Unit unit)
{
    if (unit == ItemMeasure::Unit::Bytes)
        return dw::humanRate(perSecond);
    return QString::number(perSecond, 'f', 1) + QStringLiteral("/s");
}

QString measuresText(const ItemController &item, double seconds)
{
    QStringList parts;
    for (const ItemMeasure &m : item.measures()) {
        const QString value = measureAmount(m.value, m.unit);
        if (m.kind == ItemMeasure::Kind::Total && seconds > 0)
            parts << QStringLiteral("%1 %2 (%3)")
                         .arg(m.name, value, measureRate(m.value / seconds, m.unit));
        else
            parts << QStringLiteral("%1 %2").arg(m.name, value);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace workbench
