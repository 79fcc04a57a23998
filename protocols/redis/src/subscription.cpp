// SPDX-License-Identifier: MIT
#include "logging.h"
#include "subhub_p.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>
#include <diesel/redis/subhub.h>

namespace diesel::redis {

namespace detail {

void Subscriber::push(Message &&message)
{
    if (sink) {
        try {
            sink(std::move(message));
        } catch (const std::exception &e) {
            // The hub's reader must go on serving the other subscriptions.
            qCWarning(lcRedis, "%s: a subscription's sink threw: %s", hub->label.c_str(), e.what());
        }
        return;
    }
    buffer.push_back(std::move(message));
    // One message wakes one fetcher; a woken Loop that finds the buffer empty waits again.
    while (WaitNode *node = waiters.pop_front())
        if (node->notify())
            break;
}

void Subscriber::unregister() noexcept
{
    if (closed)
        return;
    closed = true;
    wake_all();
    detach(*this, false);
}

void detach(Subscriber &subscriber, bool forget) noexcept
{
    SubHubState &state = *subscriber.hub;
    std::vector<std::string_view> gone;
    for (const std::string &name : subscriber.names) {
        auto &table = state.table_for(name);
        const auto it = table.find(name);
        if (it == table.end())
            continue;
        Entry &entry = it->second;
        std::erase(entry.subscribers, &subscriber);
        if (--entry.refs > 0)
            continue;
        // Nobody wants it any more: unsubscribe (a later sub() subscribes anew).
        if (forget)
            entry.pending = 0;
        else if ((entry.live || entry.pending > 0) && state.connected && !state.closed)
            gone.push_back(name);
        entry.live = false;
    }
    try {
        queue_subscribe(state, gone, false);
    } catch (...) {
        // Out of memory: the server keeps sending the channel; its messages find no subscriber.
    }
    for (const std::string &name : subscriber.names)
        state.release(name);
    state.wake_reader();
}

std::optional<Message> SubscriptionCondition::poll()
{
    if (m_subscriber->buffer.empty()) {
        if (m_subscriber->closed || m_subscriber->hub->closed)
            throw Error("fetch(): the subscription is closed");
        return std::nullopt;
    }
    Message message = std::move(m_subscriber->buffer.front());
    m_subscriber->buffer.pop_front();
    return message;
}

void SubscriptionCondition::Registration::arm(SubscriptionCondition &c, Wait &wait, int branch,
                                              WaitInfo &info)
{
    wait.add(node, branch, WaitKind::Queue);
    c.m_subscriber->waiters.push_back(node);
    info.kind = WaitKind::Queue;
    info.object = c.m_subscriber;
    info.name = c.m_subscriber->wait_name;
}

} // namespace detail

Subscription::Subscription(std::shared_ptr<detail::Subscriber> subscriber)
    : d(std::move(subscriber))
{}

Subscription::Subscription(Subscription &&) noexcept = default;

Subscription &Subscription::operator=(Subscription &&other) noexcept
{
    if (this != &other) {
        close();
        d = std::move(other.d);
    }
    return *this;
}

Subscription::~Subscription()
{
    close();
}

void Subscription::close() noexcept
{
    if (d)
        d->unregister();
}

bool Subscription::active() const noexcept
{
    return d && !d->closed && !d->hub->closed;
}

std::optional<Message> Subscription::try_fetch()
{
    if (!d)
        throw Error("fetch(): the subscription was moved from");
    detail::SubscriptionCondition condition(*d);
    return condition.poll();
}

Message Subscription::fetch()
{
    for (;;) {
        std::optional<Message> message = fetch(Clock::duration::max());
        if (message)
            return std::move(*message);
    }
}

std::optional<Message> Subscription::fetch(Clock::duration timeout)
{
    if (!d)
        throw Error("fetch(): the subscription was moved from");
    const std::shared_ptr<detail::Subscriber> keep = d;
    const bool forever = timeout == Clock::duration::max();
    const Clock::time_point deadline = forever ? Clock::time_point::max() : Clock::now() + timeout;
    detail::SubscriptionCondition condition(*keep);
    for (;;) {
        if (std::optional<Message> message = condition.poll())
            return message;
        Wait wait("fetch");
        detail::SubscriptionCondition::Registration registration;
        WaitInfo info;
        registration.arm(condition, wait, 0, info);
        if (!forever) {
            if (Clock::now() >= deadline)
                return std::nullopt;
            wait.set_deadline(deadline);
            info.deadline = deadline;
        }
        if (wait.suspend(info) == Wait::timed_out)
            return condition.poll();
    }
}

std::optional<Message> Subscription::fetch(double timeout_seconds)
{
    if (!(timeout_seconds < 1e9)) // also NaN: wait forever
        return fetch(Clock::duration::max());
    const auto timeout = std::chrono::duration_cast<Clock::duration>(
        Seconds(timeout_seconds < 0 ? 0.0 : timeout_seconds));
    return fetch(timeout);
}

std::size_t Subscription::pending() const noexcept
{
    return d ? d->buffer.size() : 0;
}

const std::vector<std::string> &Subscription::channels() const noexcept
{
    static const std::vector<std::string> none;
    return d ? d->names : none;
}

void Subscription::set_sink(MessageSink sink)
{
    if (!d)
        throw Error("set_sink(): the subscription was moved from");
    d->sink = std::move(sink);
    if (d->sink)
        while (!d->buffer.empty()) {
            Message message = std::move(d->buffer.front());
            d->buffer.pop_front();
            d->sink(std::move(message));
        }
}

detail::SubscriptionCondition Subscription::condition()
{
    if (!d)
        throw Error("condition(): the subscription was moved from");
    return detail::SubscriptionCondition(*d);
}

} // namespace diesel::redis
