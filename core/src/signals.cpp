// SPDX-License-Identifier: MIT
// OS signals as something a Loop waits for. The handler only counts the signal and writes a byte
// to a self-pipe (both async-signal-safe); the pipe's reader, a watcher on the Hub that first
// asked for signals, wakes the waiting Loops.
#include "hub_p.h"
#include "logging.h"
#include "watcher.h"

#include <diesel/core/error.h>
#include <diesel/core/runtime.h>
#include <diesel/core/wait.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

namespace diesel {

namespace {

constexpr int kMaxSignal = 65;
std::array<std::atomic<unsigned>, kMaxSignal> g_pending{};
std::array<bool, kMaxSignal> g_installed{};
int g_pipe[2] = {-1, -1};
std::mutex g_mutex; // guards installing handlers and the owner

extern "C" void on_signal(int signo)
{
    const int saved = errno;
    if (signo > 0 && signo < kMaxSignal)
        g_pending[static_cast<std::size_t>(signo)].fetch_add(1, std::memory_order_relaxed);
    const char byte = static_cast<char>(signo);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

class SignalWatcher final : public detail::Watcher, public detail::HubResource
{
public:
    explicit SignalWatcher(detail::HubPrivate &hub)
        : Watcher(g_pipe[0])
        , m_hub(&hub)
    {
        hub.backend->add(*this);
        if (!hub.backend->edge_triggered())
            hub.backend->update(*this);
        hub.add_resource(*this);
    }
    ~SignalWatcher() override { detach_from_hub(); }

    void on_ready(bool now_readable, bool) noexcept override
    {
        if (!now_readable)
            return;
        char bytes[64];
        while (::read(fd, bytes, sizeof bytes) > 0) {
        }
        if (!m_hub->backend->edge_triggered())
            m_hub->backend->update(*this);
        for (int signo = 1; signo < kMaxSignal; ++signo) {
            auto &waiters = m_waiters[static_cast<std::size_t>(signo)];
            auto &pending = g_pending[static_cast<std::size_t>(signo)];
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
        m_hub->backend->remove(*this);
        static_cast<detail::ListHook<detail::ResourceTag> &>(*this).unlink();
        m_hub = nullptr;
    }

    detail::HubPrivate *hub() const noexcept { return m_hub; }
    detail::IntrusiveList<WaitNode> &waiters(int signo)
    {
        return m_waiters[static_cast<std::size_t>(signo)];
    }

private:
    detail::HubPrivate *m_hub;
    std::array<detail::IntrusiveList<WaitNode>, kMaxSignal> m_waiters;
};

std::unique_ptr<SignalWatcher> g_watcher;

SignalWatcher &watcher_for(detail::HubPrivate &hub, int signo)
{
    std::lock_guard lock(g_mutex);
    if (g_pipe[0] < 0) {
        if (::pipe2(g_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
            throw Error(std::string("signal(): cannot create a pipe: ") + std::strerror(errno));
    }
    if (!g_watcher || !g_watcher->hub())
        g_watcher = std::make_unique<SignalWatcher>(hub);
    else if (g_watcher->hub() != &hub)
        throw Error("signal(): signals are delivered to the Hub of the thread that first waited "
                    "for one");
    if (!g_installed[static_cast<std::size_t>(signo)]) {
        struct sigaction action
        {};
        action.sa_handler = &on_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (::sigaction(signo, &action, nullptr) != 0)
            throw Error("signal(): cannot handle signal " + std::to_string(signo) + ": " +
                        std::strerror(errno));
        g_installed[static_cast<std::size_t>(signo)] = true;
    }
    return *g_watcher;
}

} // namespace

int signal(int signo)
{
    if (signo <= 0 || signo >= kMaxSignal)
        throw Error("signal(): no such signal " + std::to_string(signo));
    Loop &loop = Loop::require("signal");
    SignalWatcher &watcher = watcher_for(detail::hub_of(loop), signo);
    auto &pending = g_pending[static_cast<std::size_t>(signo)];
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
        info.name = ::strsignal(signo);
        if (wait.suspend(info) == 0)
            return signo;
    }
}

} // namespace diesel
