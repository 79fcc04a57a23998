// SPDX-License-Identifier: MIT
#include "dieseltest.h"

#include <diesel/core/client.h>
#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/io.h>
#include <diesel/core/loop.h>
#include <diesel/core/service.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>

#include <exception>
#include <filesystem>
#include <string>

namespace dtest {

bool spin_until(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeout.count())
            return done();
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

bool run_in_loop(const std::function<void()> &body, std::chrono::milliseconds timeout)
{
    diesel::Hub &hub = diesel::Hub::current();
    bool finished = false;
    bool ok = false;
    std::string error;
    const diesel::LoopId id = hub.spawn(
        [&] {
            try {
                body();
                ok = true;
            } catch (const std::exception &e) {
                error = e.what();
            } catch (const diesel::LoopCancelled &c) {
                error = "cancelled: " + c.why();
                finished = true;
                throw;
            }
            finished = true;
        },
        diesel::LoopOptions{"test body", 0, false, false});
    if (!spin_until([&] { return finished; }, timeout)) {
        hub.cancel(id, "the test timed out");
        spin_until([&] { return finished; }, std::chrono::seconds(2));
        QTest::qFail("the test body did not finish in time", __FILE__, __LINE__);
        return false;
    }
    if (!error.empty()) {
        QTest::qFail(("the test body threw: " + error).c_str(), __FILE__, __LINE__);
        return false;
    }
    return ok;
}

void expect_clean(const char *where)
{
    diesel::Hub &hub = diesel::Hub::current();
    const bool clean = spin_until(
        [&] {
            const diesel::HubStats stats = hub.stats();
            return stats.loops == 0 && stats.connections == 0;
        },
        std::chrono::seconds(3));
    if (clean)
        return;
    const diesel::HubStats stats = hub.stats();
    std::string leftovers;
    for (const auto &info : hub.snapshot())
        leftovers += " '" + info.label + "' (" + info.waits_on + ")";
    hub.cancel_all("test cleanup");
    spin_until([&] { return hub.stats().loops == 0; }, std::chrono::seconds(2));
    const std::string message = std::string(where) + ": " + std::to_string(stats.loops) +
                                " Loops and " + std::to_string(stats.connections) +
                                " connections still live:" + leftovers;
    QTest::qFail(message.c_str(), __FILE__, __LINE__);
}

int open_sockets()
{
    int count = 0;
    for (const auto &entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code error;
        const std::string target = std::filesystem::read_symlink(entry.path(), error).string();
        count += target.rfind("socket:", 0) == 0 ? 1 : 0;
    }
    return count;
}

void expect_no_socket_leak(const char *where)
{
    static int baseline = -1;
    const int now = open_sockets();
    if (baseline < 0 || now <= baseline) {
        baseline = baseline < 0 ? now : baseline;
        return;
    }
    const std::string message = std::string(where) + ": " + std::to_string(now - baseline) +
                                " more sockets open than after the first test";
    baseline = now; // report each leak once
    QTest::qFail(message.c_str(), __FILE__, __LINE__);
}

namespace {
// A Service bound to port 0 (the OS picks one), stopped again: the port is free a moment after.
template<class S, class Handler>
std::uint16_t free_port_of(Handler handler)
{
    S probe(std::move(handler), 0, "127.0.0.1");
    probe.start();
    return probe.port();
}
} // namespace

std::string receive_to_end(std::string *ending)
{
    std::string got;
    try {
        for (;;)
            got += diesel::receive();
    } catch (const diesel::ConnectionClosed &e) {
        got += e.buffered();
        if (ending)
            *ending = e.what();
    }
    return got;
}

std::string send_and_receive_to_end(std::uint16_t port, const std::string &bytes)
{
    std::string got;
    run_in_loop([&] {
        diesel::Client client("127.0.0.1", port);
        client.call([&] {
            diesel::send(bytes);
            got = receive_to_end();
        });
    });
    return got;
}

std::uint16_t free_port()
{
    return free_port_of<diesel::Service>([](const diesel::Address &) {});
}

std::uint16_t free_udp_port()
{
    return free_port_of<diesel::UDPService>([] {});
}

std::optional<diesel::LoopInfo> info_of(diesel::LoopId id)
{
    for (const auto &info : diesel::Hub::current().snapshot())
        if (info.id == id)
            return info;
    return std::nullopt;
}

} // namespace dtest
