// SPDX-License-Identifier: MIT
// LoopPool: the guide's diesel.util.pool.ThreadPool under a truthful name. It runs handler(item)
// for each item a generator yields, in at most `concurrency` Loops at once.
//
//     int next = 0;
//     diesel::LoopPool pool(5, [](int n) { fetch(n); },
//                           [&]() -> std::optional<int> {
//                               if (next == 100) return std::nullopt;   // exhausted
//                               return next++;
//                           });
//     pool.run();      // suspends until all 100 were handled, 5 at a time
#pragma once

#include <diesel/core/event.h>
#include <diesel/core/export.h>
#include <diesel/core/hub.h>
#include <diesel/core/lock.h>
#include <diesel/core/loop.h>
#include <diesel/core/queue.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace diesel {

namespace detail {
// Logs an exception a LoopPool's handler threw; the worker carries on with the next item.
DIESEL_CORE_EXPORT void loop_pool_handler_failed(std::string_view pool, const char *what) noexcept;
} // namespace detail

/// Runs a handler over a generator's items with bounded concurrency. Copyable: it holds only the
/// two functions and settings; each run() has its own state.
template<class T>
class LoopPool
{
public:
    using Handler = std::function<void(T)>;
    /// Returns the next item, or std::nullopt when there are no more. Called in the Loop that
    /// runs the pool (so it may use that Loop's connection) and only when a worker is free.
    using Generator = std::function<std::optional<T>()>;

    /// At most `concurrency` (at least 1) handlers run at once; `name` labels the worker Loops.
    LoopPool(std::size_t concurrency, Handler handler, Generator generator, std::string name = {})
        : m_concurrency(concurrency ? concurrency : 1)
        , m_handler(std::move(handler))
        , m_generator(std::move(generator))
        , m_name(name.empty() ? std::string("loop-pool") : std::move(name))
    {}

    /// Suspends the calling Loop until the generator is exhausted and every handler returned.
    /// Handlers run in child Loops; one that throws is logged and its worker goes on. If the
    /// generator throws or the calling Loop is cancelled, the workers are cancelled too.
    void run();
    /// Suspends the calling Loop like run(); lets a LoopPool be a Loop function for
    /// quickstart() or fork().
    void operator()() { run(); }

    /// Handlers running at once at most.
    std::size_t concurrency() const noexcept { return m_concurrency; }
    /// The worker Loops' label.
    const std::string &name() const noexcept { return m_name; }

private:
    // Shared with the workers, which may outlive an interrupted run() for a moment.
    struct State
    {
        State(std::size_t concurrency, Handler h, const std::string &n)
            : handler(std::move(h))
            , name(n)
            , jobs(n)
            , free(concurrency, n)
            , done(n)
        {}
        Handler handler;
        std::string name;
        Queue<std::optional<T>> jobs; // std::nullopt: stop
        Lock free;                    // one unit per item not yet fully handled
        Event done;                   // set while no worker lives
        std::vector<LoopId> workers;  // live ones
    };
    static void work(const std::shared_ptr<State> &state);

    std::size_t m_concurrency;
    Handler m_handler;
    Generator m_generator;
    std::string m_name;
};

/// Deduces T from the generator: LoopPool pool(5, handler, generator).
template<class H, class G>
LoopPool(std::size_t, H, G) -> LoopPool<typename std::invoke_result_t<G &>::value_type>;
template<class H, class G>
LoopPool(std::size_t, H, G, std::string)
    -> LoopPool<typename std::invoke_result_t<G &>::value_type>;

template<class T>
void LoopPool<T>::work(const std::shared_ptr<State> &state)
{
    struct Leave
    {
        State &s;
        LoopId id;
        ~Leave()
        {
            std::erase(s.workers, id);
            if (s.workers.empty())
                s.done.set();
        }
    } leave{*state, Loop::current()->id()};
    while (std::optional<T> item = state->jobs.get()) {
        struct Free
        {
            Lock &lock;
            ~Free() { lock.release(); }
        } free{state->free};
        try {
            state->handler(std::move(*item));
        } catch (const ParentDied &) {
            throw;
        } catch (const std::exception &e) {
            detail::loop_pool_handler_failed(state->name, e.what());
        }
    }
}

template<class T>
void LoopPool<T>::run()
{
    Loop &self = Loop::require("LoopPool::run");
    auto state = std::make_shared<State>(m_concurrency, m_handler, m_name);
    // On any way out, no worker may run on: the normal way has stopped them already.
    struct Stop
    {
        State &s;
        Hub &hub;
        ~Stop()
        {
            for (LoopId id : std::vector<LoopId>(s.workers))
                hub.cancel(id, "LoopPool stopped");
        }
    } stop{*state, self.hub()};

    for (;;) {
        state->free.acquire();
        std::optional<T> item = m_generator();
        if (!item) {
            state->free.release();
            break;
        }
        // Fewer workers than items in hand: start one. Otherwise one is idle, or will be once
        // its current item is done, and the queue hands it the next.
        const std::size_t in_hand = m_concurrency - state->free.available();
        if (state->workers.size() < in_hand) {
            LoopOptions options;
            options.label = m_name;
            options.child = true;
            state->workers.push_back(self.hub().spawn([state] { work(state); }, options));
            state->done.clear();
        }
        state->jobs.put(std::optional<T>(std::move(item)));
    }
    for (std::size_t i = 0, n = state->workers.size(); i < n; ++i)
        state->jobs.put(std::optional<T>());
    if (!state->workers.empty())
        state->done.wait();
}

} // namespace diesel
