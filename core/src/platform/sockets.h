// SPDX-License-Identifier: MIT
// The operating system's socket calls, and only here (POSIX). Descriptors come back owned by
// an Fd; errors come back as errno values or as exceptions carrying them (Error::code()).
#pragma once

#include "fd.h"

#include <diesel/core/address.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::detail {

// A Service's interface: "" (every IPv4 interface), "::", "localhost" or a numeric address.
// Throws BindError for anything else.
Address interface_address(const std::string &iface, std::uint16_t port);
// A non-blocking listening TCP socket; throws BindError ("127.0.0.1:4321: Address in use").
Fd open_listener(const Address &address, int backlog);
// A non-blocking UDP socket bound to `address`; throws BindError.
Fd open_udp_bound(const Address &address);
// A non-blocking socket of the address's family; throws Error.
enum class SocketType { Stream, Datagram };
Fd open_socket(const Address &address, SocketType type);
// The socket's bound port.
std::uint16_t bound_port(SocketHandle fd);
// The socket's own address (invalid if unknown).
Address local_address(SocketHandle fd);
// Resolves host:port. Numeric hosts resolve at once; names on a worker thread, so the calling
// Loop waits without blocking its Hub. Throws ResolveError.
std::vector<Address> resolve(const std::string &host, std::uint16_t port, SocketType type);

// Turns off Nagle's algorithm: replies go out at once.
void set_no_delay(SocketHandle fd) noexcept;
// Makes closing the socket send a reset (RST) and drop unsent bytes (SO_LINGER 0).
void set_reset_on_close(SocketHandle fd) noexcept;
// Starts connecting: 0, EINPROGRESS, or the error.
int start_connect(SocketHandle fd, const Address &address) noexcept;
// The error a finished non-blocking connect left on the socket (0: connected).
int pending_error(SocketHandle fd) noexcept;

// Whether a failure only means "try again when ready".
bool would_block(int error) noexcept;

// A non-blocking call's outcome: bytes moved, or `error` (an errno value; 0 with n == 0 after
// a receive means the peer closed). EINTR is retried inside.
struct IoResult
{
    std::size_t n = 0;
    int error = 0;
};
IoResult receive_some(SocketHandle fd, char *buffer, std::size_t size) noexcept;
// One datagram; `from` is set to its sender.
IoResult receive_datagram(SocketHandle fd, char *buffer, std::size_t size, Address &from) noexcept;
// The parts in order, in one sendmsg(), starting `offset` bytes into parts[first] (at most
// kMaxSendParts parts per call); to `to` when given (a UDP reply). Never raises SIGPIPE.
IoResult send_parts(SocketHandle fd, std::span<const std::string_view> parts, std::size_t first,
                    std::size_t offset, const Address *to = nullptr) noexcept;
inline constexpr std::size_t kMaxSendParts = 64;

// An accepted connection: the descriptor (non-blocking) and the peer, or `error`.
struct Accepted
{
    Fd fd;
    Address peer;
    int error = 0;
};
Accepted accept_connection(SocketHandle listener) noexcept;

} // namespace diesel::detail
