// SPDX-License-Identifier: MIT
// The recently used workspace files, newest first, kept in the settings.
#pragma once

#include <QObject>
#include <QStringList>

namespace workbench {

class SettingsStore;

class RecentFiles : public QObject
{
    Q_OBJECT

public:
    explicit RecentFiles(SettingsStore &settings, QObject *parent = nullptr);

    QStringList files() const;
    /// Moves (or adds) `path` to the front.
    void add(const QString &path);
    void remove(const QString &path);
    void clear();
    static constexpr int kMax = 8;

Q_SIGNALS:
    void changed();

private:
    void store(const QStringList &files);
    SettingsStore &m_settings;
};

} // namespace workbench
