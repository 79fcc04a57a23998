// SPDX-License-Identifier: MIT
#include "sockets.h"

#include <diesel/core/error.h>
#include <diesel/core/runtime.h>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace diesel::detail {

namespace {
[[noreturn]] void bind_failed(const Address &address, const char *what, int error, int fd)
{
    if (fd >= 0)
        ::close(fd);
    throw BindError(address.to_string() + ": " + what + ": " + std::strerror(error));
}
} // namespace

Address interface_address(const std::string &iface, std::uint16_t port)
{
    if (iface == "localhost")
        return Address::parse("127.0.0.1", port);
    Address address = Address::parse(iface, port);
    if (!address.valid())
        throw BindError("'" + iface +
                        "' is not an interface address: give a numeric address "
                        "such as 127.0.0.1, ::1, 0.0.0.0 or ::");
    return address;
}

int open_socket(const Address &address, int type)
{
    const int fd = ::socket(address.family(), type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw Error(std::string("socket: ") + std::strerror(errno));
    return fd;
}

int open_listener(const Address &address, int backlog)
{
    const int fd = ::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        bind_failed(address, "socket", errno, -1);
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (address.is_ipv6()) {
        const int off = 0; // "::" serves IPv4 clients too
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(fd, address.data(), address.size()) != 0)
        bind_failed(address, "bind", errno, fd);
    if (::listen(fd, backlog) != 0)
        bind_failed(address, "listen", errno, fd);
    return fd;
}

int open_udp_bound(const Address &address)
{
    const int fd = ::socket(address.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        bind_failed(address, "socket", errno, -1);
    if (address.is_ipv6()) {
        const int off = 0;
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(fd, address.data(), address.size()) != 0)
        bind_failed(address, "bind", errno, fd);
    return fd;
}

std::uint16_t bound_port(int fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return 0;
    return Address(reinterpret_cast<sockaddr *>(&ss), len).port();
}

std::vector<Address> resolve(const std::string &host, std::uint16_t port, int socktype)
{
    if (const Address numeric = Address::parse(host.empty() ? "127.0.0.1" : host, port);
        numeric.valid())
        return {numeric};
    struct Result
    {
        int status = 0;
        std::vector<Address> addresses;
    };
    Result result = diesel::thread([&] {
        Result r;
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = socktype;
        hints.ai_flags = AI_ADDRCONFIG;
        addrinfo *list = nullptr;
        r.status = ::getaddrinfo(host.c_str(), nullptr, &hints, &list);
        for (addrinfo *ai = list; r.status == 0 && ai; ai = ai->ai_next) {
            Address a(ai->ai_addr, ai->ai_addrlen);
            if (!a.valid())
                continue;
            a = Address::parse(a.host(), port);
            if (std::find(r.addresses.begin(), r.addresses.end(), a) == r.addresses.end())
                r.addresses.push_back(a);
        }
        if (list)
            ::freeaddrinfo(list);
        return r;
    });
    if (result.status != 0)
        throw ResolveError("cannot resolve '" + host + "': " + ::gai_strerror(result.status));
    if (result.addresses.empty())
        throw ResolveError("cannot resolve '" + host + "': no IPv4 or IPv6 address");
    return result.addresses;
}

} // namespace diesel::detail
