// SPDX-License-Identifier: MIT
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
#include <optional>
#include <stdexcept>

namespace workbench {

namespace {

constexpr qint64 kMaxWorkspaceBytes = 16 * 1024 * 1024;

// Thrown while validating; the message names the field ("services[1].port: ...").
struct Invalid
{
    QString message;
};

[[noreturn]] void fail(const QString &where, const QString &what)
{
    throw Invalid{where + QStringLiteral(": ") + what};
}

QString field(const QString &where, const char *key)
{
    return where + QLatin1Char('.') + QLatin1String(key);
}

QString getString(const QJsonObject &o, const QString &where, const char *key, QString fallback,
                  bool required = false)
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
                 bool required = false)
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

// Reads the list `key` of the root object into `out`, one object at a time with `read`, which
// takes the object and where it stands ("services[1]").
template<class Spec, class Read>
void readList(const QJsonObject &root, const char *key, std::vector<Spec> &out, Read read)
{
    const QJsonValue v = root.value(QLatin1String(key));
    if (v.isUndefined())
        return;
    if (!v.isArray())
        fail(QLatin1String(key), QStringLiteral("expected a list"));
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i);
        if (!a.at(i).isObject())
            fail(where, QStringLiteral("expected an object"));
        out.push_back(read(a.at(i).toObject(), where));
    }
}

// The optional "faults" object of a Service or Client.
FaultSpec readFaults(const QJsonObject &o, const QString &where)
{
    FaultSpec f;
    if (const auto j = getObject(o, where, "faults")) {
        const QString w = field(where, "faults");
        f.latencyMs = getInt(*j, w, "latencyMs", 0, 0, 3600 * 1000);
        f.bandwidth = getInt(*j, w, "bandwidth", 0, 0, 1 << 30);
        f.maxRead = getInt(*j, w, "maxRead", 0, 0, 1 << 30);
        f.maxWrite = getInt(*j, w, "maxWrite", 0, 0, 1 << 30);
        f.dropAfter = getInt(*j, w, "dropAfter", 0, 0, 1 << 30);
        f.dropProbability = getNumber(*j, w, "dropProbability", 0, 0, 1);
        f.reset = getBool(*j, w, "reset", false);
    }
    return f;
}

// Written only when it injects something, so files without faults stay as they were.
void insertFaults(QJsonObject &o, const FaultSpec &f)
{
    if (f == FaultSpec{})
        return;
    QJsonObject j;
    j.insert(QStringLiteral("latencyMs"), f.latencyMs);
    j.insert(QStringLiteral("bandwidth"), f.bandwidth);
    j.insert(QStringLiteral("maxRead"), f.maxRead);
    j.insert(QStringLiteral("maxWrite"), f.maxWrite);
    j.insert(QStringLiteral("dropAfter"), f.dropAfter);
    j.insert(QStringLiteral("dropProbability"), f.dropProbability);
    j.insert(QStringLiteral("reset"), f.reset);
    o.insert(QStringLiteral("faults"), j);
}

ServiceSpec readService(const QJsonObject &o, const QString &where)
{
    ServiceSpec s;
    s.name = getName(o, where, s.name);
    s.transport = getEnum(o, where, "transport", s.transport, {Transport::Tcp, Transport::Udp});
    s.iface = getLabel(o, where, "interface", s.iface);
    s.port = std::uint16_t(getInt(o, where, "port", 0, 0, 65535));
    s.behaviour = getEnum(o, where, "behaviour", s.behaviour,
                          {Behaviour::Echo, Behaviour::Holla, Behaviour::Broker,
                           Behaviour::QueuePush, Behaviour::Script});
    s.queue = getLabel(o, where, "queue", {});
    s.script = getString(o, where, "script", {});
    s.scriptBudgetMs = getInt(o, where, "scriptBudget", s.scriptBudgetMs, 1, 60000);
    s.autostart = getBool(o, where, "autostart", true);
    s.idleTimeout = getInt(o, where, "idleTimeout", s.idleTimeout, 0, 86400 * 365);
    s.minReceiveRate = getInt(o, where, "minReceiveRate", s.minReceiveRate, 0, 1 << 30);
    s.faults = readFaults(o, where);
    if (const auto t = getObject(o, where, "tls")) {
        const QString w = field(where, "tls");
        s.tls = getEnum(*t, w, "mode", TlsMode::Off,
                        {TlsMode::Off, TlsMode::Files, TlsMode::SelfSigned});
        s.certFile = getString(*t, w, "cert", {});
        s.keyFile = getString(*t, w, "key", {});
    }
    if (s.behaviour == Behaviour::Broker && s.transport == Transport::Udp)
        fail(field(where, "behaviour"), QStringLiteral("the broker needs TCP"));
    if (s.behaviour == Behaviour::QueuePush && s.queue.isEmpty())
        fail(field(where, "queue"), QStringLiteral("missing (the Queue to push lines into)"));
    if (s.behaviour == Behaviour::Script && s.transport == Transport::Udp)
        fail(field(where, "behaviour"), QStringLiteral("a script needs TCP"));
    return s;
}

ClientSpec readClient(const QJsonObject &o, const QString &where)
{
    ClientSpec c;
    c.name = getLabel(o, where, "name", c.name, true);
    c.transport = getEnum(o, where, "transport", c.transport, {Transport::Tcp, Transport::Udp});
    c.host = getLabel(o, where, "host", c.host);
    c.port = std::uint16_t(getInt(o, where, "port", c.port, 1, 65535));
    c.tls = getBool(o, where, "tls", false);
    c.verifyPeer = getBool(o, where, "verifyPeer", true);
    c.lineEnding = getEnum(o, where, "lineEnding", c.lineEnding,
                           {LineEnding::None, LineEnding::Lf, LineEnding::CrLf});
    c.waitForReply = getBool(o, where, "waitForReply", c.waitForReply);
    c.replyTimeout = getNumber(o, where, "replyTimeout", c.replyTimeout, 0.001, 3600);
    c.autoconnect = getBool(o, where, "autoconnect", false);
    c.faults = readFaults(o, where);
    if (const auto r = getObject(o, where, "repeat")) {
        const QString w = field(where, "repeat");
        c.repeat.enabled = getBool(*r, w, "enabled", true);
        c.repeat.message = getString(*r, w, "message", {});
        c.repeat.count = getInt(*r, w, "count", 0, 0, 100000000);
        c.repeat.interval = getNumber(*r, w, "interval", 1.0, 0.001, 86400);
    }
    return c;
}

QueueSpec readQueue(const QJsonObject &o, const QString &where)
{
    QueueSpec q;
    q.name = getName(o, where, q.name);
    q.capacity = getInt(o, where, "capacity", q.capacity, 0, 100000000);
    q.consumers = getInt(o, where, "consumers", 0, 0, 10000);
    q.consumeDelay = getNumber(o, where, "consumeDelay", 0, 0, 3600);
    return q;
}

QJsonObject serviceJson(const ServiceSpec &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("transport"), toString(s.transport));
    o.insert(QStringLiteral("interface"), s.iface);
    o.insert(QStringLiteral("port"), int(s.port));
    o.insert(QStringLiteral("behaviour"), toString(s.behaviour));
    if (!s.queue.isEmpty())
        o.insert(QStringLiteral("queue"), s.queue);
    if (s.behaviour == Behaviour::Script) { // only here: other files stay as they were
        o.insert(QStringLiteral("script"), s.script);
        o.insert(QStringLiteral("scriptBudget"), s.scriptBudgetMs);
    }
    o.insert(QStringLiteral("autostart"), s.autostart);
    o.insert(QStringLiteral("idleTimeout"), s.idleTimeout);
    o.insert(QStringLiteral("minReceiveRate"), s.minReceiveRate);
    if (s.tls != TlsMode::Off || !s.certFile.isEmpty() || !s.keyFile.isEmpty()) {
        QJsonObject t;
        t.insert(QStringLiteral("mode"), toString(s.tls));
        t.insert(QStringLiteral("cert"), s.certFile);
        t.insert(QStringLiteral("key"), s.keyFile);
        o.insert(QStringLiteral("tls"), t);
    }
    insertFaults(o, s.faults);
    return o;
}

QJsonObject clientJson(const ClientSpec &c)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), c.name);
    o.insert(QStringLiteral("transport"), toString(c.transport));
    o.insert(QStringLiteral("host"), c.host);
    o.insert(QStringLiteral("port"), int(c.port));
    o.insert(QStringLiteral("tls"), c.tls);
    o.insert(QStringLiteral("verifyPeer"), c.verifyPeer);
    o.insert(QStringLiteral("lineEnding"), toString(c.lineEnding));
    o.insert(QStringLiteral("waitForReply"), c.waitForReply);
    o.insert(QStringLiteral("replyTimeout"), c.replyTimeout);
    o.insert(QStringLiteral("autoconnect"), c.autoconnect);
    if (c.repeat.enabled || !c.repeat.message.isEmpty()) {
        QJsonObject r;
        r.insert(QStringLiteral("enabled"), c.repeat.enabled);
        r.insert(QStringLiteral("message"), c.repeat.message);
        r.insert(QStringLiteral("count"), c.repeat.count);
        r.insert(QStringLiteral("interval"), c.repeat.interval);
        o.insert(QStringLiteral("repeat"), r);
    }
    insertFaults(o, c.faults);
    return o;
}

QJsonObject queueJson(const QueueSpec &q)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), q.name);
    o.insert(QStringLiteral("capacity"), q.capacity);
    o.insert(QStringLiteral("consumers"), q.consumers);
    o.insert(QStringLiteral("consumeDelay"), q.consumeDelay);
    return o;
}

template<class Spec>
QJsonArray listJson(const std::vector<Spec> &specs, QJsonObject (*write)(const Spec &))
{
    QJsonArray list;
    for (const Spec &spec : specs)
        list.append(write(spec));
    return list;
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
        readList(root, "services", w.services, readService);
        readList(root, "clients", w.clients, readClient);
        // Services find their Queue by name, so two Queues cannot share one.
        readList(root, "queues", w.queues, [&w](const QJsonObject &o, const QString &where) {
            QueueSpec q = readQueue(o, where);
            for (const QueueSpec &other : w.queues)
                if (other.name == q.name)
                    fail(where + QStringLiteral(".name"),
                         QStringLiteral("another Queue is named \"%1\"").arg(q.name));
            return q;
        });
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
    root.insert(QStringLiteral("services"), listJson(w.services, serviceJson));
    root.insert(QStringLiteral("clients"), listJson(w.clients, clientJson));
    root.insert(QStringLiteral("queues"), listJson(w.queues, queueJson));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool writeWorkspaceFile(const QString &path, const Workspace &workspace, QString *error)
{
    QSaveFile file(path);
    auto failed = [&] {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    file.write(workspaceJson(workspace));
    if (!file.commit())
        return failed();
    return true;
}

} // namespace workbench
