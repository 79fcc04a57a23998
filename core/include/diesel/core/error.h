// SPDX-License-Identifier: MIT
// The runtime's exceptions. Every exception the runtime raises derives from diesel::Error.
#pragma once

#include <diesel/core/export.h>

#include <stdexcept>
#include <string>
#include <system_error>

namespace diesel {

/// Base of every exception the runtime and its protocols raise.
class DIESEL_CORE_EXPORT Error : public std::runtime_error
{
public:
    explicit Error(const std::string &what, std::error_code code = {})
        : std::runtime_error(what)
        , m_code(code)
    {}
    /// The operating system's error behind it (compare with std::errc::address_in_use, ...),
    /// empty when there is none.
    const std::error_code &code() const noexcept { return m_code; }

private:
    std::error_code m_code;
};

/// A Loop-only primitive (sleep, until_eol, wait, ...) was called outside a Loop.
class DIESEL_CORE_EXPORT NotInLoop : public Error
{
public:
    explicit NotInLoop(const char *primitive);
};

/// An I/O primitive was called in a Loop that has no current connection.
class DIESEL_CORE_EXPORT NoConnection : public Error
{
public:
    explicit NoConnection(const char *primitive);
};

/// The peer closed (or reset) the connection. Bytes received before the close stay readable
/// with receive(); a copy of them is in buffered().
class DIESEL_CORE_EXPORT ConnectionClosed : public Error
{
public:
    explicit ConnectionClosed(const std::string &why, std::string buffered = {});
    /// The bytes that were received but not yet consumed when the connection closed.
    const std::string &buffered() const noexcept { return m_buffered; }

private:
    std::string m_buffered;
};

/// A wait to read or write on a connection outlasted its deadline (Connection::set_deadline),
/// its Service's idle timeout or its minimum receive rate (ServiceOptions). The connection is
/// closed; what() says which limit.
class DIESEL_CORE_EXPORT ConnectionTimeout : public ConnectionClosed
{
public:
    using ConnectionClosed::ConnectionClosed;
};

/// A Client could not connect (refused, unreachable, ...).
class DIESEL_CORE_EXPORT ClientConnectionError : public Error
{
public:
    using Error::Error;
};

/// A Client's connect did not finish within its timeout.
class DIESEL_CORE_EXPORT ConnectTimeout : public ClientConnectionError
{
public:
    using ClientConnectionError::ClientConnectionError;
};

/// A host name did not resolve (code() is empty: resolver errors are not errno values).
class DIESEL_CORE_EXPORT ResolveError : public ClientConnectionError
{
public:
    using ClientConnectionError::ClientConnectionError;
};

/// until()/until_eol() saw more than the connection's maximum line length without the sentinel.
/// Nothing is consumed: the buffered bytes stay on the connection.
class DIESEL_CORE_EXPORT LineTooLong : public Error
{
public:
    using Error::Error;
};

/// A Service or UDPService could not bind or listen (port in use, no permission, bad address).
class DIESEL_CORE_EXPORT BindError : public Error
{
public:
    using Error::Error;
};

/// A TLS handshake, certificate or key failed.
class DIESEL_CORE_EXPORT TlsError : public Error
{
public:
    using Error::Error;
};

/// Thrown into a Loop started with fork_child() when its parent Loop ends.
class DIESEL_CORE_EXPORT ParentDied : public Error
{
public:
    ParentDied();
};

/// A wait with a timeout (diesel::wait, Event::wait, ...) ran out of time.
class DIESEL_CORE_EXPORT TimeoutError : public Error
{
public:
    using Error::Error;
};

/// A request on a RequestChannel outlasted its request timeout; the channel dropped its
/// connection (the next request reconnects). what() names the channel and the timeout.
class DIESEL_CORE_EXPORT RequestTimeout : public TimeoutError
{
public:
    using TimeoutError::TimeoutError;
};

/// Thrown into a Loop that is being cancelled: the runtime is shutting down or the Loop was
/// killed (from the workbench's inspector, say). It deliberately does not derive from
/// std::exception: code that catches everything must rethrow it.
class DIESEL_CORE_EXPORT LoopCancelled
{
public:
    explicit LoopCancelled(std::string why)
        : m_why(std::move(why))
    {}
    /// Why the Loop was cancelled.
    const std::string &why() const noexcept { return m_why; }

private:
    std::string m_why;
};

} // namespace diesel
