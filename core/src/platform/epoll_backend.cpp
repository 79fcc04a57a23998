// SPDX-License-Identifier: MIT
// Linux backend: every socket is registered once, edge-triggered, with one epoll fd, and only
// that epoll fd is watched by a QSocketNotifier. Qt's dispatcher then polls one descriptor per
// pass however many sockets are open.
#include "../backend.h"
#include "../hub_p.h"
#include "../watcher.h"
#include "fd.h"

#include <diesel/core/error.h>

#include <QSocketNotifier>

#include <sys/epoll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace diesel::detail {

namespace {

class EpollBackend final : public FdBackend
{
public:
    explicit EpollBackend(HubPrivate &hub)
        : m_hub(hub)
        , m_epfd(::epoll_create1(EPOLL_CLOEXEC))
    {
        if (!m_epfd.valid())
            throw Error(std::string("epoll_create1: ") + std::strerror(errno),
                        std::error_code(errno, std::generic_category()));
        // Qt sees the epoll fd level-triggered: it stays readable until the pump drains it.
        auto *notifier = new QSocketNotifier(m_epfd.get(), QSocketNotifier::Read, &hub.context);
        QObject::connect(notifier, &QSocketNotifier::activated, &hub.context,
                         [this] { m_hub.pump(); });
    }

    // Writability is registered only once someone has had to wait for it (as Asio does): with
    // EPOLLOUT registered, every ACK that frees send buffer space wakes the epoll fd.
    void add(Watcher &watcher) override
    {
        watcher.backend_events = EPOLLIN | EPOLLRDHUP | EPOLLET;
        watcher.edge_triggered = true;
        if (watcher.want_write)
            watcher.backend_events |= EPOLLOUT;
        control(EPOLL_CTL_ADD, watcher);
    }

    void remove(Watcher &watcher) noexcept override
    {
        epoll_event ev{};
        ::epoll_ctl(m_epfd.get(), EPOLL_CTL_DEL, watcher.fd, &ev);
        // Its events not dispatched yet must not reach it once it is gone.
        for (int i = m_next; i < m_count; ++i)
            if (m_events[i].data.ptr == &watcher)
                m_events[i].data.ptr = nullptr;
    }

    void update(Watcher &watcher) override
    {
        if (watcher.want_write && !(watcher.backend_events & EPOLLOUT)) {
            watcher.backend_events |= EPOLLOUT;
            control(EPOLL_CTL_MOD, watcher); // reports at once if it is writable already
        }
    }

    // Takes a batch from the kernel when the last one is dispatched. While no Loop is ready,
    // dispatches it a chunk at a time, returning once a chunk woke a Loop (the pump runs those,
    // then polls again); while Loops are ready (yielding), dispatches all of it, so that they
    // do not hold the rest back.
    void poll() override
    {
        const bool in_chunks = !m_hub.has_ready();
        bool fetched = false;
        for (;;) {
            if (m_next == m_count) {
                if (fetched && m_count < kBatch) // the kernel has nothing more
                    return;
                m_next = 0;
                m_count = std::max(::epoll_wait(m_epfd.get(), m_events, kBatch, 0), 0);
                fetched = true;
                if (m_count == 0)
                    return;
            }
            dispatch_chunk();
            if (in_chunks && m_hub.has_ready())
                return;
        }
    }
    bool undispatched() const noexcept override { return m_next < m_count; }
    bool edge_triggered() const noexcept override { return true; }

private:
    // Dispatches the next few events of the batch. The pump runs the Loops they woke before it
    // dispatches more: a Loop then runs while the page its wake touched is still in the TLB,
    // where with a whole batch woken first (hundreds of Loops) every Loop's page was walked
    // twice per request, once to wake it and again to run it.
    void dispatch_chunk() noexcept
    {
        const int end = std::min(m_count, m_next + kChunk);
        for (int i = m_next; i < end; ++i) {
            // The watchers lie in as many cold lines: loading a few ahead lets their misses
            // overlap instead of coming one after the other.
            if (i + kPrefetchAhead < end)
                __builtin_prefetch(m_events[i + kPrefetchAhead].data.ptr);
            auto *watcher = static_cast<Watcher *>(m_events[i].data.ptr);
            if (!watcher) // removed after the batch was taken
                continue;
            const std::uint32_t ev = m_events[i].events;
            const bool failed = (ev & (EPOLLERR | EPOLLHUP)) != 0;
            if (failed || (ev & EPOLLRDHUP))
                watcher->hangup = true;
            watcher->on_ready((ev & (EPOLLIN | EPOLLRDHUP)) || failed, (ev & EPOLLOUT) || failed);
        }
        m_next = end;
    }

    void control(int op, Watcher &watcher)
    {
        epoll_event ev{};
        ev.events = watcher.backend_events;
        ev.data.ptr = &watcher;
        if (::epoll_ctl(m_epfd.get(), op, watcher.fd, &ev) != 0)
            throw Error(std::string("epoll_ctl: ") + std::strerror(errno),
                        std::error_code(errno, std::generic_category()));
    }

    static constexpr int kBatch = 256;
    static constexpr int kChunk = 16;
    static constexpr int kPrefetchAhead = 4;
    HubPrivate &m_hub;
    Fd m_epfd;
    epoll_event m_events[kBatch];
    int m_next = 0;  // the first event of the batch not dispatched yet
    int m_count = 0; // events in the batch
};

} // namespace

std::unique_ptr<FdBackend> make_epoll_backend(HubPrivate &hub)
{
    return std::make_unique<EpollBackend>(hub);
}

} // namespace diesel::detail
