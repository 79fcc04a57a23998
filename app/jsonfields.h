// SPDX-License-Identifier: MIT
// Reading workspace JSON field by field: each getter checks one field and throws Invalid with a
// message that names it ("items[1].port: expected a number from 0 to 65535"). Item kinds read
// their settings with these, so every kind's errors read alike.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace workbench {

/// Thrown while validating; the message names the field.
struct Invalid
{
    QString message;
};

/// Throws Invalid{"where: what"}.
[[noreturn]] void fail(const QString &where, const QString &what);
/// "where.key".
QString field(const QString &where, const char *key);

QString getString(const QJsonObject &o, const QString &where, const char *key, QString fallback,
                  bool required = false);
bool getBool(const QJsonObject &o, const QString &where, const char *key, bool fallback);
double getNumber(const QJsonObject &o, const QString &where, const char *key, double fallback,
                 double min, double max);
int getInt(const QJsonObject &o, const QString &where, const char *key, int fallback, int min,
           int max);
/// An optional nested object ("tls", "repeat"): nothing when it is absent.
std::optional<QJsonObject> getObject(const QJsonObject &o, const QString &where, const char *key);
/// A name, host or interface: text without control characters.
QString getLabel(const QJsonObject &o, const QString &where, const char *key, QString fallback,
                 bool required = false);
/// A required name that is not blank.
QString getName(const QJsonObject &o, const QString &where, const QString &fallback);
/// Rejects keys with control characters anywhere in `v`.
void checkKeys(const QJsonValue &v, const QString &where);

/// One of `values`, spelled as toString(value) in the file.
template<class E>
E getEnum(const QJsonObject &o, const QString &where, const char *key, E fallback,
          std::initializer_list<E> values)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    QStringList words;
    for (E e : values) {
        if (v.toString() == toString(e))
            return e;
        words << QLatin1Char('"') + toString(e) + QLatin1Char('"');
    }
    fail(field(where, key), QStringLiteral("expected one of ") + words.join(QStringLiteral(", ")));
}

} // namespace workbench
