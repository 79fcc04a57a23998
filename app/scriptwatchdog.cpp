// SPDX-License-Identifier: MIT
#include "scriptwatchdog.h"

#include <QJSEngine>

namespace workbench {

ScriptWatchdog::ScriptWatchdog(QJSEngine &engine)
    : m_engine(engine)
    , m_thread([this](std::stop_token stop) { watch(stop); })
{}

ScriptWatchdog::~ScriptWatchdog()
{
    m_thread.request_stop(); // wakes the condition variable's wait
    m_thread.join();
}

void ScriptWatchdog::arm(std::chrono::milliseconds budget)
{
    {
        const std::lock_guard lock(m_mutex);
        ++m_generation;
        m_armed = true;
        m_fired = false;
        m_deadline = std::chrono::steady_clock::now() + budget;
    }
    m_wake.notify_one();
}

bool ScriptWatchdog::disarm()
{
    bool fired = false;
    {
        const std::lock_guard lock(m_mutex);
        m_armed = false;
        // Under the lock: the watchdog interrupts only while armed, so nothing sets it after.
        fired = m_fired;
        if (fired)
            m_engine.setInterrupted(false);
    }
    m_wake.notify_one();
    return fired;
}

void ScriptWatchdog::watch(std::stop_token stop)
{
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        if (!m_armed) {
            m_wake.wait(lock, stop, [this] { return m_armed; });
            continue;
        }
        const std::uint64_t generation = m_generation;
        const auto deadline = m_deadline;
        // Returns early when the call ends (disarm) or another starts (a new generation).
        const bool changed = m_wake.wait_until(
            lock, stop, deadline, [&] { return !m_armed || m_generation != generation; });
        if (!changed && !stop.stop_requested() && m_armed && m_generation == generation) {
            m_fired = true;
            m_engine.setInterrupted(true);
            m_wake.wait(lock, stop, [&] { return !m_armed || m_generation != generation; });
        }
    }
}

} // namespace workbench
