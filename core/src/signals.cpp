// SPDX-License-Identifier: MIT
// OS signals as something a Loop waits for. The handler only counts the signal, raises a flag and
// writes a byte to a self-pipe (all async-signal-safe). The Hub that receives signals looks at
// the flag before each resumption, so a signal is seen in the next round even while Loops only
// yield; the pipe wakes it when it is idle in Qt's event loop.
#include "hub_p.h"
#include "logging.h"
#include "platform/signals.h"
#include "watcher.h"

#include <diesel/core/error.h>
#include <diesel/core/signal.h>
#include <diesel/core/wait.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <string>

namespace diesel {

namespace detail {
std::atomic<bool> g_signal_arrived{false};
} // namespace detail

namespace {

constexpr int kMaxSignal = 65;
// Deliveries not yet taken by a Loop in signal(), and all deliveries ever (for Signal objects).
std::array<std::atomic<unsigned>, kMaxSignal> g_pending{};
std::array<std::atomic<std::uint64_t>, kMaxSignal> g_arrivals{};
detail::SelfPipe g_pipe;
std::mutex g_mutex; // guards installing handlers and the owner

std::size_t slot(int signo)
{
    return static_cast<std::size_t>(signo);
}

extern "C" void on_signal(int signo)
{
    const int saved = errno;
    if (signo > 0 && signo < kMaxSignal) {
        g_pending[slot(signo)].fetch_add(1, std::memory_order_relaxed);
        g_arrivals[slot(signo)].fetch_add(1, std::memory_order_relaxed);
    }
    detail::g_signal_arrived.store(true, std::memory_order_release);
    g_pipe.notify(signo);
    errno = saved;
}

} // namespace

namespace detail {
struct SignalDelivery
{
    static void deliver(Signal &s, int signo) noexcept
    {
        const std::uint64_t now = g_arrivals[slot(signo)].load(std::memory_order_relaxed);
        if (now == s.m_seen)
            return;
        s.m_arrivals += now - s.m_seen;
        s.m_seen = now;
        s.m_event.set();
    }
};

} // namespace detail

namespace {

class SignalWatcher final : public detail::Watcher, public detail::HubResource
{
public:
    explicit SignalWatcher(detail::HubPrivate &hub)
        : Watcher(g_pipe.read_end())
        , m_hub(&hub)
    {
        hub.backend->add(*this);
        if (!hub.backend->edge_triggered())
            hub.backend->update(*this);
        hub.add_resource(*this);
        hub.receives_signals = true;
    }
    ~SignalWatcher() override { detach_from_hub(); }

    void on_ready(bool now_readable, bool) noexcept override
    {
        if (now_readable)
            detail::dispatch_signals();
    }

    void deliver() noexcept
    {
        g_pipe.drain();
        if (!m_hub->backend->edge_triggered())
            m_hub->backend->update(*this);
        // Whoever waits for a signal runs before the Loops that are merely ready.
        detail::HubPrivate::UrgentWakes urgent(*m_hub);
        for (int signo = 1; signo < kMaxSignal; ++signo) {
            m_signals[slot(signo)].for_each(
                [signo](Signal &s) { detail::SignalDelivery::deliver(s, signo); });
            auto &waiters = m_waiters[slot(signo)];
            auto &pending = g_pending[slot(signo)];
            // Each delivery wakes every Loop waiting for it; without waiters it stays pending.
            while (!waiters.empty() && pending.load(std::memory_order_relaxed) > 0) {
                pending.fetch_sub(1, std::memory_order_relaxed);
                while (WaitNode *node = waiters.pop_front())
                    node->notify();
            }
        }
    }

    void detach_from_hub() noexcept override
    {
        if (!m_hub)
            return;
        m_hub->receives_signals = false;
        m_hub->backend->remove(*this);
        static_cast<detail::ListHook<detail::ResourceTag> &>(*this).unlink();
        m_hub = nullptr;
    }

    detail::HubPrivate *hub() const noexcept { return m_hub; }
    detail::IntrusiveList<WaitNode> &waiters(int signo) { return m_waiters[slot(signo)]; }
    detail::IntrusiveList<Signal, detail::SignalTag> &signals(int signo)
    {
        return m_signals[slot(signo)];
    }

private:
    detail::HubPrivate *m_hub;
    std::array<detail::IntrusiveList<WaitNode>, kMaxSignal> m_waiters;
    std::array<detail::IntrusiveList<Signal, detail::SignalTag>, kMaxSignal> m_signals;
};

std::unique_ptr<SignalWatcher> g_watcher;

SignalWatcher &watcher_for(detail::HubPrivate &hub, int signo)
{
    if (signo <= 0 || signo >= kMaxSignal)
        throw Error("signal(): no such signal " + std::to_string(signo));
    std::lock_guard lock(g_mutex);
    g_pipe.open();
    if (g_watcher && g_watcher->hub() && g_watcher->hub() != &hub)
        throw Error("signal(): signals are delivered to the Hub of the thread that first waited "
                    "for one");
    detail::install_signal_handler(signo, &on_signal);
    if (!g_watcher || !g_watcher->hub())
        g_watcher = std::make_unique<SignalWatcher>(hub);
    return *g_watcher;
}

} // namespace

namespace detail {

void dispatch_signals() noexcept
{
    g_signal_arrived.exchange(false, std::memory_order_acq_rel);
    if (g_watcher && g_watcher->hub())
        g_watcher->deliver();
}

} // namespace detail

ExistingSignalHandler::ExistingSignalHandler(int signo)
    : Error("signal(): the program has its own handler for " + detail::signal_name(signo))
    , m_signo(signo)
{}

int signal(int signo)
{
    Loop &loop = Loop::require("signal");
    SignalWatcher &watcher = watcher_for(detail::hub_of(loop), signo);
    auto &pending = g_pending[slot(signo)];
    const std::string name = detail::signal_name(signo);
    for (;;) {
        unsigned count = pending.load(std::memory_order_relaxed);
        while (count > 0)
            if (pending.compare_exchange_weak(count, count - 1, std::memory_order_relaxed))
                return signo;
        Wait wait("signal");
        WaitNode node;
        wait.add(node, 0, WaitKind::Signal);
        watcher.waiters(signo).push_back(node);
        WaitInfo info;
        info.kind = WaitKind::Signal;
        info.name = name;
        if (wait.suspend(info) == 0)
            return signo;
    }
}

Signal::Signal(int signo)
    : m_signo(signo)
    , m_event(detail::signal_name(signo))
{
    Loop *loop = Loop::current();
    Hub &hub = loop ? loop->hub() : Hub::current();
    SignalWatcher &watcher = watcher_for(hub.internals(), signo);
    m_seen = g_arrivals[slot(signo)].load(std::memory_order_relaxed);
    watcher.signals(signo).push_back(*this);
}

Signal::~Signal() = default;

} // namespace diesel
