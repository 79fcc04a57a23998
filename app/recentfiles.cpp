// SPDX-License-Identifier: MIT
#include "recentfiles.h"
#include "settings.h"

#include <QFileInfo>

namespace workbench {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(SettingsStore &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{}

QStringList RecentFiles::files() const
{
    return m_settings.value(kKey).toStringList();
}

void RecentFiles::store(const QStringList &files)
{
    m_settings.setValue(kKey, files);
    Q_EMIT changed();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMax)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = files();
    if (list.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store(list);
}

void RecentFiles::clear()
{
    store({});
}

} // namespace workbench
