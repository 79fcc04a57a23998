// SPDX-License-Identifier: MIT
// A socket address (IPv4 or IPv6 with port): what a Service handler receives as its peer.
#pragma once

#include <diesel/core/export.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace diesel {

/// An IPv4 or IPv6 address with a port.
class DIESEL_CORE_EXPORT Address
{
public:
    /// The empty address (valid() is false).
    Address() noexcept;
    /// Copies a socket address of family AF_INET or AF_INET6; anything else gives an empty one.
    Address(const sockaddr *addr, socklen_t length) noexcept;
    /// Parses a numeric host ("127.0.0.1", "::1", "" for any IPv4 interface) with a port;
    /// returns an empty Address when `host` is not numeric.
    static Address parse(std::string_view host, std::uint16_t port);

    bool valid() const noexcept { return family() != AF_UNSPEC; }
    int family() const noexcept { return m_addr.any.sa_family; }
    bool is_ipv6() const noexcept { return family() == AF_INET6; }
    /// The numeric host ("127.0.0.1", "::1").
    std::string host() const;
    std::uint16_t port() const noexcept;
    /// "127.0.0.1:4321" or "[::1]:4321".
    std::string to_string() const;

    const sockaddr *data() const noexcept { return &m_addr.any; }
    socklen_t size() const noexcept;

    friend bool operator==(const Address &a, const Address &b) noexcept;

private:
    union
    {
        sockaddr any;
        sockaddr_in v4;
        sockaddr_in6 v6;
    } m_addr;
};

/// Same family, host and port.
DIESEL_CORE_EXPORT bool operator==(const Address &a, const Address &b) noexcept;

} // namespace diesel
