// SPDX-License-Identifier: MIT
#include "measuretext.h"

#include <QStringList>

namespace workbench {

QString measuresText(const ItemController &item, double seconds)
{
    QStringList parts;
    for (const ItemMeasure &m : item.measures()) {
        const QString value = QString::number(m.value, 'f', 0);
        if (m.kind == ItemMeasure::Kind::Total && seconds > 0)
            parts << QStringLiteral("%1 %2 (%3/s)")
                         .arg(m.name, value, QString::number(m.value / seconds, 'f', 1));
        else
            parts << QStringLiteral("%1 %2").arg(m.name, value);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace workbench
