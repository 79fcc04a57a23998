// SPDX-License-Identifier: MIT
// Dispatcher<T>: each message to one of the current subscribers, taking turns. While nobody is
// subscribed, messages wait in a backlog that the next subscriber receives; a subscriber that
// leaves hands its unread messages back to be dispatched again, so none is lost.
//
//     diesel::Dispatcher<Job> jobs("jobs");
//     auto worker = jobs.accept();      // in each worker Loop
//     Job job = worker.get();           // suspends until a job is dispatched to this worker
//     jobs.dispatch(Job{...});          // elsewhere
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/queue.h>

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <utility>

namespace diesel {

/// Each message to one subscriber. Not copyable or movable; may be destroyed before its
/// Subscriptions (they then receive nothing more).
template<class T>
class Dispatcher
{
    struct Subscriber : detail::ListHook<>
    {
        Subscriber(Dispatcher &d, const std::string &name)
            : owner(&d)
            , queue(name)
        {}
        Dispatcher *owner;
        Queue<T> queue;
    };

public:
    /// A subscriber's queue of the messages dispatched to it. When destroyed it unsubscribes and
    /// dispatches its unread messages again (to the others, or to the backlog). Movable.
    class Subscription
    {
    public:
        /// Takes over the other's place.
        Subscription(Subscription &&) noexcept = default;
        /// Leaves (see ~Subscription()), then takes over the other's place.
        Subscription &operator=(Subscription &&other) noexcept
        {
            if (this != &other) {
                leave();
                m_sub = std::move(other.m_sub);
            }
            return *this;
        }
        /// Unsubscribes and dispatches the unread messages again.
        ~Subscription() { leave(); }

        /// Suspends the calling Loop until a message is dispatched to it; returns the oldest
        /// (yielding once if it was already queued, as Queue::get() does).
        T get() { return m_sub->queue.get(); }
        /// The subscriber's queue (size(), try_get(), diesel::wait(*sub), ...).
        Queue<T> &queue() const noexcept { return m_sub->queue; }
        /// The subscriber's queue.
        Queue<T> &operator*() const noexcept { return m_sub->queue; }
        /// The subscriber's queue's members: sub->size().
        Queue<T> *operator->() const noexcept { return &m_sub->queue; }
        /// For first(sub, ...): the next message dispatched to it.
        typename Queue<T>::Condition condition() noexcept { return m_sub->queue.condition(); }

    private:
        friend class Dispatcher;
        explicit Subscription(std::unique_ptr<Subscriber> sub)
            : m_sub(std::move(sub))
        {}
        void leave() noexcept
        {
            if (!m_sub || !m_sub->is_linked())
                return; // moved from, or the Dispatcher is gone
            m_sub->unlink();
            while (std::optional<T> message = m_sub->queue.try_get())
                m_sub->owner->dispatch(std::move(*message));
        }
        std::unique_ptr<Subscriber> m_sub;
    };

    /// `name` names the subscribers' queues in the workbench ("queue jobs").
    explicit Dispatcher(std::string name = {})
        : m_name(std::move(name))
    {}
    Dispatcher(const Dispatcher &) = delete;
    Dispatcher &operator=(const Dispatcher &) = delete;

    /// Puts `message` in the queue of the next subscriber in turn (round robin), or in the
    /// backlog while there is none; never waits.
    void dispatch(T message)
    {
        if (Subscriber *next = m_subscribers.pop_front()) {
            m_subscribers.push_back(*next);
            next->queue.put(std::move(message));
        } else {
            m_backlog.push_back(std::move(message));
        }
    }
    /// Subscribes; the backlog, if any, goes to the new subscriber's queue.
    [[nodiscard]] Subscription accept()
    {
        auto subscriber = std::make_unique<Subscriber>(*this, m_name);
        for (T &message : m_backlog)
            subscriber->queue.put(std::move(message));
        m_backlog.clear();
        m_subscribers.push_back(*subscriber);
        return Subscription(std::move(subscriber));
    }
    /// Current subscribers.
    std::size_t subscribers() const noexcept { return m_subscribers.size(); }
    /// Messages kept while nobody is subscribed.
    std::size_t backlog() const noexcept { return m_backlog.size(); }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_name; }

private:
    std::string m_name;
    std::deque<T> m_backlog;
    detail::IntrusiveList<Subscriber> m_subscribers;
};

} // namespace diesel
