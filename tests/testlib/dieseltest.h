// SPDX-License-Identifier: MIT
// What every test suite shares: running a test body inside a Loop with a watchdog, checking that
// a test ends clean, and free ports.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>
#include <diesel/core/types.h>

#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace dtest {

/// Runs `body` in a new Loop on this thread's Hub and spins Qt's event loop until it ends. The
/// test fails (with the exception's text) if `body` throws or has not ended after `timeout`;
/// then it is cancelled. Returns whether the body completed normally.
bool run_in_loop(const std::function<void()> &body,
                 std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// From inside a Loop: lets the other Loops run (sleeping 1 ms at a time) until `done()` or
/// `rounds` such sleeps (about 5 s by default) passed; returns done().
template<class F>
bool settle(F done, int rounds = 5000)
{
    for (int i = 0; i < rounds && !done(); ++i)
        diesel::sleep(0.001);
    return done();
}

/// Spins Qt's event loop (outside any Loop) until `done()` or `timeout`; returns done().
bool spin_until(const std::function<bool()> &done,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// Fails the current test unless the Hub has no live Loop and no open connection (waiting a
/// moment for closing sockets to finish flushing). Cancels leftovers so the next test starts
/// clean. Call it from each suite's cleanup().
void expect_clean(const char *where = "test end");

/// The number of sockets among this process's descriptors (/proc/self/fd). Only sockets: the
/// thread pool and Qt open other descriptors of their own once, lazily.
int open_sockets();

/// Fails the current test if more sockets are open than at the first call (which sets the
/// baseline). Call it in cleanup() after expect_clean().
void expect_no_socket_leak(const char *where = "test end");

/// A TCP port that was free a moment ago on 127.0.0.1.
std::uint16_t free_port();

/// A UDP port that was free a moment ago on 127.0.0.1.
std::uint16_t free_udp_port();

/// From inside a Loop: everything its current connection receives until the connection ends
/// (the bytes buffered at the end included); `ending` gets the ConnectionClosed text.
std::string receive_to_end(std::string *ending = nullptr);
/// From outside a Loop: connects to 127.0.0.1:port, sends `bytes` and returns everything the
/// Service sends back until the connection ends.
std::string send_and_receive_to_end(std::uint16_t port, const std::string &bytes);

/// The snapshot of the live Loop with this id, if there is one.
std::optional<diesel::LoopInfo> info_of(diesel::LoopId id);

/// std::string -> QString, for QCOMPARE messages.
inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace dtest
