// SPDX-License-Identifier: MIT
// A time budget for JavaScript calls: a thread that interrupts a QJSEngine whose call runs past
// its deadline (a script that loops forever cannot be stopped from the thread it blocks).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

class QJSEngine;

namespace workbench {

/// Watches one engine's calls. arm() before a call, disarm() after it; a call still running
/// past its deadline is interrupted (QJSEngine::setInterrupted, which is thread-safe).
class ScriptWatchdog
{
public:
    explicit ScriptWatchdog(QJSEngine &engine);
    ~ScriptWatchdog(); // stops and joins the thread (std::jthread)
    ScriptWatchdog(const ScriptWatchdog &) = delete;
    ScriptWatchdog &operator=(const ScriptWatchdog &) = delete;

    /// The call about to start may run for `budget`.
    void arm(std::chrono::milliseconds budget);
    /// The call returned. True if the watchdog interrupted it (the engine's interrupt flag is
    /// cleared again, so the next call runs).
    bool disarm();

private:
    void watch(std::stop_token stop);

    QJSEngine &m_engine;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::uint64_t m_generation = 0; ///< counts arm() calls; a deadline belongs to one
    bool m_armed = false;
    bool m_fired = false;
    std::chrono::steady_clock::time_point m_deadline;
    std::jthread m_thread; // last: it starts once the members above exist
};

} // namespace workbench
