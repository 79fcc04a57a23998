// SPDX-License-Identifier: MIT
#include "replytree.h"

#include <QBrush>
#include <QStandardItem>

namespace workbench {

QString displayBytes(const std::string &bytes)
{
    std::string shown;
    shown.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            shown += "\\x";
            shown += hex[u >> 4];
            shown += hex[u & 0xf];
        } else {
            shown += c;
        }
    }
    return QString::fromStdString(shown);
}

QString replyText(const diesel::redis::Reply &reply)
{
    using Type = diesel::redis::Reply::Type;
    switch (reply.type()) {
    case Type::Nil:
        return QStringLiteral("(nil)");
    case Type::Integer:
        return QString::number(reply.integer());
    case Type::Status:
    case Type::Bulk:
    case Type::Error:
        return displayBytes(reply.str());
    case Type::Array:
        break;
    }
    return reply.size() == 1 ? QStringLiteral("1 element")
                             : QStringLiteral("%1 elements").arg(reply.size());
}

QList<QStandardItem *> replyRow(const QString &label, const diesel::redis::Reply &reply)
{
    auto *labelItem = new QStandardItem(label);
    auto *typeItem = new QStandardItem(QString::fromLatin1(diesel::redis::to_string(reply.type())));
    auto *valueItem = new QStandardItem(replyText(reply));
    for (std::size_t i = 0; i < reply.size(); ++i)
        labelItem->appendRow(replyRow(QStringLiteral("%1)").arg(i + 1), reply[i]));
    QList<QStandardItem *> row{labelItem, typeItem, valueItem};
    for (QStandardItem *item : row) {
        item->setEditable(false);
        if (reply.is_error())
            item->setForeground(QBrush(QColor(0xc0, 0x1c, 0x28)));
    }
    return row;
}

} // namespace workbench
