// SPDX-License-Identifier: MIT
// OS signals: diesel::signal(signo) waits for one; diesel::Signal (diesel's util.event.Signal)
// counts them and works as a condition of first().
//
//     diesel::Signal usr1(SIGUSR1);
//     auto r = diesel::first(diesel::cond::sleep(1), usr1); // r.index() == 1: it arrived
//     usr1.rearm();                                         // wait for the next one
//
// The first use of a signal installs diesel's handler for it; a program that already has its own
// handler for that signal gets ExistingSignalHandler instead (SIG_DFL and SIG_IGN are replaced).
// A handler the program installs later replaces diesel's: Loops and Signals already waiting are
// no longer woken by that signal, and the next signal() or Signal for it throws
// ExistingSignalHandler. Signals go to the Hub that first waited for one.
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/error.h>
#include <diesel/core/event.h>
#include <diesel/core/export.h>

#include <cstdint>

namespace diesel {

/// The program has its own handler for the signal that signal() or Signal was asked to handle.
class DIESEL_CORE_EXPORT ExistingSignalHandler : public Error
{
public:
    explicit ExistingSignalHandler(int signo);
    /// The signal concerned.
    int signo() const noexcept { return m_signo; }

private:
    int m_signo;
};

/// Suspends the calling Loop until the OS signal `signo` (SIGUSR1, SIGINT, ...) is delivered;
/// returns it. Deliveries are queued from the first call on until a Loop takes them; each wakes
/// every Loop waiting at that moment. Throws ExistingSignalHandler (see above).
DIESEL_CORE_EXPORT int signal(int signo);

namespace detail {
struct SignalTag;
struct SignalDelivery;
} // namespace detail

/// An Event set by each arrival of an OS signal: diesel's util.event.Signal. It stays set until
/// rearm(), counts every arrival, and is a condition of first(). Not copyable or movable; create
/// it on the Hub's thread (inside or outside a Loop). Throws ExistingSignalHandler (see above).
class DIESEL_CORE_EXPORT Signal : private detail::ListHook<detail::SignalTag>
{
public:
    /// Starts counting arrivals of `signo`, unset.
    explicit Signal(int signo);
    Signal(const Signal &) = delete;
    Signal &operator=(const Signal &) = delete;
    /// Stops counting (the handler stays installed).
    ~Signal();

    /// The signal it counts.
    int signo() const noexcept { return m_signo; }
    /// Arrivals since it was created.
    std::uint64_t arrivals() const noexcept { return m_arrivals; }
    /// Whether a signal arrived since it was created or last re-armed.
    bool is_set() const noexcept { return m_event.is_set(); }
    /// Unsets it: wait() and first() wait for the next arrival.
    void rearm() noexcept { m_event.clear(); }
    /// Suspends the calling Loop until it is set; returns at once if it is.
    void wait() { m_event.wait(); }
    /// Like wait(), for at most `timeout`; then throws EventTimeout.
    void wait(Seconds timeout) { m_event.wait(timeout); }
    /// wait(timeout) with the timeout in seconds.
    void wait(double timeout_seconds) { m_event.wait(timeout_seconds); }
    /// For first(sig, ...): fires once it is set.
    Event::Condition condition() noexcept { return m_event.condition(); }

private:
    friend struct detail::SignalDelivery;
    friend class detail::IntrusiveList<Signal, detail::SignalTag>;

    int m_signo;
    std::uint64_t m_arrivals = 0;
    std::uint64_t m_seen; // the process-wide count of this signal when last looked at
    Event m_event;
};

} // namespace diesel
