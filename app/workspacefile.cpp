// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "jsonfields.h"
#include "workspacefile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>

namespace workbench {

namespace {

constexpr qint64 kMaxWorkspaceBytes = 16 * 1024 * 1024;

// An item's object as the file has it, and where it stands for error messages ("items[1]", or
// "services[1]" in a version-1 file).
struct FileItem
{
    QString where;
    QJsonObject object;
};

// The objects of the list `key` of the root object.
std::vector<FileItem> readList(const QJsonObject &root, const char *key)
{
    std::vector<FileItem> items;
    const QJsonValue v = root.value(QLatin1String(key));
    if (v.isUndefined())
        return items;
    if (!v.isArray())
        fail(QLatin1String(key), QStringLiteral("expected a list"));
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i);
        if (!a.at(i).isObject())
            fail(where, QStringLiteral("expected an object"));
        items.push_back({where, a.at(i).toObject()});
    }
    return items;
}

// Version 1 had a list per kind ("services", "clients", "queues") and a Service named its Queue by
// name. Each item becomes a version-2 one: an id from its type and number ("queue-1"), its type,
// and the Queue link by that id.
std::vector<FileItem> migrateVersion1(const QJsonObject &root)
{
    std::vector<FileItem> items;
    std::map<QString, QString> queueIds; // name -> id
    std::vector<FileItem> queues = readList(root, "queues");
    for (std::size_t i = 0; i < queues.size(); ++i) {
        FileItem &q = queues[i];
        const QString name = getLabel(q.object, q.where, "name", {});
        if (queueIds.count(name))
            fail(field(q.where, "name"), QStringLiteral("another Queue is named \"%1\"").arg(name));
        const QString id = QStringLiteral("queue-%1").arg(i + 1);
        queueIds[name] = id;
        q.object.insert(QStringLiteral("id"), id);
        q.object.insert(QStringLiteral("type"), QStringLiteral("queue"));
    }
    for (const auto &[key, type] :
         {std::pair{"services", "service"}, std::pair{"clients", "client"}}) {
        std::vector<FileItem> list = readList(root, key);
        for (std::size_t i = 0; i < list.size(); ++i) {
            QJsonObject &o = list[i].object;
            o.insert(QStringLiteral("id"),
                     QStringLiteral("%1-%2").arg(QLatin1String(type)).arg(i + 1));
            o.insert(QStringLiteral("type"), QLatin1String(type));
            const QJsonValue queue = o.value(QLatin1String("queue"));
            if (queue.isString()) {
                // A name left over from another behaviour links nothing (the Service's reader
                // drops it); a pushing Service's Queue must be there.
                const auto it = queueIds.find(queue.toString());
                if (it != queueIds.end())
                    o.insert(QStringLiteral("queue"), it->second);
                else if (o.value(QLatin1String("behaviour")) == QLatin1String("queue"))
                    fail(field(list[i].where, "queue"),
                         QStringLiteral("no Queue is named \"%1\"").arg(queue.toString()));
            }
            items.push_back(std::move(list[i]));
        }
    }
    items.insert(items.end(), queues.begin(), queues.end());
    return items;
}

// Reads the items: ids unique, types registered, settings (and links) checked by each kind.
std::vector<WorkspaceItem> readItems(const std::vector<FileItem> &fileItems)
{
    const ItemTypeRegistry &registry = ItemTypeRegistry::instance();
    std::map<QString, QString> types; // id -> type
    for (const FileItem &f : fileItems) {
        const QString id = getLabel(f.object, f.where, "id", {}, true);
        if (id.trimmed().isEmpty())
            fail(field(f.where, "id"), QStringLiteral("must not be empty"));
        if (types.count(id))
            fail(field(f.where, "id"), QStringLiteral("another item has the id \"%1\"").arg(id));
        const QString type = getLabel(f.object, f.where, "type", {}, true);
        if (!registry.find(type))
            fail(field(f.where, "type"), QStringLiteral("unknown item type \"%1\" (known: %2)")
                                             .arg(type, registry.ids().join(QStringLiteral(", "))));
        types[id] = type;
    }
    const ItemReadContext context(types);
    std::vector<WorkspaceItem> items;
    for (const FileItem &f : fileItems) {
        QJsonObject settings = f.object;
        const QString id = settings.take(QLatin1String("id")).toString();
        const QString type = settings.take(QLatin1String("type")).toString();
        items.push_back({id, type, registry.find(type)->read(settings, f.where, context)});
    }
    return items;
}

QJsonObject itemJson(const WorkspaceItem &item)
{
    QJsonObject o = item.settings;
    o.insert(QStringLiteral("id"), item.id);
    o.insert(QStringLiteral("type"), item.type);
    return o;
}

} // namespace

WorkspaceResult parseWorkspace(const QByteArray &json, const QString &source)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const int line = int(json.left(error.offset).count('\n')) + 1;
        return {std::nullopt, QStringLiteral("%1 is not valid JSON: %2 (line %3)")
                                  .arg(source, error.errorString())
                                  .arg(line)};
    }
    if (!doc.isObject())
        return {std::nullopt,
                QStringLiteral("%1 is not a workspace: expected a JSON object").arg(source)};
    const QJsonObject root = doc.object();
    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined())
        return {
            std::nullopt,
            QStringLiteral("%1 is not a workspace file: it has no \"version\" field").arg(source)};
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) ||
        version.toDouble() < 1)
        return {std::nullopt,
                QStringLiteral("%1 has an invalid \"version\": expected a whole number from 1")
                    .arg(source)};
    // The number itself is compared: toInt() would turn 4294967297 or 1e308 into 0 or 1.
    if (version.toDouble() > Workspace::kVersion)
        return {std::nullopt,
                QStringLiteral("%1 was written by a newer Diesel Workbench (workspace version %2); "
                               "this one reads version %3. Nothing was changed.")
                    .arg(source)
                    .arg(version.toDouble(), 0, 'g', 17)
                    .arg(Workspace::kVersion)};
    try {
        checkKeys(root, {});
        Workspace w;
        w.version = version.toInt();
        w.name = getLabel(root, QStringLiteral("workspace"), "name", {});
        w.items = readItems(w.version == 1 ? migrateVersion1(root) : readList(root, "items"));
        return {std::move(w), {}};
    } catch (const Invalid &invalid) {
        return {std::nullopt,
                QStringLiteral("%1 is not a valid workspace: %2").arg(source, invalid.message)};
    }
}

WorkspaceResult readWorkspaceFile(const QString &path)
{
    // Opened without blocking (a FIFO would wait for a writer) and checked on the descriptor,
    // so that what is read is what was checked: /dev/zero or a pipe is refused, not read.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return {std::nullopt,
                    QStringLiteral("Cannot open %1: there is no such file").arg(path)};
        return {std::nullopt, QStringLiteral("Cannot open %1: %2")
                                  .arg(path, QString::fromLocal8Bit(std::strerror(error)))};
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return {std::nullopt, QStringLiteral("Cannot open %1: %2").arg(path, file.errorString())};
    }
    struct stat st
    {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return {std::nullopt,
                QStringLiteral("%1 is not a workspace: it is not a regular file").arg(path)};
    // A workspace is small; a huge file is not one. At most one byte past the limit is read,
    // whatever the file claims its size is.
    const QByteArray json = file.read(kMaxWorkspaceBytes + 1);
    if (json.size() > kMaxWorkspaceBytes)
        return {std::nullopt, QStringLiteral("%1 is too large to be a workspace (more than %2 MiB)")
                                  .arg(path)
                                  .arg(kMaxWorkspaceBytes >> 20)};
    return parseWorkspace(json, path);
}

QByteArray workspaceJson(const Workspace &w)
{
    QJsonObject root;
    root.insert(QStringLiteral("version"), Workspace::kVersion);
    if (!w.name.isEmpty())
        root.insert(QStringLiteral("name"), w.name);
    QJsonArray items;
    for (const WorkspaceItem &item : w.items)
        items.append(itemJson(item));
    root.insert(QStringLiteral("items"), items);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool writeWorkspaceFile(const QString &path, const Workspace &workspace, QString *error)
{
    // Every file written opens again: a link to an item removed meanwhile is refused here, with
    // the field named, rather than found when the file is next opened.
    const QByteArray json = workspaceJson(workspace);
    if (const WorkspaceResult check = parseWorkspace(json, QStringLiteral("the workspace"));
        !check) {
        if (error)
            *error = QStringLiteral("Cannot save %1: %2").arg(path, check.error);
        return false;
    }
    QSaveFile file(path);
    auto failed = [&] {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    file.write(json);
    if (!file.commit())
        return failed();
    return true;
}

} // namespace workbench
