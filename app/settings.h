// SPDX-License-Identifier: MIT
// Settings are a value passed in, never QSettings opened here and there: main() makes the one
// QSettings-backed store; tests pass a MemorySettings.
#pragma once

#include <QHash>
#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>

namespace workbench {

class SettingsStore
{
public:
    virtual ~SettingsStore() = default;
    virtual QVariant value(const QString &key, const QVariant &fallback = {}) const = 0;
    virtual void setValue(const QString &key, const QVariant &value) = 0;
};

/// Settings kept in memory only (tests, --headless).
class MemorySettings final : public SettingsStore
{
public:
    QVariant value(const QString &key, const QVariant &fallback = {}) const override
    {
        return m_values.value(key, fallback);
    }
    void setValue(const QString &key, const QVariant &value) override { m_values[key] = value; }

private:
    QHash<QString, QVariant> m_values;
};

/// The user's settings file (QSettings with the application's name).
class QtSettings final : public SettingsStore
{
public:
    QtSettings() = default;
    QVariant value(const QString &key, const QVariant &fallback = {}) const override
    {
        return m_settings.value(key, fallback);
    }
    void setValue(const QString &key, const QVariant &value) override
    {
        m_settings.setValue(key, value);
    }

private:
    QSettings m_settings;
};

} // namespace workbench
