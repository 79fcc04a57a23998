// SPDX-License-Identifier: MIT
// An HTTP client's settings as plain values, and their JSON (the "http-client" items of a
// workspace file): the request it sends and how often.
#pragma once

#include <QJsonObject>
#include <QString>

namespace workbench {

struct HttpClientSpec
{
    QString name = QStringLiteral("request");
    QString method = QStringLiteral("GET");
    QString url = QStringLiteral("http://127.0.0.1:8080/");
    QString headers; ///< one "Name: value" per line
    QString body;
    double timeout = 10.0;       ///< seconds from connecting to the end of the response
    bool verifyPeer = true;      ///< https: check the server's certificate
    int repeatCount = 1;         ///< requests per Send (0: until stopped)
    double repeatInterval = 1.0; ///< seconds between two of them

    friend bool operator==(const HttpClientSpec &, const HttpClientSpec &) = default;
};

/// Reads an HTTP client's settings (throws Invalid naming the field).
HttpClientSpec readHttpClientSpec(const QJsonObject &o, const QString &where);
QJsonObject httpClientJson(const HttpClientSpec &spec);
/// The owner name of its connections in the traffic view: "http client NAME".
QString httpClientLabel(const HttpClientSpec &spec);

} // namespace workbench
