// SPDX-License-Identifier: MIT
#include <diesel/http/app.h>

#include <QJsonParseError>

namespace diesel::http {

Response json(const QJsonDocument &document, int status)
{
    const QByteArray text = document.toJson(QJsonDocument::Compact);
    return Response(status, std::string(text.constData(), static_cast<std::size_t>(text.size())),
                    "application/json");
}

Response json(const QJsonObject &object, int status)
{
    return json(QJsonDocument(object), status);
}

Response json(const QJsonArray &array, int status)
{
    return json(QJsonDocument(array), status);
}

QJsonDocument read_json(const Request &request)
{
    QJsonParseError error{};
    QJsonDocument document = QJsonDocument::fromJson(
        QByteArray::fromRawData(request.body.data(), static_cast<qsizetype>(request.body.size())),
        &error);
    if (error.error != QJsonParseError::NoError)
        throw HttpError(400, "the body is not valid JSON: " + error.errorString().toStdString() +
                                 " at offset " + std::to_string(error.offset));
    return document;
}

} // namespace diesel::http
