// SPDX-License-Identifier: MIT
// Queue<T>: the guide's diesel.util.queue.Queue, a FIFO that passes items between Loops.
//
//     diesel::Queue<std::string> q("jobs");
//     q.put("Item 0");                       // an unbounded queue never makes put() wait
//     std::string item = q.get();            // suspends until an item is there
//     item = q.get(diesel::no_wait);         // get(waiting=False): throws QueueEmpty if empty
//     item = q.get(0.1);                     // get(timeout=0.1): throws QueueTimeout after 0.1 s
//     auto r = diesel::first(q, diesel::cond::sleep(1)); // an item, or a second passed
//
// Waiting Loops are served first come, first served: put() hands its item straight to the Loop
// that has waited longest, so one put() wakes exactly one Loop and no later get() can overtake it.
// As in diesel, a get() that finds an item already queued takes it and then yields (sleep(0))
// before returning: consumers of one queue take turns, each handling its share, and items are
// processed in the order they were put. get(diesel::no_yield) skips that yield.
#pragma once

#include <diesel/core/detail/deadline.h>
#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/error.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace diesel {

/// get() with waiting=false found the Queue empty.
class DIESEL_CORE_EXPORT QueueEmpty : public Error
{
public:
    explicit QueueEmpty(std::string_view queue);
};

/// put() with waiting=false found a bounded Queue full.
class DIESEL_CORE_EXPORT QueueFull : public Error
{
public:
    explicit QueueFull(std::string_view queue);
};

/// get() or put() with a timeout waited that long in vain.
class DIESEL_CORE_EXPORT QueueTimeout : public TimeoutError
{
public:
    explicit QueueTimeout(std::string_view queue);
};

/// Selects the non-waiting forms: q.get(diesel::no_wait) is the guide's q.get(waiting=False).
struct DIESEL_CORE_EXPORT NoWait
{
    explicit NoWait() = default;
};
/// See NoWait.
inline constexpr NoWait no_wait{};

/// Selects get() without diesel's yield after taking a queued item: q.get(diesel::no_yield) is
/// for a Loop that drains a queue alone and wants no Loop switch per item.
struct DIESEL_CORE_EXPORT NoYield
{
    explicit NoYield() = default;
};
/// See NoYield.
inline constexpr NoYield no_yield{};

template<class T>
class Queue;

namespace detail {

// A Loop waiting for an item. It lives on that Loop's stack. put() moves the item into it and
// files it under the queue's handed-over list; should the Loop die before taking the item (it
// was cancelled in between), the destructor gives the item back to the queue.
template<class T>
struct QueueGetter : WaitNode
{
    QueueGetter() = default;
    ~QueueGetter()
    {
        // Linked and holding an item means: handed over, not taken, and the queue still lives.
        if (item && is_linked()) {
            unlink();
            queue->give_back(std::move(*item));
        }
    }
    std::optional<T> take()
    {
        unlink();
        return std::exchange(item, std::nullopt);
    }

    Queue<T> *queue = nullptr;
    std::optional<T> item;
};

// A Loop waiting for room in a bounded queue. The item stays the producer's until it is accepted,
// so a put() that times out or is cancelled before that leaves the caller's item untouched.
template<class T>
struct QueuePutter : WaitNode
{
    T *item = nullptr;
    bool accepted = false;
};

} // namespace detail

/// A FIFO queue of T between the Loops of one thread. Not copyable or movable: waiting Loops
/// point at it. Destroy it only when no Loop waits on it.
template<class T>
class Queue
{
public:
    /// The type of the items.
    using value_type = T;
    /// The capacity of an unbounded queue.
    static constexpr std::size_t unbounded = 0;

    /// An unbounded queue (or one of `capacity` items); `name` shows in the workbench
    /// ("queue jobs") and in exceptions.
    explicit Queue(std::string name = {}, std::size_t capacity = unbounded)
        : m_name(std::move(name))
        , m_capacity(capacity)
    {}
    /// A bounded queue: put() waits while `capacity` items are queued.
    explicit Queue(std::size_t capacity, std::string name = {})
        : Queue(std::move(name), capacity)
    {}
    Queue(const Queue &) = delete;
    Queue &operator=(const Queue &) = delete;

    /// Suspends the calling Loop while a bounded queue is full, then adds `item`; a Loop waiting
    /// in get() receives it directly. If put() throws, `item` was not moved from (unless the Loop
    /// was cancelled after its item was accepted: then the item stays queued).
    void put(T &&item) { put_impl(item, true, std::nullopt); }
    void put(const T &item)
    {
        T copy(item);
        put(std::move(copy));
    }
    /// Adds `item` without waiting (the guide's waiting=False); throws QueueFull if a bounded
    /// queue is full.
    void put(T &&item, NoWait) { put_impl(item, false, std::nullopt); }
    void put(const T &item, NoWait)
    {
        T copy(item);
        put(std::move(copy), no_wait);
    }
    /// Suspends the calling Loop while a bounded queue is full, for at most `timeout`; then
    /// throws QueueTimeout.
    void put(T &&item, Seconds timeout) { put_impl(item, true, detail::deadline_after(timeout)); }
    /// put(item, timeout) with the timeout in seconds.
    void put(T &&item, double timeout_seconds) { put(std::move(item), Seconds(timeout_seconds)); }
    void put(const T &item, Seconds timeout)
    {
        T copy(item);
        put(std::move(copy), timeout);
    }
    void put(const T &item, double timeout_seconds) { put(item, Seconds(timeout_seconds)); }
    /// Adds `item` if that needs no waiting; returns false (leaving `item` as it was) otherwise.
    bool try_put(T &&item) { return offer(item); }
    bool try_put(const T &item)
    {
        if (m_getters.empty() && full())
            return false;
        T copy(item);
        return offer(copy);
    }

    /// Suspends the calling Loop until an item is there and returns it (the oldest). An item
    /// already queued is taken and then the Loop yields once (sleep(0)) so that other consumers
    /// take their turn; an item that arrives while the Loop waits is returned at once.
    T get() { return get_impl(true, std::nullopt); }
    /// Like get(), without the yield after taking a queued item.
    T get(NoYield) { return get_impl(true, std::nullopt, false); }
    /// Returns the oldest item (yielding once, as get() does); throws QueueEmpty if there is none.
    T get(NoWait) { return get_impl(false, std::nullopt); }
    /// Suspends the calling Loop until an item is there, for at most `timeout`; then throws
    /// QueueTimeout. Yields after taking a queued item, as get() does.
    T get(Seconds timeout) { return get_impl(true, detail::deadline_after(timeout)); }
    /// get(timeout) with the timeout in seconds, as the guide's get(timeout=0.1).
    T get(double timeout_seconds) { return get(Seconds(timeout_seconds)); }
    /// The oldest item, if there is one; never waits and never yields.
    std::optional<T> try_get()
    {
        if (m_items.empty())
            return std::nullopt;
        std::optional<T> item(std::move(m_items.front()));
        m_items.pop_front();
        admit_putters();
        return item;
    }

    /// Items queued (not counting items already handed to a waking Loop).
    std::size_t size() const noexcept { return m_items.size(); }
    /// True when no item is queued.
    bool empty() const noexcept { return m_items.empty(); }
    /// True when a bounded queue holds `capacity` items.
    bool full() const noexcept { return m_capacity != unbounded && m_items.size() >= m_capacity; }
    /// The most items put() queues without waiting (unbounded: 0).
    std::size_t capacity() const noexcept { return m_capacity; }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_name; }
    /// Loops waiting in get() (or in first() on this queue).
    std::size_t waiting_getters() const noexcept { return m_getters.size(); }
    /// Loops waiting in put() for room.
    std::size_t waiting_putters() const noexcept { return m_putters.size(); }

    /// The condition first() uses for a Queue (first(q, ...) calls condition()); its value is
    /// the item. Losing branches take nothing from the queue. An item already queued is taken
    /// with the yield of get().
    class Condition
    {
    public:
        using value_type = T;
        explicit Condition(Queue &queue) noexcept
            : m_queue(&queue)
        {}
        std::optional<T> poll()
        {
            std::optional<T> item = m_queue->try_get();
            if (item)
                m_queue->yield_holding(*item);
            return item;
        }

        struct Registration
        {
            void arm(Condition &c, Wait &wait, int branch, WaitInfo &info)
            {
                c.m_queue->add_getter(node, wait, branch, info);
            }
            std::optional<T> take() { return node.take(); }
            detail::QueueGetter<T> node;
        };

    private:
        Queue *m_queue;
    };
    /// This queue as a condition of first().
    Condition condition() noexcept { return Condition(*this); }

private:
    friend struct detail::QueueGetter<T>;

    T get_impl(bool waiting, std::optional<Clock::time_point> deadline, bool yield = true);
    // diesel's sleep() after taking a queued item. Should the yield throw (the Loop was cancelled
    // meanwhile), the item goes back to the front of the queue: nothing is lost.
    void yield_holding(T &item)
    {
        try {
            detail::yield_in_loop();
        } catch (...) {
            give_back(std::move(item));
            throw;
        }
    }
    void put_impl(T &item, bool waiting, std::optional<Clock::time_point> deadline);

    WaitInfo wait_info() const noexcept { return WaitInfo::of(WaitKind::Queue, m_name, this); }
    void add_getter(detail::QueueGetter<T> &node, Wait &wait, int branch, WaitInfo &info)
    {
        node.queue = this;
        wait.add(node, branch, WaitKind::Queue);
        m_getters.push_back(node);
        info = wait_info();
    }
    // Gives `item` to the longest-waiting getter that accepts the wake; moves from `item` only
    // then. Getters that refuse (woken by another branch of first(), timed out, cancelled) are
    // dropped from the list: they no longer wait here.
    bool hand_off(T &item)
    {
        while (detail::QueueGetter<T> *getter = m_getters.pop_front()) {
            if (getter->notify()) {
                getter->item.emplace(std::move(item));
                m_handed.push_back(*getter);
                return true;
            }
        }
        return false;
    }
    bool offer(T &item)
    {
        if (hand_off(item))
            return true;
        if (full())
            return false;
        m_items.push_back(std::move(item));
        return true;
    }
    // Room appeared: accept the items of waiting producers, oldest first.
    void admit_putters()
    {
        while (!full() && !m_putters.empty()) {
            detail::QueuePutter<T> *putter = m_putters.pop_front();
            if (putter->notify()) {
                m_items.push_back(std::move(*putter->item));
                putter->accepted = true;
            }
        }
    }
    // An item handed to a Loop that died before taking it. It was the oldest one, so it goes to
    // the next waiting Loop or to the front of the queue (briefly over capacity, if need be).
    void give_back(T &&item)
    {
        if (!hand_off(item))
            m_items.push_front(std::move(item));
    }

    std::string m_name;
    std::size_t m_capacity;
    std::deque<T> m_items;
    detail::IntrusiveList<detail::QueueGetter<T>> m_getters;
    detail::IntrusiveList<detail::QueueGetter<T>> m_handed;
    detail::IntrusiveList<detail::QueuePutter<T>> m_putters;
};

template<class T>
T Queue<T>::get_impl(bool waiting, std::optional<Clock::time_point> deadline, bool yield)
{
    for (;;) {
        if (std::optional<T> item = try_get()) {
            if (yield)
                yield_holding(*item);
            return std::move(*item);
        }
        if (!waiting)
            throw QueueEmpty(m_name);
        if (deadline && Clock::now() >= *deadline)
            throw QueueTimeout(m_name);
        Wait wait("Queue::get");
        detail::QueueGetter<T> node;
        WaitInfo info;
        add_getter(node, wait, 0, info);
        if (deadline)
            wait.set_deadline(*deadline);
        const int branch = wait.suspend(info);
        if (std::optional<T> item = node.take())
            return std::move(*item);
        if (branch == Wait::timed_out)
            throw QueueTimeout(m_name);
        // Woken without an item: only if moving the item into us threw. Wait again.
    }
}

template<class T>
void Queue<T>::put_impl(T &item, bool waiting, std::optional<Clock::time_point> deadline)
{
    for (;;) {
        if (offer(item))
            return;
        if (!waiting)
            throw QueueFull(m_name);
        if (deadline && Clock::now() >= *deadline)
            throw QueueTimeout(m_name);
        Wait wait("Queue::put");
        detail::QueuePutter<T> node;
        node.item = &item;
        wait.add(node, 0, WaitKind::Queue);
        m_putters.push_back(node);
        WaitInfo info = wait_info();
        if (deadline)
            wait.set_deadline(*deadline);
        const int branch = wait.suspend(info);
        if (node.accepted)
            return;
        if (branch == Wait::timed_out)
            throw QueueTimeout(m_name);
    }
}

/// Suspends the calling Loop until `queue` has an item and returns it: the guide's wait(q).
template<class T>
T wait(Queue<T> &queue)
{
    return queue.get();
}

} // namespace diesel
