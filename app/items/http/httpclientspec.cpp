// SPDX-License-Identifier: MIT
#include "httpclientspec.h"
#include "jsonfields.h"

namespace workbench {

HttpClientSpec readHttpClientSpec(const QJsonObject &o, const QString &where)
{
    HttpClientSpec s;
    s.name = getName(o, where, s.name);
    s.method = getLabel(o, where, "method", s.method).trimmed().toUpper();
    if (s.method.isEmpty() || s.method.contains(QLatin1Char(' ')))
        fail(field(where, "method"), QStringLiteral("expected a method such as GET or POST"));
    s.url = getLabel(o, where, "url", s.url).trimmed();
    s.headers = getString(o, where, "headers", s.headers);
    s.body = getString(o, where, "body", s.body);
    s.timeout = getNumber(o, where, "timeout", s.timeout, 0.001, 3600);
    s.verifyPeer = getBool(o, where, "verifyPeer", s.verifyPeer);
    s.repeatCount = getInt(o, where, "repeatCount", s.repeatCount, 0, 1000000);
    s.repeatInterval = getNumber(o, where, "repeatInterval", s.repeatInterval, 0, 86400);
    return s;
}

QJsonObject httpClientJson(const HttpClientSpec &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("method"), s.method);
    o.insert(QStringLiteral("url"), s.url);
    o.insert(QStringLiteral("headers"), s.headers);
    o.insert(QStringLiteral("body"), s.body);
    o.insert(QStringLiteral("timeout"), s.timeout);
    o.insert(QStringLiteral("verifyPeer"), s.verifyPeer);
    o.insert(QStringLiteral("repeatCount"), s.repeatCount);
    o.insert(QStringLiteral("repeatInterval"), s.repeatInterval);
    return o;
}

QString httpClientLabel(const HttpClientSpec &spec)
{
    return QStringLiteral("http client ") + spec.name;
}

} // namespace workbench
