// SPDX-License-Identifier: MIT
// Fanout<T>: publish a message to every current subscriber, each reading its own Queue.
//
//     diesel::Fanout<std::string> news("news");
//     auto sub = news.sub();            // in each subscriber Loop (unsubscribes when destroyed)
//     std::string m = sub.get();        // suspends until the next message
//     news.pub("hello");                // elsewhere: every subscriber gets a copy
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/queue.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace diesel {

/// One message to every subscriber. Not copyable or movable; may be destroyed before its
/// Subscriptions (they then receive nothing more).
template<class T>
class Fanout
{
    struct Subscriber : detail::ListHook<>
    {
        explicit Subscriber(const std::string &name)
            : queue(name)
        {}
        Queue<T> queue;
    };

public:
    /// A subscriber's place in the Fanout: its own unbounded Queue of the messages published
    /// since it subscribed. Unsubscribes when destroyed. Movable.
    class Subscription
    {
    public:
        /// Takes over the other's place.
        Subscription(Subscription &&) noexcept = default;
        /// Unsubscribes this one, then takes over the other's place.
        Subscription &operator=(Subscription &&) noexcept = default;
        /// Unsubscribes.
        ~Subscription() = default;

        /// Suspends the calling Loop until a message is there; returns the oldest (yielding once
        /// if it was already queued, as Queue::get() does).
        T get() { return m_sub->queue.get(); }
        /// The subscriber's queue (size(), try_get(), diesel::wait(*sub), ...).
        Queue<T> &queue() const noexcept { return m_sub->queue; }
        /// The subscriber's queue.
        Queue<T> &operator*() const noexcept { return m_sub->queue; }
        /// The subscriber's queue's members: sub->size().
        Queue<T> *operator->() const noexcept { return &m_sub->queue; }
        /// For first(sub, ...): the next message.
        typename Queue<T>::Condition condition() noexcept { return m_sub->queue.condition(); }
        /// False once the Fanout is gone.
        bool subscribed() const noexcept { return m_sub && m_sub->is_linked(); }

    private:
        friend class Fanout;
        explicit Subscription(std::unique_ptr<Subscriber> sub)
            : m_sub(std::move(sub))
        {}
        std::unique_ptr<Subscriber> m_sub; // on the heap: moving keeps its place in the list
    };

    /// `name` names the subscribers' queues in the workbench ("queue news").
    explicit Fanout(std::string name = {})
        : m_name(std::move(name))
    {}
    Fanout(const Fanout &) = delete;
    Fanout &operator=(const Fanout &) = delete;

    /// Puts a copy of `message` in every current subscriber's queue; never waits.
    void pub(const T &message)
    {
        m_subscribers.for_each([&message](Subscriber &s) { s.queue.put(message); });
    }
    /// Subscribes: the returned Subscription receives every message published from now on.
    [[nodiscard]] Subscription sub()
    {
        auto subscriber = std::make_unique<Subscriber>(m_name);
        m_subscribers.push_back(*subscriber);
        return Subscription(std::move(subscriber));
    }
    /// Current subscribers.
    std::size_t subscribers() const noexcept { return m_subscribers.size(); }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_name; }

private:
    std::string m_name;
    detail::IntrusiveList<Subscriber> m_subscribers;
};

} // namespace diesel
