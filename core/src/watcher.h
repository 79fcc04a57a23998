// SPDX-License-Identifier: MIT
// A file descriptor registered with a Hub's backend, and the Loops waiting on it.
#pragma once

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/export.h>
#include <diesel/core/wait.h>

namespace diesel::detail {

// The backend sets `readable`/`writable` when the fd becomes ready and calls on_ready(). Whoever
// then hits EAGAIN clears the flag and calls Backend::update(), which re-arms level-triggered
// backends; the edge-triggered epoll backend learns of the next change by itself (and marks its
// watchers `edge_triggered`, so that they skip the call).
class DIESEL_CORE_EXPORT Watcher
{
public:
    explicit Watcher(SocketHandle fd_ = kNoSocket) noexcept
        : fd(fd_)
    {}
    Watcher(const Watcher &) = delete;
    Watcher &operator=(const Watcher &) = delete;
    virtual ~Watcher() = default;

    // Runs inside the backend's dispatch: must not run Loop code or destroy other watchers.
    virtual void on_ready(bool now_readable, bool now_writable) noexcept;
    // Inline: the backend's dispatch wakes the readers of each ready socket.
    void wake_readers() noexcept
    {
        readers.for_each([](WaitNode &node) { node.notify(); });
    }
    void wake_writers() noexcept
    {
        writers.for_each([](WaitNode &node) { node.notify(); });
    }

    SocketHandle fd; // kNoSocket once closed
    bool readable = false;
    bool writable = false;
    bool want_write = false; // a level-triggered backend watches writability only while set
    // The peer shut down or the socket failed: a short read no longer proves the socket is
    // drained (the end of stream is still to be read), so readers read until EAGAIN or EOF.
    bool hangup = false;
    IntrusiveList<WaitNode> readers;
    IntrusiveList<WaitNode> writers;
    unsigned backend_events = 0; // what the backend has registered for this fd
    // Set by an edge-triggered backend when it adds the fd: clearing `readable` or `writable`
    // then needs no Backend::update(), the next change is reported anyway. (After
    // backend_events, in its padding: a thousand idle connections do not pay for it.)
    bool edge_triggered = false;
};

} // namespace diesel::detail
