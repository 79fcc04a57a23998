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
    }

    void update(Watcher &watcher) override
    {
        if (watcher.want_write && !(watcher.backend_events & EPOLLOUT)) {
            watcher.backend_events |= EPOLLOUT;
            control(EPOLL_CTL_MOD, watcher); // reports at once if it is writable already
        }
    }

    void poll() override
    {
        for (;;) {
            const int n = ::epoll_wait(m_epfd.get(), m_events, kBatch, 0);
            if (n <= 0)
                return;
            for (int i = 0; i < n; ++i) {
                // The watchers of a batch lie in as many cold lines: loading a few ahead lets
                // their misses overlap instead of coming one after the other.
                if (i + kPrefetchAhead < n)
                    __builtin_prefetch(m_events[i + kPrefetchAhead].data.ptr);
                const std::uint32_t ev = m_events[i].events;
                auto *watcher = static_cast<Watcher *>(m_events[i].data.ptr);
                const bool failed = (ev & (EPOLLERR | EPOLLHUP)) != 0;
                if (failed || (ev & EPOLLRDHUP))
                    watcher->hangup = true;
                watcher->on_ready((ev & (EPOLLIN | EPOLLRDHUP)) || failed,
                                  (ev & EPOLLOUT) || failed);
            }
            if (n < kBatch)
                return;
        }
    }

    bool edge_triggered() const noexcept override { return true; }

private:
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
    static constexpr int kPrefetchAhead = 4;
    HubPrivate &m_hub;
    Fd m_epfd;
    epoll_event m_events[kBatch];
};

} // namespace

std::unique_ptr<FdBackend> make_epoll_backend(HubPrivate &hub)
{
    return std::make_unique<EpollBackend>(hub);
}

} // namespace diesel::detail
