// SPDX-License-Identifier: MIT
// How a Hub learns that file descriptors are ready: the one small seam between the runtime and
// the platform (epoll on Linux, platform/epoll_backend.cpp; one QSocketNotifier per socket
// elsewhere or with -DDIESEL_EPOLL=OFF).
#pragma once

#include <diesel/core/export.h>

#include <memory>

namespace diesel::detail {

class HubPrivate;
class Watcher;

class DIESEL_CORE_EXPORT FdBackend
{
public:
    virtual ~FdBackend() = default;
    virtual void add(Watcher &watcher) = 0;
    virtual void remove(Watcher &watcher) noexcept = 0;
    // The watcher's readable/writable/want_write changed.
    virtual void update(Watcher &watcher) = 0;
    // Dispatches what is ready now, without blocking (or, for a backend that dispatches in
    // parts, the next part of it).
    virtual void poll() = 0;
    // Readiness already learned and not dispatched yet: the pump polls again before it idles.
    virtual bool undispatched() const noexcept { return false; }
    virtual bool edge_triggered() const noexcept = 0;
};

std::unique_ptr<FdBackend> make_notifier_backend(HubPrivate &hub);
#if DIESEL_HAVE_EPOLL
std::unique_ptr<FdBackend> make_epoll_backend(HubPrivate &hub);
#else
// Built without the epoll backend (-DDIESEL_EPOLL=OFF): notifiers serve every Hub.
inline std::unique_ptr<FdBackend> make_epoll_backend(HubPrivate &hub)
{
    return make_notifier_backend(hub);
}
#endif

} // namespace diesel::detail
