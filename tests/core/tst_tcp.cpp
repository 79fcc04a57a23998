// SPDX-License-Identifier: MIT
// TCP Services and Clients on 127.0.0.1: the I/O primitives, errors, and many clients at once.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QRegularExpression>
#include <QTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

namespace {

void holla(const diesel::Address &)
{
    for (;;) {
        std::string line = diesel::until_eol();
        std::transform(line.begin(), line.end(), line.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        diesel::send(line);
    }
}

diesel::Service local_service(diesel::Service::Handler handler)
{
    diesel::Service service(std::move(handler), 0, "127.0.0.1");
    service.start();
    return service;
}

} // namespace

class TestTcp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void portZeroPicksAFreePortAndReportsIt()
    {
        diesel::Service service = local_service(holla);
        QVERIFY(service.running());
        QVERIFY(service.port() != 0);
        QCOMPARE(service.label(), "service :" + std::to_string(service.port()));
    }

    void hollaRoundTrip()
    {
        diesel::Service service = local_service(holla);
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            QVERIFY(client.is_connected());
            client.call([] {
                diesel::send("hello there\r\n");
                QCOMPARE(diesel::until_eol(), std::string("HELLO THERE\r\n"));
                diesel::send("lf only\n");
                QCOMPARE(diesel::until_eol(), std::string("LF ONLY\n"));
            });
        });
    }

    void untilReceiveAndReceiveAny()
    {
        diesel::Service service = local_service([](const diesel::Address &) {
            diesel::send("abc|defgh");
            diesel::sleep(0.05);
            diesel::send("XYZ");
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                QCOMPARE(diesel::until("|"), std::string("abc|"));
                QCOMPARE(diesel::receive(2), std::string("de"));
                QCOMPARE(diesel::receive(), std::string("fgh")); // what is buffered
                QCOMPARE(diesel::receive(), std::string("XYZ")); // waits for more
                diesel::send("bye\n");
            });
        });
    }

    void sentinelSplitAcrossReadsIsFound()
    {
        diesel::Service service = local_service([](const diesel::Address &) {
            diesel::send("one<EN");
            diesel::sleep(0.05);
            diesel::send("D>two<END>");
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                QCOMPARE(diesel::until("<END>"), std::string("one<END>"));
                QCOMPARE(diesel::until("<END>"), std::string("two<END>"));
                diesel::send("bye\n");
            });
        });
    }

    void anotherSentinelRescansWhatOneScanned()
    {
        diesel::Service service = local_service([](const diesel::Address &) {
            diesel::send("line one\nand more<E");
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                // The scan for "<END>" passes the newline and gives up at the timeout...
                auto r = diesel::first(diesel::cond::sleep(0.1), diesel::cond::until("<END>"));
                QCOMPARE(r.index(), std::size_t(0));
                // ...and the newline is still found by the line that asks for it.
                QCOMPARE(diesel::until_eol(), std::string("line one\n"));
                QCOMPARE(diesel::receive(), std::string("and more<E"));
                diesel::send("bye\n");
            });
        });
    }

    void largeTransfersArriveWhole()
    {
        const std::string blob(3 * 1024 * 1024 + 17, 'x');
        diesel::Service service = local_service([&](const diesel::Address &) {
            diesel::send(blob);
            diesel::send("\n");
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.connection().set_max_line(8 * 1024 * 1024);
            client.call([&] {
                const std::string got = diesel::until_eol();
                QCOMPARE(got.size(), blob.size() + 1);
                QVERIFY(got.compare(0, blob.size(), blob) == 0);
                diesel::send("ok\n");
            });
        });
    }

    void portInUseIsAClearBindError()
    {
        diesel::Service first = local_service(holla);
        diesel::Service second(holla, first.port(), "127.0.0.1");
        try {
            second.start();
            QFAIL("the second Service bound a port in use");
        } catch (const diesel::BindError &e) {
            const std::string text = e.what();
            QVERIFY2(text.find("127.0.0.1:" + std::to_string(first.port())) != std::string::npos,
                     e.what());
            QVERIFY2(text.find("in use") != std::string::npos, e.what());
            QVERIFY(e.code() == std::errc::address_in_use); // callers branch on the OS's code
        }
        QVERIFY(!second.running());
        QVERIFY(first.running());
    }

    void badInterfaceIsABindError()
    {
        diesel::Service service(holla, 0, "not-an-address");
        QVERIFY_THROWS_EXCEPTION(diesel::BindError, service.start());
    }

    void peerCloseRaisesConnectionClosedAndKeepsBufferedBytes()
    {
        diesel::Service service = local_service(
            [](const diesel::Address &) { diesel::send("partial line without end"); });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                try {
                    diesel::until_eol();
                    QFAIL("until_eol returned after the peer closed");
                } catch (const diesel::ConnectionClosed &e) {
                    QCOMPARE(e.buffered(), std::string("partial line without end"));
                }
                // The bytes stay readable on the connection.
                QCOMPARE(diesel::receive(), std::string("partial line without end"));
                QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, diesel::receive());
            });
            QVERIFY(!client.is_connected());
        });
    }

    void resetPeerRaisesConnectionClosed()
    {
        std::string error;
        diesel::Service server(
            [&](const diesel::Address &) {
                try {
                    diesel::until_eol();
                } catch (const diesel::ConnectionClosed &e) {
                    error = e.what();
                }
            },
            0, "127.0.0.1");
        server.start();
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QVERIFY(dtest::spin_until([&] { return server.connections() == 1; }));
        // SO_LINGER with a zero timeout makes close() send a reset.
        ::linger lin{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
        ::close(fd);
        QVERIFY(dtest::spin_until([&] { return !error.empty(); }));
        QVERIFY2(error.find("reset") != std::string::npos, error.c_str());
    }

    void refusedConnectIsAClientConnectionError()
    {
        const std::uint16_t port = dtest::free_port();
        dtest::run_in_loop([&] {
            try {
                diesel::Client client("127.0.0.1", port);
                QFAIL("connected to a closed port");
            } catch (const diesel::ClientConnectionError &e) {
                QVERIFY2(std::string(e.what()).find("refused") != std::string::npos, e.what());
                QVERIFY(e.code() == std::errc::connection_refused);
            }
        });
    }

    void slowConnectTimesOut()
    {
        // A listener whose accept queue is full drops further SYNs: the connect hangs.
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(listener, 0), 0);
        socklen_t len = sizeof addr;
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len);
        const std::uint16_t port = ntohs(addr.sin_port);
        dtest::run_in_loop([&] {
            std::vector<std::unique_ptr<diesel::Client>> fillers;
            bool timed_out = false;
            for (int i = 0; i < 8 && !timed_out; ++i) {
                try {
                    fillers.push_back(std::make_unique<diesel::Client>("127.0.0.1", port, 0.3));
                } catch (const diesel::ConnectTimeout &e) {
                    timed_out = true;
                    QVERIFY2(std::string(e.what()).find("timed out") != std::string::npos,
                             e.what());
                }
            }
            QVERIFY(timed_out);
        });
        ::close(listener);
    }

    void unknownNameIsAResolveError()
    {
        dtest::run_in_loop([] {
            QVERIFY_THROWS_EXCEPTION(diesel::ResolveError,
                                     diesel::Client("no-such-host.invalid", 80));
        });
    }

    void namesResolveWithoutBlocking()
    {
        diesel::Service service = local_service(holla);
        dtest::run_in_loop([&] {
            diesel::Client client("localhost", service.port());
            QCOMPARE(client.call([] {
                diesel::send("x\n");
                return diesel::until_eol();
            }),
                     std::string("X\n"));
        });
    }

    void tooLongLineIsAnErrorNotUnboundedMemory()
    {
        diesel::Service service = local_service([](const diesel::Address &) {
            diesel::current_connection().set_max_line(1000);
            try {
                diesel::until_eol();
                diesel::send("no error\n");
            } catch (const diesel::LineTooLong &e) {
                const std::size_t kept = diesel::current_connection().buffered();
                diesel::send("too long, kept " + std::to_string(kept >= 1000) + "\n");
            }
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                diesel::send(std::string(5000, 'a'));
                QCOMPARE(diesel::until_eol(), std::string("too long, kept 1\n"));
            });
        });
    }

    void serviceKeepsAcceptingAfterHandlerErrors()
    {
        int served = 0;
        diesel::Service service = local_service([&](const diesel::Address &) {
            ++served;
            if (diesel::until_eol() == "fail\n")
                throw std::runtime_error("handler failure");
            diesel::send("fine\n");
        });
        dtest::run_in_loop([&] {
            {
                diesel::Client bad("127.0.0.1", service.port());
                bad.call([] { diesel::send("fail\n"); });
                QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed,
                                         bad.call([] { return diesel::until_eol(); }));
            }
            diesel::Client good("127.0.0.1", service.port());
            QCOMPARE(good.call([] {
                diesel::send("hi\n");
                return diesel::until_eol();
            }),
                     std::string("fine\n"));
        });
        QCOMPARE(served, 2);
    }

    void acceptsAgainAfterRunningOutOfDescriptors()
    {
        int served = 0;
        diesel::Service service = local_service([&](const diesel::Address &) {
            ++served;
            diesel::until_eol(); // keeps its descriptor until the client goes
        });
        constexpr int kClients = 4;
        std::vector<int> clients;
        for (int i = 0; i < kClients; ++i)
            clients.push_back(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        // The limit caps descriptor numbers: fill the holes below the highest open one, so that
        // exactly one number is left for the Service to accept into.
        int open_now = 0;
        for (int fd = 0; fd < 4096; ++fd)
            if (::fcntl(fd, F_GETFD) != -1)
                open_now = fd + 1;
        std::vector<int> fillers;
        for (;;) {
            const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                break;
            if (fd >= open_now) { // no hole left
                ::close(fd);
                break;
            }
            fillers.push_back(fd);
        }
        rlimit old{};
        ::getrlimit(RLIMIT_NOFILE, &old);
        rlimit tight = old;
        tight.rlim_cur = static_cast<rlim_t>(open_now + 1); // room for one accepted socket
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(service.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (int fd : clients) // completes in the kernel's backlog, accepted or not
            QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("pausing accepts")));
        QVERIFY(dtest::spin_until([&] { return served == 1; }));
        dtest::spin_until([] { return false; }, 300ms); // retries fail meanwhile, no spinning
        QCOMPARE(served, 1);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &old), 0);
        QVERIFY(dtest::spin_until([&] { return served == kClients; }));
        for (int fd : clients)
            ::close(fd);
        for (int fd : fillers)
            ::close(fd);
        QVERIFY(dtest::spin_until([&] { return service.connections() == 0; }));
    }

    void aThousandConcurrentClients()
    {
        diesel::Service service = local_service(holla);
        dtest::run_in_loop(
            [&] {
                constexpr int kClients = 1000;
                int answered = 0;
                for (int i = 0; i < kClients; ++i)
                    diesel::fork([&, i] {
                        diesel::Client client("127.0.0.1", service.port());
                        const std::string line = "client " + std::to_string(i) + "\n";
                        std::string upper = line;
                        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
                        for (int round = 0; round < 3; ++round) {
                            const std::string reply = client.call([&] {
                                diesel::send(line);
                                return diesel::until_eol();
                            });
                            if (reply != upper)
                                throw std::runtime_error("wrong reply " + reply);
                        }
                        ++answered;
                    });
                while (answered < kClients)
                    diesel::sleep(0.01);
                QCOMPARE(answered, kClients);
                QCOMPARE(service.accepted(), std::uint64_t(kClients));
            },
            120s);
    }

    void aSlowReaderDoesNotBlockOthers()
    {
        const std::string chunk(64 * 1024, 'z');
        bool blocked_sender_waiting = false;
        diesel::Service service = local_service([&](const diesel::Address &) {
            std::string line = diesel::until_eol();
            if (line == "flood\n") {
                // Writes far more than the peer reads: this Loop must wait, not the Hub.
                for (int i = 0; i < 200; ++i)
                    diesel::send(chunk);
                blocked_sender_waiting = true;
                return;
            }
            for (;;) {
                diesel::send(line);
                line = diesel::until_eol();
            }
        });
        dtest::run_in_loop([&] {
            diesel::Client slow("127.0.0.1", service.port());
            slow.call([] { diesel::send("flood\n"); });
            diesel::sleep(0.1);
            bool found_waiting_writer = false;
            for (const auto &info : diesel::Hub::current().snapshot())
                if (info.wait_kind == diesel::WaitKind::Write)
                    found_waiting_writer = true;
            QVERIFY(found_waiting_writer);
            diesel::Client quick("127.0.0.1", service.port());
            for (int i = 0; i < 20; ++i)
                QCOMPARE(quick.call([] {
                    diesel::send("ping\n");
                    return diesel::until_eol();
                }),
                         std::string("ping\n"));
            QVERIFY(!blocked_sender_waiting);
        });
    }

    void callSwapsConnectionsInsideAServiceLoop()
    {
        diesel::Service upstream = local_service(holla);
        // A proxy: its handler talks to the upstream through a Client, then answers its own peer.
        diesel::Service proxy = local_service([&](const diesel::Address &) {
            diesel::Client up("127.0.0.1", upstream.port());
            for (;;) {
                const std::string line = diesel::until_eol();
                const std::string shouted = up.call([&] {
                    diesel::send(line);
                    return diesel::until_eol();
                });
                diesel::send("proxied " + shouted);
            }
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", proxy.port());
            QCOMPARE(client.call([] {
                diesel::send("via proxy\n");
                return diesel::until_eol();
            }),
                     std::string("proxied VIA PROXY\n"));
        });
    }

    void ipv6Works()
    {
        diesel::Service service(holla, 0, "::1");
        try {
            service.start();
        } catch (const diesel::BindError &e) {
            QSKIP(e.what()); // no IPv6 loopback on this machine
        }
        dtest::run_in_loop([&] {
            diesel::Client client("::1", service.port());
            QVERIFY(client.connection().peer().is_ipv6());
            QCOMPARE(client.call([] {
                diesel::send("six\n");
                return diesel::until_eol();
            }),
                     std::string("SIX\n"));
        });
    }

    void stoppingAServiceEndsItsConnections()
    {
        diesel::Service service = local_service(holla);
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                diesel::send("a\n");
                diesel::until_eol();
            });
            QCOMPARE(service.connections(), std::size_t(1));
            service.stop();
            QVERIFY(!service.running());
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed,
                                     client.call([] { return diesel::until_eol(); }));
        });
    }

    void clientClosesOnDestruction()
    {
        bool server_saw_close = false;
        diesel::Service service = local_service([&](const diesel::Address &) {
            try {
                diesel::until_eol();
            } catch (const diesel::ConnectionClosed &) {
                server_saw_close = true;
            }
        });
        dtest::run_in_loop([&] {
            {
                diesel::Client client("127.0.0.1", service.port());
            }
            for (int i = 0; i < 100 && !server_saw_close; ++i)
                diesel::sleep(0.01);
        });
        QVERIFY(server_saw_close);
    }

    void closingAClientWhileALoopWaitsOnItIsSafe()
    {
        diesel::Service service = local_service(holla);
        auto client = std::make_unique<diesel::Client>();
        std::string outcome;
        diesel::Hub::current().spawn([&] {
            client->connect("127.0.0.1", service.port());
            try {
                client->call([] { diesel::until_eol(); });
                outcome = "returned";
            } catch (const diesel::ConnectionClosed &) {
                outcome = "closed";
            }
        });
        QVERIFY(dtest::spin_until([&] {
            for (const auto &info : diesel::Hub::current().snapshot())
                if (info.label.rfind("loop-", 0) == 0 && info.wait_kind == diesel::WaitKind::Read)
                    return true;
            return false;
        }));
        client.reset(); // from outside any Loop, as a GUI's "disconnect" would
        QVERIFY(dtest::spin_until([&] { return !outcome.empty(); }));
        QCOMPARE(outcome, std::string("closed"));
    }

    void closingConnectionsWhoseReadinessIsNotDispatchedYetIsSafe()
    {
        // The epoll backend takes readiness from the kernel in batches and dispatches a batch a
        // few events at a time, running the Loops each part woke before the next: here more
        // sockets turn readable at once than one part holds, and the first client Loop to wake
        // closes every other client, whose readiness is still to be dispatched.
        constexpr std::size_t kClients = 64;
        diesel::Event go;
        diesel::Service service = local_service([&](const diesel::Address &) {
            go.wait();
            diesel::send("go\n");
            try {
                diesel::until_eol();
            } catch (const diesel::ConnectionClosed &) {
            }
        });
        std::vector<std::unique_ptr<diesel::Client>> clients;
        std::size_t lines = 0;
        std::size_t closed = 0;
        dtest::run_in_loop([&] {
            for (std::size_t i = 0; i < kClients; ++i)
                clients.push_back(std::make_unique<diesel::Client>("127.0.0.1", service.port()));
            while (service.connections() < kClients)
                diesel::sleep(0.01);
            for (std::size_t i = 0; i < kClients; ++i)
                diesel::fork([&, i] {
                    try {
                        clients[i]->call([] { diesel::until_eol(); });
                        ++lines;
                        for (auto &other : clients)
                            if (other && other != clients[i])
                                other.reset();
                    } catch (const diesel::ConnectionClosed &) {
                        ++closed;
                    }
                });
            diesel::sleep(0.05); // every client Loop waits to read
            go.set();
            while (lines + closed < kClients)
                diesel::sleep(0.01);
            clients.clear();
            while (service.connections() > 0)
                diesel::sleep(0.01);
        });
        QVERIFY(lines >= 1);
        QCOMPARE(lines + closed, kClients);
        QVERIFY(closed > 0); // the test reached connections still to be dispatched
    }

    void stoppingAServiceWhoseReadinessIsNotDispatchedYetIsSafe()
    {
        // As above on the Service's side, where a connection lies in its Loop's stack: the first
        // handler to read its line stops the Service, ending the others, whose lines wait to be
        // dispatched; new Loops then take the ended Loops' stacks and write over where their
        // connections lay. Readiness dispatched to an ended connection would reach that memory.
        constexpr std::size_t kClients = 64;
        std::size_t lines = 0;
        std::size_t fillers = 0;
        std::optional<diesel::Service> service;
        service.emplace(
            [&](const diesel::Address &) {
                diesel::until_eol();
                if (++lines > 1)
                    return;
                diesel::fork([&] { // stop() ends the Loop that calls it if it is a handler
                    service->stop();
                    diesel::sleep(0); // the ended Loops unwind and give their stacks back
                    for (std::size_t i = 0; i < kClients; ++i)
                        diesel::fork([&] {
                            std::array<volatile unsigned char, 16 * 1024> fill;
                            for (auto &byte : fill)
                                byte = 0xa5;
                            ++fillers;
                            diesel::sleep(0.05);
                        });
                });
                diesel::sleep(1);
            },
            0, "127.0.0.1");
        service->start();
        dtest::run_in_loop([&] {
            std::vector<std::unique_ptr<diesel::Client>> clients;
            for (std::size_t i = 0; i < kClients; ++i)
                clients.push_back(std::make_unique<diesel::Client>("127.0.0.1", service->port()));
            while (service->connections() < kClients)
                diesel::sleep(0.01);
            for (auto &client : clients) // one round: every line lands before the Hub polls
                client->call([] { diesel::send("line\n"); });
            while (fillers < kClients)
                diesel::sleep(0.01);
            diesel::sleep(0.1);
        });
        QVERIFY(lines >= 1);
        QVERIFY(!service->running());
        QCOMPARE(service->connections(), std::size_t(0));
    }

    void queuedOutputIsFlushedWhileTheLoopWaitsToRead()
    {
        // Small socket buffers make most of the reply wait in the connection's queue while the
        // handler already waits for the next line: the Hub must flush it meanwhile.
        const std::string reply(64 * 1024, 'r');
        diesel::Service service = local_service([&](const diesel::Address &) {
            const int small = 4096;
            ::setsockopt(diesel::current_connection().native_handle(), SOL_SOCKET, SO_SNDBUF,
                         &small, sizeof small);
            diesel::until_eol();
            diesel::send(reply);
            diesel::send("\n");
            QCOMPARE(diesel::until_eol(), std::string("got it\n"));
            diesel::send("bye\n");
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            const int small = 4096;
            ::setsockopt(client.connection().native_handle(), SOL_SOCKET, SO_RCVBUF, &small,
                         sizeof small);
            client.call([&] {
                diesel::send("go\n");
                diesel::sleep(0.1); // the server is waiting to read by now
                QCOMPARE(diesel::until_eol().size(), reply.size() + 1);
                diesel::send("got it\n");
                QCOMPARE(diesel::until_eol(), std::string("bye\n"));
            });
        });
    }

    void queuedOutputIsFlushedAfterTheHandlerEnds()
    {
        const std::string blob(2 * 1024 * 1024, 'q');
        diesel::Service service = local_service([&](const diesel::Address &) {
            diesel::send(blob); // most of it is still queued when the Loop ends
        });
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            diesel::sleep(0.1);
            const std::string got = client.call([&] { return diesel::receive(blob.size()); });
            QCOMPARE(got.size(), blob.size());
        });
    }

    void aConnectionFlushingAfterItsLoopEndedKeepsItsMemory()
    {
        // A Service's connection lives at the top of its Loop's stack. The Loop below ends while
        // most of the blob is still queued (below the 1 MiB at which send() would wait); new
        // connections meanwhile take stacks from the Hub's pool, the one freed last first: the
        // flushing connection's must not be among them.
        const std::string blob(768 * 1024, 'q');
        int echoed = 0;
        diesel::Service service = local_service([&](const diesel::Address &) {
            const std::string line = diesel::until_eol();
            if (line == "blob\n") {
                const int small = 4096;
                ::setsockopt(diesel::current_connection().native_handle(), SOL_SOCKET, SO_SNDBUF,
                             &small, sizeof small);
                diesel::send(blob);
                return;
            }
            diesel::send(line);
            ++echoed;
        });
        dtest::run_in_loop([&] {
            diesel::Client flushing("127.0.0.1", service.port());
            flushing.call([] { diesel::send("blob\n"); });
            diesel::sleep(0.1); // the handler has ended; its connection flushes in the background
            for (int i = 0; i < 20; ++i) {
                diesel::Client other("127.0.0.1", service.port());
                const std::string line = "line " + std::to_string(i) + "\n";
                QCOMPARE(other.call([&] {
                    diesel::send(line);
                    return diesel::until_eol();
                }),
                         line);
            }
            QCOMPARE(flushing.call([&] { return diesel::receive(blob.size()); }), blob);
        });
        QCOMPARE(echoed, 20);
    }
};

QTEST_GUILESS_MAIN(TestTcp)
#include "tst_tcp.moc"
