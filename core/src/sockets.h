// SPDX-License-Identifier: MIT
// The POSIX socket calls the Services and Clients need, with errors turned into exceptions.
#pragma once

#include <diesel/core/address.h>

#include <cstdint>
#include <string>
#include <vector>

namespace diesel::detail {

// A Service's interface: "" (every IPv4 interface), "::", "localhost" or a numeric address.
// Throws BindError for anything else.
Address interface_address(const std::string &iface, std::uint16_t port);
// A non-blocking listening TCP socket; throws BindError ("127.0.0.1:4321: Address in use").
int open_listener(const Address &address, int backlog);
// A non-blocking UDP socket bound to `address`; throws BindError.
int open_udp_bound(const Address &address);
// A non-blocking socket of the address's family (SOCK_STREAM or SOCK_DGRAM); throws Error.
int open_socket(const Address &address, int type);
// The socket's bound port.
std::uint16_t bound_port(int fd);
// Resolves host:port. Numeric hosts resolve at once; names on a worker thread, so the calling
// Loop waits without blocking its Hub. Throws ResolveError.
std::vector<Address> resolve(const std::string &host, std::uint16_t port, int socktype);

} // namespace diesel::detail
