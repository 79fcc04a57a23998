// SPDX-License-Identifier: MIT
#include "client_io.h"
#include "client_state.h"
#include "format.h"
#include "logging.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>
#include <diesel/redis/client.h>
#include <diesel/redis/error.h>
#include <diesel/redis/lock.h>

#include <array>
#include <optional>
#include <random>

namespace diesel::redis {

namespace detail {

struct LockState
{
    RedisClient *client = nullptr;
    std::string host;
    std::uint16_t port = 0;
    RedisOptions options;
    std::string key;
    std::string token;
    std::chrono::milliseconds ttl{0};
    bool held = false;
    std::uint64_t renewals = 0;
    Hub *hub = nullptr;
    LoopId renewer = 0;
};

namespace {

// Renews the expiry only while the key still holds our token.
constexpr std::string_view kRenewScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then "
    "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
// Deletes the key only while it still holds our token.
constexpr std::string_view kReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then "
                                            "return redis.call('del', KEYS[1]) else return 0 end";

std::string make_token()
{
    thread_local std::mt19937_64 random{std::random_device{}()};
    static const char hex[] = "0123456789abcdef";
    std::string token;
    for (int word = 0; word < 2; ++word) {
        std::uint64_t bits = random();
        for (int i = 0; i < 16; ++i, bits >>= 4)
            token += hex[bits & 15];
    }
    return token;
}

// The body of the renewing child Loop. It has its own connection so that a holder blocked in a
// long command on the shared client (BLPOP, say) still keeps its lock.
void renew(const std::shared_ptr<LockState> &shared)
{
    LockState &state = *shared;
    struct Exit
    {
        LockState &state;
        ~Exit() { state.renewer = 0; }
    } exit{state};
    label("redis lock " + state.key);
    const auto interval = std::max(std::chrono::milliseconds(10), state.ttl / 3);
    std::optional<RedisClient> own;
    while (state.held) {
        sleep(interval);
        if (!state.held)
            break;
        std::string error;
        try {
            if (!own)
                own.emplace(state.host, state.port, state.options);
            const Num ttl(static_cast<long long>(state.ttl.count()));
            if (own->eval(kRenewScript, state.key, {state.token, ttl.view()}).as_int() == 0) {
                state.held = false; // expired and maybe taken: it is not ours any more
                break;
            }
            ++state.renewals;
        } catch (const ParentDied &) {
            throw; // the lock's owner is gone: so is the renewer
        } catch (const Error &e) {
            // Connection, TLS, protocol and server errors alike: the lock may still be ours,
            // so try again at the next interval rather than stop renewing it.
            error = e.what();
        }
        if (!error.empty())
            qCWarning(lcRedis, "lock '%s': cannot renew (%s); retrying", state.key.c_str(),
                      error.c_str());
    }
}

} // namespace
} // namespace detail

RedisLock::RedisLock(RedisClient &client, std::string key, Seconds timeout)
    : RedisLock(client, std::move(key), timeout, Seconds(0))
{}

RedisLock::RedisLock(RedisClient &client, std::string key, Seconds timeout, Seconds wait)
    : d(std::make_shared<detail::LockState>())
{
    d->client = &client;
    d->host = client.host();
    d->port = client.port();
    d->options = client.options();
    d->key = std::move(key);
    d->token = detail::make_token();
    d->ttl = std::max(std::chrono::milliseconds(1),
                      std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
    acquire(wait);
}

void RedisLock::acquire(Seconds wait)
{
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(wait);
    SetOptions options;
    options.ttl = d->ttl;
    options.nx = true;
    while (!d->client->set(d->key, d->token, options)) {
        if (Clock::now() >= deadline)
            throw LockNotAcquired("lock '" + d->key + "' is held by another owner");
        sleep(std::chrono::milliseconds(50));
    }
    d->held = true;
    Loop &loop = Loop::require("RedisLock");
    d->hub = &loop.hub();
    d->renewer = fork_child([state = d] { detail::renew(state); });
}

void RedisLock::stop_renewing() noexcept
{
    if (d->renewer && d->hub) {
        const LoopId id = std::exchange(d->renewer, 0);
        try {
            d->hub->cancel(id, "the lock was released");
        } catch (...) {
            // Cancelling only fails for lack of memory; the renewer then ends by itself, as
            // `held` is false.
        }
    }
}

RedisLock::~RedisLock()
{
    if (!d->held)
        return;
    d->held = false;
    stop_renewing();
    RedisClient &client = *d->client;
    detail::ClientState &state = *client.d;
    const std::array<std::string_view, 5> words{"EVAL", detail::kReleaseScript, "1", d->key,
                                                d->token};
    // Inside MULTI the EVAL would join someone's transaction; then a Loop of its own does it.
    if (!state.in_multi) {
        std::string bytes;
        try {
            detail::append_command(bytes, words);
        } catch (...) {
            bytes.clear(); // no memory: the key expires after its timeout
        }
        // Sent without waiting (a destructor); the dropped ticket leaves the reply to the next
        // reader.
        if (!bytes.empty() && state.channel->try_send(bytes))
            return;
    }
    try {
        fork([host = d->host, port = d->port, options = d->options, key = d->key,
              token = d->token] {
            label("redis lock release " + key);
            try {
                RedisClient own(host, port, options);
                own.eval(detail::kReleaseScript, key, token);
            } catch (const Error &e) {
                qCWarning(detail::lcRedis, "lock '%s': cannot release (%s); it expires by itself",
                          key.c_str(), e.what());
            }
        });
    } catch (...) {
        // No memory for a Loop: the key expires after its timeout.
    }
}

bool RedisLock::release()
{
    if (!d->held)
        return false;
    d->held = false;
    stop_renewing();
    return d->client->eval(detail::kReleaseScript, d->key, d->token).as_int() == 1;
}

bool RedisLock::held() const noexcept
{
    return d->held;
}

const std::string &RedisLock::key() const noexcept
{
    return d->key;
}

const std::string &RedisLock::token() const noexcept
{
    return d->token;
}

std::uint64_t RedisLock::renewals() const noexcept
{
    return d->renewals;
}

} // namespace diesel::redis
