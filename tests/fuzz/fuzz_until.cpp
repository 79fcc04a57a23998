// SPDX-License-Identifier: MIT
// Line splitting over a connection's buffer: a client sends a payload in pieces of a size the
// input chooses; the Service splits it with until(sentinel), a sentinel the input chooses too,
// and every line is checked against std::string::find on the whole payload. A mismatch traps.
#include <diesel/diesel.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

namespace {

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

// Runs `body`; an exception is a bug here (it would otherwise end a Loop quietly and hang the
// driver), so it is printed and traps.
template<class F>
void or_trap(F &&body)
{
    try {
        body();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fuzz_until: %s\n", e.what());
        __builtin_trap();
    }
}

// Serves one connection: splits what arrives into lines and compares with the reference.
void split_and_compare(const std::string &payload, const std::string &sentinel,
                       const bool &client_done, bool &done)
{
    std::size_t at = 0;
    for (;;) {
        const std::size_t hit = payload.find(sentinel, at);
        if (hit == std::string::npos)
            break;
        const std::string line = diesel::until(sentinel);
        check(line == payload.substr(at, hit + sentinel.size() - at));
        at = hit + sentinel.size();
    }
    // No sentinel is left: the rest stays buffered, and until() must not invent a line.
    const std::size_t rest = payload.size() - at;
    diesel::Connection &conn = *diesel::Loop::current()->connection();
    // try_until() reads what has arrived (buffered() alone reads nothing).
    do {
        check(!conn.try_until(sentinel));
        if (conn.buffered() < rest)
            diesel::sleep(0);
    } while (conn.buffered() < rest);
    if (rest > 0) // receive(0) would wait for any bytes
        check(diesel::receive(rest) == payload.substr(at));
    // A reset rather than a close: no TIME_WAIT to run the machine out of ports. Not before
    // the client is done, or its connect() could see the reset.
    while (!client_done)
        diesel::sleep(0.001);
    const linger reset{1, 0};
    ::setsockopt(conn.native_handle(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    done = true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // [sentinel length 1..4][sentinel][piece size 1..256][payload]
    if (size < 3)
        return 0;
    const std::size_t sentinel_size = std::size_t(data[0] % 4) + 1;
    if (size < 2 + sentinel_size)
        return 0;
    const std::string sentinel(reinterpret_cast<const char *>(data) + 1, sentinel_size);
    const std::size_t piece = std::size_t(data[1 + sentinel_size]) + 1;
    const std::string payload(reinterpret_cast<const char *>(data) + 2 + sentinel_size,
                              size - 2 - sentinel_size);

    diesel::Hub &hub = diesel::Hub::current();
    bool sent = false;
    bool served = false;
    bool finished = false;
    hub.spawn(
        [&] {
            or_trap([&] {
                diesel::Service service(
                    [&](const diesel::Address &) {
                        or_trap([&] { split_and_compare(payload, sentinel, sent, served); });
                    },
                    0, "127.0.0.1");
                service.start();
                diesel::Client client("127.0.0.1", service.port());
                for (std::size_t at = 0; at < payload.size(); at += piece) {
                    client.call([&] { diesel::send(std::string_view(payload).substr(at, piece)); });
                    diesel::sleep(0);
                }
                sent = true;
                while (!served)
                    diesel::sleep(0.001);
                client.close();
                service.stop();
                finished = true;
            });
        },
        diesel::LoopOptions{"fuzz until", 0, false, false});
    while (!finished)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    return 0;
}
