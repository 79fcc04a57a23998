// SPDX-License-Identifier: MIT
// Owns one workspace Riak item: a diesel::riak::RiakClient of its node. Start pings the node;
// the console's calls (get, put, delete, list keys, resolve siblings) each run in a Loop of their
// own and report back here, so the GUI never waits on the socket. It remembers the vector clock
// of each key it has read or written, so a put after a get replaces what the get showed instead
// of adding a sibling.
#pragma once

#include "riakspec.h"
#include "serveritemcontroller.h"

#include <QDateTime>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace diesel::riak {
class RiakClient;
}

namespace workbench {

/// One version of the object a get showed (several: siblings).
struct RiakSibling
{
    QByteArray value;
    QString contentType;
    QDateTime lastModified; ///< invalid when the node gave none
    bool deleted = false;   ///< a tombstone
};

/// The object the last get showed.
struct RiakShownObject
{
    QString bucket;
    QString key;
    QByteArray vclock;                 ///< opaque; a put with it replaces every sibling
    std::vector<RiakSibling> siblings; ///< none: not found
    std::uint64_t serial = 0;          ///< counts the objects shown (each get shows one anew)
};

class RiakController : public ServerItemController
{
    Q_OBJECT

public:
    explicit RiakController(RiakSpec spec, QObject *parent = nullptr);
    ~RiakController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autostart; }
    /// Makes the client and pings the node in a Loop: Running once it answers, Error if not.
    bool start() override;
    /// Drops the client (its connection closes) and cancels the calls under way.
    void stop() override;
    std::size_t liveConnections() const override;
    QJsonObject settings() const override { return riakJson(m_spec); }

    const RiakSpec &spec() const noexcept { return m_spec; }
    /// New settings; a started item restarts with them.
    void setSpec(const RiakSpec &spec);

    /// The console's calls: each runs in a Loop (starting the item first if needed) and ends in
    /// a row of operations() and a changed().
    void get(const QString &bucket, const QString &key);
    void put(const QString &bucket, const QString &key, const QByteArray &value,
             const QString &contentType);
    void remove(const QString &bucket, const QString &key);
    void listKeys(const QString &bucket);
    /// Keeps sibling `index` of the shown object: puts it with the object's vclock, which
    /// replaces every sibling, and gets the key again.
    void resolve(int index);
    /// Reads the bucket's allow_mult (whether concurrent writes are kept as siblings).
    void readBucketProps(const QString &bucket);
    /// Sets the bucket's allow_mult, then reads it back.
    void setAllowMult(const QString &bucket, bool on);
    /// The bucket's allow_mult as last read (nothing: not read yet).
    std::optional<bool> allowMult(const QString &bucket) const;

    const RiakShownObject &shown() const noexcept { return m_shown; }
    /// The keys of the last listing, sorted, and its bucket.
    const QStringList &keys() const noexcept { return m_keys; }
    QString keysBucket() const { return m_keysBucket; }

private:
    using Key = std::pair<QString, QString>; // bucket, key
    std::shared_ptr<diesel::riak::RiakClient> client();
    /// The row of a get (or a resolution's get), and the object it showed.
    void show(const QString &operation, RiakShownObject object);

    RiakSpec m_spec;
    std::shared_ptr<diesel::riak::RiakClient> m_client;
    RiakShownObject m_shown;
    QStringList m_keys;
    QString m_keysBucket;
    std::map<Key, QByteArray> m_vclocks;
    std::map<QString, bool> m_allowMult;
};

} // namespace workbench
