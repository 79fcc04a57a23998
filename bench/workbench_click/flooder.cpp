// SPDX-License-Identifier: MIT
#include "flooder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <vector>

namespace bench {

namespace {

constexpr char kLine[] = "flood line for the workbench\r\n";

// A socket that closes itself.
struct Fd
{
    int fd = -1;
    explicit Fd(int f)
        : fd(f)
    {}
    Fd(Fd &&other) noexcept
        : fd(other.fd)
    {
        other.fd = -1;
    }
    Fd(const Fd &) = delete;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

Flooder::Flooder(std::uint16_t port, int connections, double rate)
    : m_thread([this, port, connections, rate] { run(port, connections, rate); })
{}

Flooder::~Flooder()
{
    m_stop = true;
    m_thread.join();
}

void Flooder::run(std::uint16_t port, int connections, double rate)
{
    std::vector<Fd> socks;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < connections; ++i) {
        Fd s(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
        // Non-blocking connect: wait for it with poll.
        if (::connect(s.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 &&
            errno != EINPROGRESS)
            return;
        pollfd p{s.fd, POLLOUT, 0};
        if (::poll(&p, 1, 5000) != 1)
            return;
        const int one = 1;
        ::setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        socks.push_back(std::move(s));
    }
    m_connected = true;
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    std::uint64_t sent = 0;
    std::size_t next = 0;
    char buffer[65536];
    while (!m_stop) {
        // Lines due by now at the rate, sent round robin; a full socket waits for the next turn.
        const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
        const auto due = std::uint64_t(elapsed * rate);
        for (std::size_t tries = 0; sent < due && tries < socks.size() * 4; ++tries) {
            const int fd = socks[next++ % socks.size()].fd;
            if (::send(fd, kLine, sizeof kLine - 1, MSG_NOSIGNAL) == ssize_t(sizeof kLine - 1))
                ++sent;
        }
        for (const Fd &s : socks)
            for (;;) {
                const ssize_t n = ::recv(s.fd, buffer, sizeof buffer, MSG_DONTWAIT);
                if (n <= 0)
                    break;
                m_replied += std::uint64_t(n);
            }
        ::usleep(500);
    }
}

} // namespace bench
