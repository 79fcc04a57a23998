// SPDX-License-Identifier: MIT
// The one owner of an operating-system descriptor: it closes it, and nothing else does.
#pragma once

#include <utility>

namespace diesel::detail {

class Fd
{
public:
    Fd() noexcept = default;
    explicit Fd(int fd) noexcept
        : m_fd(fd)
    {}
    Fd(Fd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {}
    Fd &operator=(Fd &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd() { reset(); }

    int get() const noexcept { return m_fd; }
    bool valid() const noexcept { return m_fd >= 0; }
    // Closes the descriptor (if any).
    void reset() noexcept;

private:
    int m_fd = -1;
};

} // namespace diesel::detail
