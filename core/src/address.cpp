// SPDX-License-Identifier: MIT
#include <diesel/core/address.h>

#include <arpa/inet.h>

#include <cstring>

namespace diesel {

Address::Address() noexcept
{
    std::memset(&m_addr, 0, sizeof m_addr);
    m_addr.any.sa_family = AF_UNSPEC;
}

Address::Address(const sockaddr *addr, socklen_t length) noexcept
    : Address()
{
    if (!addr)
        return;
    if (addr->sa_family == AF_INET && length >= sizeof(sockaddr_in))
        std::memcpy(&m_addr.v4, addr, sizeof(sockaddr_in));
    else if (addr->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6))
        std::memcpy(&m_addr.v6, addr, sizeof(sockaddr_in6));
}

Address Address::parse(std::string_view host, std::uint16_t port)
{
    Address a;
    const std::string text(host.empty() ? std::string_view("0.0.0.0") : host);
    if (::inet_pton(AF_INET, text.c_str(), &a.m_addr.v4.sin_addr) == 1) {
        a.m_addr.v4.sin_family = AF_INET;
        a.m_addr.v4.sin_port = htons(port);
        return a;
    }
    std::string v6 = text;
    if (v6.size() > 2 && v6.front() == '[' && v6.back() == ']')
        v6 = v6.substr(1, v6.size() - 2);
    if (::inet_pton(AF_INET6, v6.c_str(), &a.m_addr.v6.sin6_addr) == 1) {
        a.m_addr.v6.sin6_family = AF_INET6;
        a.m_addr.v6.sin6_port = htons(port);
        return a;
    }
    return Address();
}

std::string Address::host() const
{
    char text[INET6_ADDRSTRLEN] = {};
    if (family() == AF_INET)
        ::inet_ntop(AF_INET, &m_addr.v4.sin_addr, text, sizeof text);
    else if (family() == AF_INET6)
        ::inet_ntop(AF_INET6, &m_addr.v6.sin6_addr, text, sizeof text);
    return text;
}

std::uint16_t Address::port() const noexcept
{
    if (family() == AF_INET)
        return ntohs(m_addr.v4.sin_port);
    if (family() == AF_INET6)
        return ntohs(m_addr.v6.sin6_port);
    return 0;
}

std::string Address::to_string() const
{
    if (!valid())
        return "-";
    const std::string port_text = ":" + std::to_string(port());
    return is_ipv6() ? "[" + host() + "]" + port_text : host() + port_text;
}

socklen_t Address::size() const noexcept
{
    if (family() == AF_INET)
        return sizeof(sockaddr_in);
    if (family() == AF_INET6)
        return sizeof(sockaddr_in6);
    return 0;
}

bool operator==(const Address &a, const Address &b) noexcept
{
    return a.family() == b.family() && a.port() == b.port() && a.host() == b.host();
}

} // namespace diesel
