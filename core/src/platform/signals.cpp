// SPDX-License-Identifier: MIT
#include "signals.h"

#include <diesel/core/error.h>
#include <diesel/core/signal.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace diesel::detail {

namespace {
bool is_handler(const struct sigaction &action, SignalHandler handler)
{
    return !(action.sa_flags & SA_SIGINFO) && action.sa_handler == handler;
}
} // namespace

void install_signal_handler(int signo, SignalHandler handler)
{
    struct sigaction current
    {};
    if (::sigaction(signo, nullptr, &current) != 0)
        throw Error("signal(): no such signal " + std::to_string(signo));
    if (is_handler(current, handler))
        return;
    if (!is_handler(current, SIG_DFL) && !is_handler(current, SIG_IGN))
        throw ExistingSignalHandler(signo);
    struct sigaction action
    {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (::sigaction(signo, &action, nullptr) != 0)
        throw Error("signal(): cannot handle signal " + std::to_string(signo) + ": " +
                        std::strerror(errno),
                    std::error_code(errno, std::generic_category()));
}

std::string signal_name(int signo)
{
    const char *name = signo > 0 && signo < NSIG ? ::strsignal(signo) : nullptr;
    return name ? name : "signal " + std::to_string(signo);
}

void SelfPipe::open()
{
    if (m_read.valid())
        return;
    int ends[2];
    if (::pipe2(ends, O_NONBLOCK | O_CLOEXEC) != 0)
        throw Error(std::string("signal(): cannot create a pipe: ") + std::strerror(errno),
                    std::error_code(errno, std::generic_category()));
    m_read = Fd(ends[0]);
    m_write = Fd(ends[1]);
}

void SelfPipe::notify(int signo) const noexcept
{
    const char byte = static_cast<char>(signo);
    [[maybe_unused]] const ssize_t n = ::write(m_write.get(), &byte, 1);
}

void SelfPipe::drain() const noexcept
{
    char bytes[64];
    while (::read(m_read.get(), bytes, sizeof bytes) > 0) {
    }
}

} // namespace diesel::detail
