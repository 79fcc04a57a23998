// SPDX-License-Identifier: MIT
// An HTTP Service's settings as plain values, and their JSON (the "http-service" items of a
// workspace file): where it listens and its routes, tried in order.
#pragma once

#include "httproute.h"

#include <QJsonObject>

#include <cstdint>
#include <vector>

namespace workbench {

struct HttpServiceSpec
{
    QString name = QStringLiteral("web");
    QString iface = QStringLiteral("127.0.0.1");
    std::uint16_t port = 8080; ///< 0: the OS picks one
    std::vector<HttpRoute> routes;
    bool autostart = true;

    friend bool operator==(const HttpServiceSpec &, const HttpServiceSpec &) = default;
};

/// Reads an HTTP Service's settings (throws Invalid naming the field).
HttpServiceSpec readHttpServiceSpec(const QJsonObject &o, const QString &where);
QJsonObject httpServiceJson(const HttpServiceSpec &spec);
/// The owner name of its connections in the traffic view: "http NAME".
QString httpServiceLabel(const HttpServiceSpec &spec);
/// A new Service's routes: GET / → text, GET /echo → echo of the request.
std::vector<HttpRoute> defaultHttpRoutes();

} // namespace workbench
