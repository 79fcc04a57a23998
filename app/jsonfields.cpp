// SPDX-License-Identifier: MIT
#include "jsonfields.h"

#include <QJsonArray>

#include <cmath>

namespace workbench {

[[noreturn]] void fail(const QString &where, const QString &what)
{
    throw Invalid{where + QStringLiteral(": ") + what};
}

QString field(const QString &where, const char *key)
{
    return where + QLatin1Char('.') + QLatin1String(key);
}

QString getString(const QJsonObject &o, const QString &where, const char *key, QString fallback,
                  bool required)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required)
            fail(field(where, key), QStringLiteral("missing"));
        return fallback;
    }
    if (!v.isString())
        fail(field(where, key), QStringLiteral("expected a string"));
    return v.toString();
}

bool getBool(const QJsonObject &o, const QString &where, const char *key, bool fallback)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    if (!v.isBool())
        fail(field(where, key), QStringLiteral("expected true or false"));
    return v.toBool();
}

double getNumber(const QJsonObject &o, const QString &where, const char *key, double fallback,
                 double min, double max)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < min || v.toDouble() > max)
        fail(field(where, key),
             QStringLiteral("expected a number from %1 to %2").arg(min).arg(max));
    return v.toDouble();
}

int getInt(const QJsonObject &o, const QString &where, const char *key, int fallback, int min,
           int max)
{
    const double d = getNumber(o, where, key, fallback, min, max);
    if (d != std::floor(d))
        fail(field(where, key), QStringLiteral("expected a whole number"));
    return int(d);
}

// An optional nested object ("tls", "repeat"): nothing when it is absent.
std::optional<QJsonObject> getObject(const QJsonObject &o, const QString &where, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject())
        fail(field(where, key), QStringLiteral("expected an object"));
    return v.toObject();
}

// A name, host or interface: text without control characters. Qt's JSON parser takes raw ones
// (a NUL included) that would later cut the text short or vanish from a label.
QString getLabel(const QJsonObject &o, const QString &where, const char *key, QString fallback,
                 bool required)
{
    QString text = getString(o, where, key, std::move(fallback), required);
    for (const QChar c : text)
        if (c.category() == QChar::Other_Control)
            fail(field(where, key), QStringLiteral("contains the control character U+%1")
                                        .arg(c.unicode(), 4, 16, QLatin1Char('0')));
    return text;
}

// Rejects keys with control characters anywhere in `v`: "na\u0000me" would otherwise be an
// unknown key, silently ignored, and the field it meant would take its default.
void checkKeys(const QJsonValue &v, const QString &where)
{
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            checkKeys(a.at(i), QStringLiteral("%1[%2]").arg(where).arg(i));
        return;
    }
    if (!v.isObject())
        return;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QString at = where.isEmpty() ? key : where + QLatin1Char('.') + key;
        for (const QChar c : key)
            if (c.category() == QChar::Other_Control)
                fail(at, QStringLiteral("a key with the control character U+%1")
                             .arg(c.unicode(), 4, 16, QLatin1Char('0')));
        checkKeys(it.value(), at);
    }
}

// A required name that is not blank.
QString getName(const QJsonObject &o, const QString &where, const QString &fallback)
{
    QString name = getLabel(o, where, "name", fallback, true);
    if (name.trimmed().isEmpty())
        fail(field(where, "name"), QStringLiteral("must not be empty"));
    return name;
}

} // namespace workbench
