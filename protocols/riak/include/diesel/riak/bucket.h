// SPDX-License-Identifier: MIT
// Bucket: the guide's higher-level Riak API. It remembers each key's vector clock so that a put
// after a get is not a blind write, and resolves siblings with the application's resolver,
// writing the resolution back.
#pragma once

#include <diesel/riak/client.h>
#include <diesel/riak/export.h>
#include <diesel/riak/json.h>
#include <diesel/riak/types.h>

#include <QJsonDocument>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::riak {

/// Picks the value to keep of two conflicting ones (the guide's resolver(t1, v1, t2, v2)).
using Resolver = std::function<std::string(Timestamp t1, std::string_view v1, Timestamp t2,
                                           std::string_view v2)>;

/// Keeps the newer of two values (the default resolver).
DIESEL_RIAK_EXPORT std::string resolve_newest(Timestamp t1, std::string_view v1, Timestamp t2,
                                              std::string_view v2);

/// A named bucket used through `client`, which must outlive it. Use it from Loops of one thread.
/// It keeps the last vclock of every key it has read or written (memory grows with those keys).
class DIESEL_RIAK_EXPORT Bucket
{
public:
    /// `resolver` folds siblings pairwise; none: resolve_newest.
    Bucket(RiakClient &client, std::string name, Resolver resolver = {});
    Bucket(const Bucket &) = delete;
    Bucket &operator=(const Bucket &) = delete;
    ~Bucket();

    /// Suspends the calling Loop; the key's value (nullopt: not found). Siblings are folded with
    /// the resolver and the result is written back; Loops reading the same conflicted key
    /// meanwhile wait for that one resolution instead of writing their own.
    std::optional<std::string> get(std::string_view key);
    /// Suspends the calling Loop while storing `value` with the key's last known vclock.
    void put(std::string_view key, std::string_view value);
    /// Suspends the calling Loop while deleting the key (with its last known vclock).
    void delete_(std::string_view key);

    /// get() parsed as JSON; throws std::invalid_argument for a value that is not JSON.
    std::optional<QJsonDocument> get_json(std::string_view key);
    /// put() of a JSON document, stored with content type application/json.
    void put_json(std::string_view key, const QJsonDocument &document);

    /// How many sibling resolutions this Bucket wrote back so far.
    std::uint64_t resolutions() const noexcept { return m_resolutions; }
    const std::string &name() const noexcept { return m_name; }

private:
    struct Resolution;
    std::string resolve(std::string_view key, const Object &object);
    void store(std::string_view key, Content content);
    void remember(std::string_view key, std::string vclock);

    RiakClient &m_client;
    std::string m_name;
    Resolver m_resolver;
    std::map<std::string, std::string, std::less<>> m_vclocks;
    std::map<std::string, std::shared_ptr<Resolution>, std::less<>> m_resolving;
    std::uint64_t m_resolutions = 0;
};

} // namespace diesel::riak
