// SPDX-License-Identifier: MIT
#include <diesel/riak/json.h>

#include <QByteArray>
#include <QJsonParseError>

#include <stdexcept>

namespace diesel::riak {

std::string to_json(const QJsonDocument &document)
{
    return document.toJson(QJsonDocument::Compact).toStdString();
}

QJsonDocument from_json(std::string_view value)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(
        QByteArray::fromRawData(value.data(), qsizetype(value.size())), &error);
    if (error.error != QJsonParseError::NoError)
        throw std::invalid_argument("riak: the value is not JSON: " +
                                    error.errorString().toStdString());
    return document;
}

} // namespace diesel::riak
