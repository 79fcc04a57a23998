// SPDX-License-Identifier: MIT
#include "riakcontroller.h"

#include <diesel/riak/client.h>

#include <algorithm>

namespace workbench {

namespace dr = diesel::riak;

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

RiakShownObject shownObject(const QString &bucket, const QString &key, const dr::Object &o)
{
    RiakShownObject shown{bucket, key, QByteArray::fromStdString(o.vclock), {}};
    for (const dr::Content &c : o.siblings) {
        RiakSibling sibling{QByteArray::fromStdString(c.value),
                            QString::fromStdString(c.content_type),
                            {},
                            c.deleted};
        if (c.last_modified)
            sibling.lastModified = QDateTime::fromMSecsSinceEpoch(
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    c.last_modified->time_since_epoch())
                    .count());
        shown.siblings.push_back(std::move(sibling));
    }
    return shown;
}

QString outcomeOf(const RiakShownObject &o)
{
    if (o.siblings.empty())
        return QStringLiteral("not found");
    if (o.siblings.size() == 1)
        return QStringLiteral("found, %1 bytes").arg(o.siblings.front().value.size());
    return QStringLiteral("found, %1 siblings").arg(o.siblings.size());
}

} // namespace

RiakController::RiakController(RiakSpec spec, QObject *parent)
    : ServerItemController(QStringLiteral("riak"), parent)
    , m_spec(std::move(spec))
{}

RiakController::~RiakController()
{
    stop();
}

QString RiakController::summary() const
{
    QString text = QStringLiteral("%1 \u2192 %2:%3").arg(m_spec.name, m_spec.host).arg(m_spec.port);
    if (!m_keysBucket.isEmpty())
        text += QStringLiteral(" \u00b7 %1 keys in %2").arg(m_keys.size()).arg(m_keysBucket);
    return text;
}

std::size_t RiakController::liveConnections() const
{
    return m_client && m_client->channel().is_connected() ? 1 : 0;
}

std::shared_ptr<dr::RiakClient> RiakController::client()
{
    if (!m_client)
        start();
    return m_client;
}

bool RiakController::start()
{
    if (m_client)
        return true;
    dr::RiakOptions options;
    options.request_timeout = diesel::Seconds(m_spec.requestTimeout);
    options.client.timeout = diesel::Seconds(m_spec.requestTimeout);
    options.client.label = s(trafficOwner());
    m_client = std::make_shared<dr::RiakClient>(s(m_spec.host), m_spec.port, options);
    const QString where = QStringLiteral("%1:%2").arg(m_spec.host).arg(m_spec.port);
    checkServer(QStringLiteral("ping %1").arg(where), [c = m_client] { c->ping(); });
    return true;
}

void RiakController::stop()
{
    if (!m_client)
        return;
    m_client.reset();
    stopped();
}

void RiakController::setSpec(const RiakSpec &spec)
{
    if (spec == m_spec)
        return;
    takeSettings({.restart = m_client != nullptr}, [&] { m_spec = spec; });
}

void RiakController::show(const QString &operation, RiakShownObject object)
{
    m_vclocks[{object.bucket, object.key}] = object.vclock;
    const QString outcome = outcomeOf(object);
    object.serial = m_shown.serial + 1;
    m_shown = std::move(object);
    succeeded(operation, outcome);
}

void RiakController::get(const QString &bucket, const QString &key)
{
    const QString operation = QStringLiteral("get %1/%2").arg(bucket, key);
    if (bucket.isEmpty() || key.isEmpty())
        return failed(operation, QStringLiteral("a bucket and a key are needed"));
    call(operation, [c = client(), this, bucket, key, operation]() -> LoopJobs::Done {
        RiakShownObject object = shownObject(bucket, key, c->get(s(bucket), s(key)));
        return [this, operation, object = std::move(object)]() mutable {
            show(operation, std::move(object));
        };
    });
}

void RiakController::put(const QString &bucket, const QString &key, const QByteArray &value,
                         const QString &contentType)
{
    const QString operation = QStringLiteral("put %1/%2").arg(bucket, key);
    if (bucket.isEmpty() || key.isEmpty())
        return failed(operation, QStringLiteral("a bucket and a key are needed"));
    const auto known = m_vclocks.find({bucket, key});
    const QByteArray vclock = known == m_vclocks.end() ? QByteArray() : known->second;
    call(operation,
         [c = client(), this, bucket, key, value, contentType, vclock,
          operation]() -> LoopJobs::Done {
             dr::Content content;
             content.value = value.toStdString();
             content.content_type = s(contentType);
             const dr::PutResult result =
                 c->put(s(bucket), s(key), std::move(content),
                        {.vclock = vclock.toStdString(), .return_body = true});
             RiakShownObject object = shownObject(bucket, key, result.object);
             return [this, operation, object = std::move(object), size = value.size()]() mutable {
                 m_vclocks[{object.bucket, object.key}] = object.vclock;
                 object.serial = m_shown.serial + 1;
                 m_shown = std::move(object);
                 succeeded(operation, QStringLiteral("stored %1 bytes").arg(size));
             };
         });
}

void RiakController::remove(const QString &bucket, const QString &key)
{
    const QString operation = QStringLiteral("delete %1/%2").arg(bucket, key);
    if (bucket.isEmpty() || key.isEmpty())
        return failed(operation, QStringLiteral("a bucket and a key are needed"));
    const auto known = m_vclocks.find({bucket, key});
    const QByteArray vclock = known == m_vclocks.end() ? QByteArray() : known->second;
    call(operation, [c = client(), this, bucket, key, vclock, operation]() -> LoopJobs::Done {
        c->delete_(s(bucket), s(key), {.vclock = vclock.toStdString()});
        return [this, bucket, key, operation] {
            m_vclocks.erase({bucket, key});
            if (m_shown.bucket == bucket && m_shown.key == key) {
                m_shown.siblings.clear();
                ++m_shown.serial;
            }
            if (m_keysBucket == bucket)
                m_keys.removeAll(key);
            succeeded(operation, QStringLiteral("deleted"));
        };
    });
}

void RiakController::listKeys(const QString &bucket)
{
    const QString operation = QStringLiteral("list keys of %1").arg(bucket);
    if (bucket.isEmpty())
        return failed(operation, QStringLiteral("a bucket is needed"));
    call(operation, [c = client(), this, bucket, operation]() -> LoopJobs::Done {
        QStringList keys;
        c->list_keys(s(bucket), [&keys](std::string_view key) {
            keys.push_back(QString::fromUtf8(key.data(), qsizetype(key.size())));
        });
        keys.sort();
        return [this, bucket, operation, keys = std::move(keys)]() mutable {
            m_keys = std::move(keys);
            m_keysBucket = bucket;
            succeeded(operation, QStringLiteral("%1 keys").arg(m_keys.size()));
        };
    });
}

void RiakController::resolve(int index)
{
    const QString operation = QStringLiteral("resolve %1/%2 with sibling %3")
                                  .arg(m_shown.bucket, m_shown.key)
                                  .arg(index + 1);
    if (index < 0 || std::size_t(index) >= m_shown.siblings.size())
        return failed(operation, QStringLiteral("no such sibling"));
    const RiakSibling chosen = m_shown.siblings[std::size_t(index)];
    const RiakShownObject object = m_shown;
    call(operation, [c = client(), this, object, chosen, operation]() -> LoopJobs::Done {
        dr::Content content;
        content.value = chosen.value.toStdString();
        content.content_type = s(chosen.contentType);
        // The vclock of the get that showed the siblings: the put replaces all of them.
        c->put(s(object.bucket), s(object.key), std::move(content),
               {.vclock = object.vclock.toStdString()});
        RiakShownObject after =
            shownObject(object.bucket, object.key, c->get(s(object.bucket), s(object.key)));
        return [this, operation, after = std::move(after)]() mutable {
            show(operation, std::move(after));
        };
    });
}

void RiakController::readBucketProps(const QString &bucket)
{
    const QString operation = QStringLiteral("read properties of %1").arg(bucket);
    if (bucket.isEmpty())
        return failed(operation, QStringLiteral("a bucket is needed"));
    call(operation, [c = client(), this, bucket, operation]() -> LoopJobs::Done {
        const bool on = c->bucket_props(s(bucket)).allow_mult.value_or(false);
        return [this, bucket, operation, on] {
            m_allowMult[bucket] = on;
            succeeded(operation,
                      QStringLiteral("allow_mult %1").arg(QLatin1String(on ? "true" : "false")));
        };
    });
}

void RiakController::setAllowMult(const QString &bucket, bool on)
{
    const QString operation =
        QStringLiteral("set allow_mult %1 on %2").arg(QLatin1String(on ? "true" : "false"), bucket);
    if (bucket.isEmpty())
        return failed(operation, QStringLiteral("a bucket is needed"));
    call(operation, [c = client(), this, bucket, on, operation]() -> LoopJobs::Done {
        c->set_bucket_props(s(bucket), {.allow_mult = on});
        const bool now = c->bucket_props(s(bucket)).allow_mult.value_or(false);
        return [this, bucket, operation, now] {
            m_allowMult[bucket] = now;
            succeeded(operation,
                      QStringLiteral("allow_mult %1").arg(QLatin1String(now ? "true" : "false")));
        };
    });
}

std::optional<bool> RiakController::allowMult(const QString &bucket) const
{
    const auto it = m_allowMult.find(bucket);
    if (it == m_allowMult.end())
        return std::nullopt;
    return it->second;
}

} // namespace workbench
