// SPDX-License-Identifier: MIT
// The guide's I/O primitives. Each acts on the calling Loop's current connection: the socket of
// a Service's Loop, or a Client's socket inside Client::call(). Outside a Loop they throw
// NotInLoop; in a Loop without a connection, NoConnection.
#pragma once

#include <diesel/core/connection.h>
#include <diesel/core/export.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace diesel {

/// The calling Loop's current connection; throws NotInLoop / NoConnection naming `primitive`.
DIESEL_CORE_EXPORT Connection &current_connection(const char *primitive = "current_connection");

/// Sends `data` (a reply datagram on a UDPService). Suspends only under back-pressure.
DIESEL_CORE_EXPORT void send(std::string_view data);
/// Sends the parts in order, in as few writes as possible (one datagram on UDP).
DIESEL_CORE_EXPORT void send(std::span<const std::string_view> parts);
/// Connection::peek() on the current connection: the buffered bytes, at least `at_least` of them.
DIESEL_CORE_EXPORT std::string_view peek(std::size_t at_least = 1);
/// Connection::consume(): drops the first `n` buffered bytes.
DIESEL_CORE_EXPORT void consume(std::size_t n);
/// Connection::read_into(): moves some bytes (at least one) into `out`; returns how many.
DIESEL_CORE_EXPORT std::size_t read_into(std::span<std::byte> out);
/// Connection::wait_readable(): until a read can make progress; false if `deadline` passed.
DIESEL_CORE_EXPORT bool wait_readable(std::optional<Clock::time_point> deadline = std::nullopt);
/// Suspends the calling Loop until exactly `n` bytes arrived; returns them.
DIESEL_CORE_EXPORT std::string receive(std::size_t n);
/// Returns whatever is buffered, or suspends the calling Loop until some bytes arrive.
DIESEL_CORE_EXPORT std::string receive();
/// Suspends the calling Loop until one datagram arrives; returns it (UDP).
DIESEL_CORE_EXPORT std::string receive(datagram_t);
/// Suspends the calling Loop until `sentinel` arrives; returns everything up to and including it.
DIESEL_CORE_EXPORT std::string until(std::string_view sentinel);
/// Suspends the calling Loop until a line arrives; returns it with its "\r\n" (or "\n").
DIESEL_CORE_EXPORT std::string until_eol();
/// until() into `line` (replacing its contents), reusing its capacity as std::getline does.
DIESEL_CORE_EXPORT void until(std::string_view sentinel, std::string &line);
/// until_eol() into `line`, reusing its capacity: no allocation per line in a reading loop.
DIESEL_CORE_EXPORT void until_eol(std::string &line);

} // namespace diesel
