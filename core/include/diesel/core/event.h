// SPDX-License-Identifier: MIT
// Event and Countdown: the guide's diesel.util.event. Both are conditions rather than moments:
// a Loop that waits after the Event was set (or the Countdown ran out) does not wait at all.
//
//     diesel::Event ev("ready");
//     ev.wait();            // in any number of Loops: suspends until someone calls ev.set()
//     diesel::Countdown done(3);
//     done.tick();          // the third tick wakes everyone in done.wait()
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/error.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace diesel {

/// Event::wait() or Countdown::wait() with a timeout waited that long in vain.
class DIESEL_CORE_EXPORT EventTimeout : public TimeoutError
{
public:
    explicit EventTimeout(std::string_view event);
};

namespace detail {
// A Loop waiting for an Event; `fired` tells first() that this branch was the one woken.
struct DIESEL_CORE_EXPORT EventWaiter : WaitNode
{
    bool fired = false;
};
} // namespace detail

/// A flag Loops wait for. Not copyable or movable: waiting Loops point at it.
class DIESEL_CORE_EXPORT Event
{
public:
    /// An unset Event; `name` shows in the workbench ("event ready") and in exceptions.
    explicit Event(std::string name = {});
    Event(const Event &) = delete;
    Event &operator=(const Event &) = delete;

    /// Sets the Event and wakes every Loop waiting for it; wait() returns at once until clear().
    void set();
    /// Unsets the Event: later wait() calls wait for the next set(). Loops already woken by a
    /// set() still return from their wait().
    void clear() noexcept { m_set = false; }
    /// Whether the Event is set.
    bool is_set() const noexcept { return m_set; }

    /// Suspends the calling Loop until the Event is set; returns at once if it is.
    void wait();
    /// Suspends the calling Loop until the Event is set, for at most `timeout`; then throws
    /// EventTimeout.
    void wait(Seconds timeout);
    /// wait(timeout) with the timeout in seconds.
    void wait(double timeout_seconds) { wait(Seconds(timeout_seconds)); }

    /// Loops waiting for it now.
    std::size_t waiting() const noexcept { return m_waiters.size(); }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_name; }

    /// The condition first() uses for an Event (first(ev, ...) calls condition()); its value
    /// is std::monostate.
    class Condition
    {
    public:
        using value_type = std::monostate;
        explicit Condition(Event &event) noexcept
            : m_event(&event)
        {}
        std::optional<value_type> poll() const noexcept;

        struct Registration
        {
            void arm(Condition &c, Wait &wait, int branch, WaitInfo &info);
            std::optional<value_type> take() const noexcept;
            detail::EventWaiter node;
        };

    private:
        Event *m_event;
    };
    /// This Event as a condition of first().
    Condition condition() noexcept { return Condition(*this); }

private:
    void add_waiter(detail::EventWaiter &node, Wait &wait, int branch, WaitInfo &info);
    void wait_impl(const Clock::time_point *deadline);

    std::string m_name;
    bool m_set = false;
    detail::IntrusiveList<detail::EventWaiter> m_waiters;
};

/// An Event that sets itself on the n-th tick(). Not copyable or movable.
class DIESEL_CORE_EXPORT Countdown
{
public:
    /// A Countdown of `count` ticks (0: done from the start); `name` as for Event.
    explicit Countdown(std::size_t count, std::string name = {});

    /// Counts one tick; the last one wakes every waiting Loop. Ticks after that change nothing.
    void tick();
    /// Ticks still needed.
    std::size_t remaining() const noexcept { return m_remaining; }
    /// Whether it has been ticked out.
    bool is_done() const noexcept { return m_remaining == 0; }

    /// Suspends the calling Loop until the Countdown has been ticked out; returns at once if so.
    void wait() { m_done.wait(); }
    /// Like wait(), for at most `timeout`; then throws EventTimeout.
    void wait(Seconds timeout) { m_done.wait(timeout); }
    /// wait(timeout) with the timeout in seconds.
    void wait(double timeout_seconds) { m_done.wait(timeout_seconds); }

    /// Loops waiting for it now.
    std::size_t waiting() const noexcept { return m_done.waiting(); }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_done.name(); }
    /// For first(done, ...): fires once the Countdown is done.
    Event::Condition condition() noexcept { return m_done.condition(); }

private:
    Event m_done;
    std::size_t m_remaining;
};

} // namespace diesel
