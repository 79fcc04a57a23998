// SPDX-License-Identifier: MIT
// The operating system's signal calls (POSIX): installing a handler, and the self-pipe through
// which a handler wakes the Hub.
#pragma once

#include "fd.h"

#include <string>

namespace diesel::detail {

using SignalHandler = void (*)(int);

// Installs `handler` for `signo` unless the program has a handler of its own for it (installed
// before diesel's, or over it since): then throws ExistingSignalHandler. Throws Error for a
// signal that does not exist or cannot be handled.
void install_signal_handler(int signo, SignalHandler handler);
// The signal's name ("Interrupt"), or "signal N".
std::string signal_name(int signo);

// A non-blocking pipe a signal handler writes a byte to; its read end is watched by the Hub.
class SelfPipe
{
public:
    // Creates the pipe (once); throws Error.
    void open();
    SocketHandle read_end() const noexcept { return m_read.get(); }
    // Async-signal-safe: writes one byte (dropped if the pipe is full: it is readable then).
    void notify(int signo) const noexcept;
    // Reads everything written so far.
    void drain() const noexcept;

private:
    Fd m_read;
    Fd m_write;
};

} // namespace diesel::detail
