// SPDX-License-Identifier: MIT
// The guide's Loop primitives: sleep, fork, fork_child, label, fire/wait, thread, signal.
#pragma once

#include <diesel/core/error.h>
#include <diesel/core/export.h>
#include <diesel/core/hub.h>
#include <diesel/core/loop.h>
#include <diesel/core/signal.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace diesel {

/// Suspends the calling Loop for `seconds`; sleep(0) lets every other ready Loop run once.
DIESEL_CORE_EXPORT void sleep(double seconds = 0.0);
/// Suspends the calling Loop for `duration`.
DIESEL_CORE_EXPORT void sleep(Clock::duration duration);
template<class Rep, class Period>
void sleep(std::chrono::duration<Rep, Period> duration)
{
    sleep(std::chrono::duration_cast<Clock::duration>(duration));
}

namespace detail {
enum class ForkKind : std::uint8_t { Sibling, Child, TopLevel };
DIESEL_CORE_EXPORT LoopHandle fork_impl(UniqueFunction fn, ForkKind kind);
// The arguments are passed as lvalues where fn accepts that, so that a keep-alive restart calls
// fn again with the same arguments; move-only arguments are moved into the first run.
template<class F, class... Args>
UniqueFunction bind_loop_function(F &&fn, Args &&...args)
{
    return
        [fn = std::forward<F>(fn), args = std::make_tuple(std::forward<Args>(args)...)]() mutable {
            if constexpr (std::is_invocable_v<std::decay_t<F> &, std::decay_t<Args> &...>)
                std::apply(fn, args);
            else
                std::apply(fn, std::move(args));
        };
}
} // namespace detail

/// Starts a new Loop running fn(args...) (arguments are copied or moved in) and returns its
/// handle. From inside a Loop the caller becomes its parent (shown in the workbench); it does
/// not die with it.
template<class F, class... Args>
LoopHandle fork(F &&fn, Args &&...args)
{
    return detail::fork_impl(
        detail::bind_loop_function(std::forward<F>(fn), std::forward<Args>(args)...),
        detail::ForkKind::Sibling);
}
/// Like fork(), but the new Loop receives ParentDied when the calling Loop ends, by returning or
/// by an exception, before any Loop that merely yielded runs again. Must be called from a Loop.
template<class F, class... Args>
LoopHandle fork_child(F &&fn, Args &&...args)
{
    return detail::fork_impl(
        detail::bind_loop_function(std::forward<F>(fn), std::forward<Args>(args)...),
        detail::ForkKind::Child);
}
/// Starts a top-level Loop (no parent) running fn(args...), from inside or outside a Loop:
/// diesel's runtime.current_app.add_loop(Loop(fn, *args)). Returns its handle.
template<class F, class... Args>
LoopHandle add_loop(F &&fn, Args &&...args)
{
    return detail::fork_impl(
        detail::bind_loop_function(std::forward<F>(fn), std::forward<Args>(args)...),
        detail::ForkKind::TopLevel);
}

/// Names the calling Loop (in logs and the workbench).
DIESEL_CORE_EXPORT void label(std::string name);
/// The calling Loop's id; throws NotInLoop outside a Loop.
DIESEL_CORE_EXPORT LoopId current_loop_id();

/// Wakes every Loop waiting in wait(event) at this moment with `value`; Loops that are busy miss
/// it. Callable from inside or outside Loops (on the Hub's thread).
DIESEL_CORE_EXPORT void fire(std::string_view event, std::string value = {});
/// Suspends the calling Loop until someone fires `event`; returns the fired value.
DIESEL_CORE_EXPORT std::string wait(std::string_view event);
/// Like wait(event) but throws TimeoutError after `timeout`.
DIESEL_CORE_EXPORT std::string wait(std::string_view event, Clock::duration timeout);
/// Like wait(event) but throws TimeoutError after `timeout_seconds`.
DIESEL_CORE_EXPORT std::string wait(std::string_view event, double timeout_seconds);

namespace detail {
/// Runs `work` on a worker thread; suspends the calling Loop (not cancellable meanwhile: `work`
/// may use the Loop's stack) until it finished.
DIESEL_CORE_EXPORT void run_on_worker(UniqueFunction work);
DIESEL_CORE_EXPORT void post_fork(Hub &hub, UniqueFunction fn);
} // namespace detail

/// Runs fn() on a worker thread while the calling Loop waits without blocking its Hub; returns
/// fn's result or rethrows its exception in the Loop. For blocking calls: DNS, files, libraries.
template<class F>
auto thread(F &&fn) -> std::invoke_result_t<F &>
{
    using R = std::invoke_result_t<F &>;
    std::exception_ptr error;
    if constexpr (std::is_void_v<R>) {
        detail::run_on_worker([&] {
            try {
                fn();
            } catch (...) {
                error = std::current_exception();
            }
        });
        if (error)
            std::rethrow_exception(error);
    } else {
        std::optional<R> result;
        detail::run_on_worker([&] {
            try {
                result.emplace(fn());
            } catch (...) {
                error = std::current_exception();
            }
        });
        if (error)
            std::rethrow_exception(error);
        return std::move(*result);
    }
}

/// Starts a Loop running `fn` on `hub`'s thread; callable from any thread.
template<class F>
void fork_from_thread(Hub &hub, F &&fn)
{
    detail::post_fork(hub, detail::UniqueFunction(std::forward<F>(fn)));
}

/// Starts a Loop running `fn` on the primary Hub (the QCoreApplication thread's), as the guide's
/// fork_from_thread(f); callable from any thread. Throws diesel::Error when there is none.
template<class F>
void fork_from_thread(F &&fn)
{
    Hub *hub = Hub::primary();
    if (!hub)
        throw Error("fork_from_thread(): the QCoreApplication thread has no Hub");
    fork_from_thread(*hub, std::forward<F>(fn));
}

} // namespace diesel
