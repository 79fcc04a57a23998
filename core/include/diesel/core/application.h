// SPDX-License-Identifier: MIT
// Application, quickstart() and quickstop(): how a program starts its Services and Loops.
#pragma once

#include <diesel/core/detail/unique_function.h>
#include <diesel/core/export.h>
#include <diesel/core/hub.h>
#include <diesel/core/loop.h>
#include <diesel/core/service.h>

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace diesel {

/// A Loop to start, with its options (for keep-alive or labelled Loops in quickstart()).
struct DIESEL_CORE_EXPORT LoopSpec
{
    detail::UniqueFunction fn;
    LoopOptions options;
};

/// Owns a program's Services and top-level Loops and runs them on this thread's Hub.
class DIESEL_CORE_EXPORT Application
{
public:
    Application();
    Application(const Application &) = delete;
    Application &operator=(const Application &) = delete;
    /// Stops its Services and cancels the Loops it started.
    ~Application();

    /// Adds a Service; it is started by start()/run(), or at once if already running.
    Service &add(Service service);
    UDPService &add(UDPService service);
    /// Adds a Loop; started by start()/run(), or at once if already running.
    void add(LoopSpec spec);
    template<class F, class = std::enable_if_t<std::is_invocable_v<F &>>>
    void add(F &&fn)
    {
        add(LoopSpec{detail::UniqueFunction(std::forward<F>(fn)), {}});
    }

    /// Starts every Service and Loop without running an event loop (for programs that run their
    /// own, such as a QApplication). Throws BindError if a Service cannot bind.
    void start();
    /// Creates a QCoreApplication when there is none, start()s, and runs Qt's event loop until
    /// halt() or quickstop(); then stops Services and cancels every Loop of the Hub. Must not
    /// be called from inside a Loop.
    void run();
    /// Makes run() return.
    void halt();
    bool running() const noexcept { return m_started; }

private:
    struct Private;
    std::unique_ptr<Private> d;
    bool m_started = false;
};

/// Runs Services, UDPServices, callables (each becomes a Loop) and LoopSpecs until quickstop():
/// the guide's quickstart(). Must not be called from inside a Loop.
template<class... Items>
void quickstart(Items &&...items)
{
    Application app;
    (app.add(std::forward<Items>(items)), ...);
    app.run();
}

/// Makes the running quickstart() (or Application::run()) return; callable from a Loop.
DIESEL_CORE_EXPORT void quickstop();

} // namespace diesel
