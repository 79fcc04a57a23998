// SPDX-License-Identifier: MIT
#include "sockets.h"

#include <diesel/core/error.h>
#include <diesel/core/runtime.h>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace diesel::detail {

namespace {
std::error_code os_error(int error)
{
    return {error, std::generic_category()};
}

[[noreturn]] void bind_failed(const Address &address, const char *what, int error)
{
    throw BindError(address.to_string() + ": " + what + ": " + std::strerror(error),
                    os_error(error));
}

// Runs a system call until it is not interrupted.
template<class Call>
IoResult retrying(Call call) noexcept
{
    for (;;) {
        const ssize_t n = call();
        if (n >= 0)
            return {static_cast<std::size_t>(n), 0};
        if (errno != EINTR)
            return {0, errno};
    }
}

int native_type(SocketType type)
{
    return type == SocketType::Stream ? SOCK_STREAM : SOCK_DGRAM;
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

Fd open_socket(const Address &address, SocketType type)
{
    Fd fd(::socket(address.family(), native_type(type) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid())
        throw Error(std::string("socket: ") + std::strerror(errno), os_error(errno));
    return fd;
}

Fd open_listener(const Address &address, int backlog)
{
    Fd fd(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid())
        bind_failed(address, "socket", errno);
    const int on = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (address.is_ipv6()) {
        const int off = 0; // "::" serves IPv4 clients too
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(fd.get(), address.data(), address.size()) != 0)
        bind_failed(address, "bind", errno);
    if (::listen(fd.get(), backlog) != 0)
        bind_failed(address, "listen", errno);
    return fd;
}

Fd open_udp_bound(const Address &address)
{
    Fd fd(::socket(address.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid())
        bind_failed(address, "socket", errno);
    if (address.is_ipv6()) {
        const int off = 0;
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(fd.get(), address.data(), address.size()) != 0)
        bind_failed(address, "bind", errno);
    return fd;
}

std::uint16_t bound_port(SocketHandle fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return 0;
    return Address(reinterpret_cast<sockaddr *>(&ss), len).port();
}

Address local_address(SocketHandle fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return {};
    return Address(reinterpret_cast<sockaddr *>(&ss), len);
}

void set_no_delay(SocketHandle fd) noexcept
{
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

void set_reset_on_close(SocketHandle fd) noexcept
{
    const ::linger reset{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
}

int start_connect(SocketHandle fd, const Address &address) noexcept
{
    return ::connect(fd, address.data(), address.size()) == 0 ? 0 : errno;
}

int pending_error(SocketHandle fd) noexcept
{
    int error = 0;
    socklen_t len = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0)
        return errno;
    return error;
}

bool would_block(int error) noexcept
{
    return error == EAGAIN || error == EWOULDBLOCK;
}

IoResult receive_some(SocketHandle fd, char *buffer, std::size_t size) noexcept
{
    return retrying([&] { return ::recv(fd, buffer, size, 0); });
}

IoResult receive_datagram(SocketHandle fd, char *buffer, std::size_t size, Address &from) noexcept
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    const IoResult got = retrying([&] {
        len = sizeof ss;
        return ::recvfrom(fd, buffer, size, 0, reinterpret_cast<sockaddr *>(&ss), &len);
    });
    if (got.error == 0)
        from = Address(reinterpret_cast<sockaddr *>(&ss), len);
    return got;
}

namespace {

// The general case, out of line: its iovec array would otherwise deepen the stack of every
// send, and the lines a Loop's stack touches per request are what a thousand Loops keep in cache.
[[gnu::noinline]] IoResult send_gathered(SocketHandle fd, std::span<const std::string_view> parts,
                                         std::size_t first, std::size_t offset,
                                         const Address *to) noexcept
{
    iovec iov[kMaxSendParts];
    std::size_t count = 0;
    for (std::size_t i = first; i < parts.size() && count < kMaxSendParts; ++i) {
        const std::size_t skip = i == first ? offset : 0;
        if (parts[i].size() > skip)
            iov[count++] = {const_cast<char *>(parts[i].data() + skip), parts[i].size() - skip};
    }
    msghdr message{};
    message.msg_iov = iov;
    message.msg_iovlen = static_cast<decltype(message.msg_iovlen)>(count);
    if (to) {
        message.msg_name = const_cast<sockaddr *>(to->data());
        message.msg_namelen = to->size();
    }
    return retrying([&] { return ::sendmsg(fd, &message, MSG_NOSIGNAL); });
}

} // namespace

IoResult send_parts(SocketHandle fd, std::span<const std::string_view> parts, std::size_t first,
                    std::size_t offset, const Address *to) noexcept
{
    // One buffer to a connected socket (a typical reply) goes by send(): the kernel's path for
    // it skips copying in a message header and an iovec array.
    if (!to && parts.size() == first + 1 && parts[first].size() > offset) {
        const std::string_view part = parts[first].substr(offset);
        return retrying([&] { return ::send(fd, part.data(), part.size(), MSG_NOSIGNAL); });
    }
    return send_gathered(fd, parts, first, offset, to);
}

Accepted accept_connection(SocketHandle listener) noexcept
{
    for (;;) {
        sockaddr_storage ss{};
        socklen_t len = sizeof ss;
        Accepted accepted;
        accepted.fd = Fd(::accept4(listener, reinterpret_cast<sockaddr *>(&ss), &len,
                                   SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (accepted.fd.valid()) {
            accepted.peer = Address(reinterpret_cast<sockaddr *>(&ss), len);
            return accepted;
        }
        // Errors of the connection being accepted, not of the listener: take the next one.
        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO)
            continue;
        accepted.error = errno;
        return accepted;
    }
}

std::vector<Address> resolve(const std::string &host, std::uint16_t port, SocketType type)
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
        hints.ai_socktype = native_type(type);
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
