// SPDX-License-Identifier: MIT
// The Hub: the reactor of one thread. It runs Loops inside Qt's event loop, so a Qt program (a
// QCoreApplication or a QApplication with windows) and thousands of sockets share one thread.
#pragma once

#include <diesel/core/detail/unique_function.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/observer.h>
#include <diesel/core/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace diesel {

namespace detail {
class HubPrivate;
}

/// How a Hub learns that sockets are ready.
enum class Backend : std::uint8_t {
    Auto,      ///< Epoll on Linux, Notifiers elsewhere (or when DIESEL_BACKEND=notifiers)
    Epoll,     ///< one epoll fd behind one QSocketNotifier: cost independent of idle sockets
    Notifiers, ///< one QSocketNotifier per socket and direction: portable (Windows)
};

/// Totals of a Hub, for status bars and benchmarks.
struct DIESEL_CORE_EXPORT HubStats
{
    std::size_t loops = 0;       ///< live Loops
    std::size_t connections = 0; ///< open connections and sockets
    std::uint64_t bytes_in = 0;  ///< read on all connections since the Hub started
    std::uint64_t bytes_out = 0; ///< written on all connections since the Hub started
    std::uint64_t switches = 0;  ///< Loop resumptions since the Hub started
};

/// The reactor of one thread. A thread's Hub is created by Hub::current() (or explicitly, before
/// it) and lives until the thread's QCoreApplication goes or it is destroyed. It needs a Qt event
/// dispatcher on its thread: construct QCoreApplication/QApplication first (quickstart() does).
class DIESEL_CORE_EXPORT Hub
{
public:
    /// Makes this thread's Hub. Throws diesel::Error if the thread already has one.
    explicit Hub(Backend backend = Backend::Auto);
    Hub(const Hub &) = delete;
    Hub &operator=(const Hub &) = delete;
    /// Cancels every Loop, lets them unwind, closes every socket.
    ~Hub();

    /// This thread's Hub, created on first use.
    static Hub &current();
    /// This thread's Hub if it has one.
    static Hub *current_if_any() noexcept;
    /// The Hub of the thread that runs QCoreApplication (the GUI thread), if it has one.
    /// Callable from any thread.
    static Hub *primary() noexcept;

    /// Starts a Loop running `fn` (in the next round) and returns its handle. Callable from
    /// inside or outside Loops on this thread; from inside a Loop the new Loop's parent is the
    /// caller.
    LoopHandle spawn(detail::UniqueFunction fn, LoopOptions options = {});
    /// Runs `fn` on this Hub's thread, outside any Loop, soon. Safe to call from any thread.
    void post(detail::UniqueFunction fn);

    /// Cancels the Loop with this id (see Loop::cancel()); false if no such Loop lives.
    bool cancel(LoopId id, std::string why);
    /// Cancels every Loop and runs them until they have all unwound (or `rounds` rounds passed).
    void cancel_all(std::string why, int rounds = 1000);
    /// The live Loop with this id, or nullptr.
    Loop *find(LoopId id) const noexcept;

    /// Every live Loop, in creation order.
    std::vector<LoopInfo> snapshot() const;
    HubStats stats() const noexcept;
    /// Which backend this Hub uses.
    Backend backend() const noexcept;

    /// Adds an observer (not owned; remove it before it is destroyed).
    void add_observer(Observer &observer);
    void remove_observer(Observer &observer);

    /// Stack size of new Loops (default 64 KiB; 256 KiB in sanitizer builds).
    void set_default_stack_size(std::size_t bytes);
    std::size_t default_stack_size() const noexcept;
    /// Longest line until()/until_eol() accept on new connections (default 1 MiB).
    void set_default_max_line(std::size_t bytes);
    std::size_t default_max_line() const noexcept;

    /// Called by quickstop(): asks whoever runs this Hub's program (quickstart(), an
    /// Application) to stop. `handler` replaces the previous one; empty clears it.
    void set_stop_handler(std::function<void()> handler);
    /// Invokes the stop handler, if any; returns whether there was one.
    bool request_stop();

    /// The runtime's internals; not API.
    detail::HubPrivate &internals() noexcept { return *d; }

private:
    std::unique_ptr<detail::HubPrivate> d;
};

} // namespace diesel
