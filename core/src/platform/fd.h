// SPDX-License-Identifier: MIT
// The one owner of an operating-system descriptor (a socket, the epoll fd, the signal pipe): it
// closes it, and nothing else does. On POSIX a socket handle is a descriptor.
#pragma once

#include <diesel/core/types.h>

#include <utility>

namespace diesel::detail {

class Fd
{
public:
    Fd() noexcept = default;
    explicit Fd(SocketHandle fd) noexcept
        : m_fd(fd)
    {}
    Fd(Fd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, kNoSocket))
    {}
    Fd &operator=(Fd &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, kNoSocket);
        }
        return *this;
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd() { reset(); }

    SocketHandle get() const noexcept { return m_fd; }
    bool valid() const noexcept { return m_fd != kNoSocket; }
    // Closes the descriptor (if any).
    void reset() noexcept;

private:
    SocketHandle m_fd = kNoSocket;
};

} // namespace diesel::detail
