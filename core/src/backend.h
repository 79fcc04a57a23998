// SPDX-License-Identifier: MIT
// How a Hub learns that file descriptors are ready: the one small seam between the runtime and
// the platform (epoll on Linux; one QSocketNotifier per socket elsewhere).
#pragma once

#include <memory>

namespace diesel::detail {

class HubPrivate;
class Watcher;

class FdBackend
{
public:
    virtual ~FdBackend() = default;
    virtual void add(Watcher &watcher) = 0;
    virtual void remove(Watcher &watcher) noexcept = 0;
    // The watcher's readable/writable/want_write changed.
    virtual void update(Watcher &watcher) = 0;
    // Dispatches what is ready now, without blocking.
    virtual void poll() = 0;
    virtual bool edge_triggered() const noexcept = 0;
};

std::unique_ptr<FdBackend> make_epoll_backend(HubPrivate &hub);
std::unique_ptr<FdBackend> make_notifier_backend(HubPrivate &hub);

} // namespace diesel::detail
