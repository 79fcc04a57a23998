// SPDX-License-Identifier: MIT
#include <diesel/core/event.h>
#include <diesel/riak/bucket.h>

#include <algorithm>
#include <exception>

namespace diesel::riak {

namespace {
constexpr std::string_view kJson = "application/json";

bool live(const Content &c)
{
    return !c.deleted;
}

Timestamp stamp_of(const Content &c)
{
    return c.last_modified.value_or(Timestamp());
}
} // namespace

// One resolution of a key in progress: Loops that find the key conflicted meanwhile wait for it.
struct Bucket::Resolution
{
    Event done{"riak resolution"};
    std::optional<std::string> value;
    std::exception_ptr error;
};

std::string resolve_newest(Timestamp t1, std::string_view v1, Timestamp t2, std::string_view v2)
{
    return std::string(t2 > t1 ? v2 : v1);
}

Bucket::Bucket(RiakClient &client, std::string name, Resolver resolver)
    : m_client(client)
    , m_name(std::move(name))
    , m_resolver(resolver ? std::move(resolver) : Resolver(resolve_newest))
{}

Bucket::~Bucket() = default;

void Bucket::remember(std::string_view key, std::string vclock)
{
    if (vclock.empty()) {
        if (auto it = m_vclocks.find(key); it != m_vclocks.end())
            m_vclocks.erase(it);
        return;
    }
    m_vclocks.insert_or_assign(std::string(key), std::move(vclock));
}

std::optional<std::string> Bucket::get(std::string_view key)
{
    const Object object = m_client.get(m_name, key);
    remember(key, object.vclock);
    const auto live_count = std::count_if(object.siblings.begin(), object.siblings.end(), live);
    if (live_count == 0)
        return std::nullopt;
    if (live_count == 1)
        return std::find_if(object.siblings.begin(), object.siblings.end(), live)->value;
    return resolve(key, object);
}

std::string Bucket::resolve(std::string_view key, const Object &object)
{
    if (auto it = m_resolving.find(key); it != m_resolving.end()) {
        const std::shared_ptr<Resolution> pending = it->second;
        pending->done.wait();
        if (pending->error)
            std::rethrow_exception(pending->error);
        return *pending->value;
    }
    auto resolution = std::make_shared<Resolution>();
    m_resolving.emplace(std::string(key), resolution);
    // Settles the resolution however this Loop leaves (result, error, cancellation), so that the
    // Loops waiting for it never wait forever.
    struct Settle
    {
        Bucket &bucket;
        std::string key;
        Resolution &resolution;
        ~Settle()
        {
            bucket.m_resolving.erase(key);
            if (!resolution.value && !resolution.error) {
                resolution.error = std::make_exception_ptr(
                    Error("riak: the Loop resolving " + bucket.m_name + "/" + key + " stopped"));
            }
            resolution.done.set();
        }
    } settle{*this, std::string(key), *resolution};

    try {
        Content merged;
        bool first = true;
        Timestamp newest;
        for (const Content &sibling : object.siblings) {
            if (!live(sibling))
                continue;
            if (first) {
                merged = sibling;
                newest = stamp_of(sibling);
                first = false;
                continue;
            }
            merged.value = m_resolver(newest, merged.value, stamp_of(sibling), sibling.value);
            newest = std::max(newest, stamp_of(sibling));
        }
        Content stored;
        stored.value = merged.value;
        stored.content_type = merged.content_type;
        stored.usermeta = merged.usermeta;
        stored.indexes = merged.indexes;
        // The object's vclock covers every sibling: this write replaces them all.
        PutOptions options;
        options.vclock = object.vclock;
        options.return_head = true;
        remember(key, m_client.put(m_name, key, std::move(stored), options).object.vclock);
        ++m_resolutions;
        resolution->value = std::move(merged.value);
    } catch (const std::exception &) {
        resolution->error = std::current_exception();
    }
    if (resolution->error)
        std::rethrow_exception(resolution->error);
    return *resolution->value;
}

void Bucket::store(std::string_view key, Content content)
{
    PutOptions options;
    if (auto it = m_vclocks.find(key); it != m_vclocks.end())
        options.vclock = it->second;
    options.return_head = true;
    remember(key, m_client.put(m_name, key, std::move(content), options).object.vclock);
}

void Bucket::put(std::string_view key, std::string_view value)
{
    Content content;
    content.value = value;
    store(key, std::move(content));
}

void Bucket::delete_(std::string_view key)
{
    DeleteOptions options;
    if (auto it = m_vclocks.find(key); it != m_vclocks.end()) {
        options.vclock = it->second;
        m_vclocks.erase(it);
    }
    m_client.delete_(m_name, key, options);
}

std::optional<QJsonDocument> Bucket::get_json(std::string_view key)
{
    std::optional<std::string> value = get(key);
    if (!value)
        return std::nullopt;
    return from_json(*value);
}

void Bucket::put_json(std::string_view key, const QJsonDocument &document)
{
    Content content;
    content.value = to_json(document);
    content.content_type = kJson;
    store(key, std::move(content));
}

} // namespace diesel::riak
