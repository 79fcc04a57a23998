// SPDX-License-Identifier: MIT
#include "documenttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace workbench {

namespace {
// Relaxed Extended JSON is plain JSON, so Qt reads it; a value is then written back alone.
// Integers stay exact: Qt keeps whole numbers that fit 64 bits as integers.
QString cellText(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)); // without [ and ]
}
} // namespace

DocumentTable tabulate(const std::vector<diesel::mongodb::Document> &documents)
{
    DocumentTable table;
    std::vector<QJsonObject> objects;
    objects.reserve(documents.size());
    for (const diesel::mongodb::Document &d : documents) {
        for (const std::string &key : d.keys()) {
            const QString column = QString::fromStdString(key);
            if (!table.columns.contains(column))
                table.columns << column;
        }
        objects.push_back(
            QJsonDocument::fromJson(QByteArray::fromStdString(d.to_relaxed_json())).object());
    }
    for (const QJsonObject &o : objects) {
        QStringList row;
        for (const QString &column : table.columns)
            row << (o.contains(column) ? cellText(o.value(column)) : QString());
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace workbench
