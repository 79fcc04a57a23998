// SPDX-License-Identifier: MIT
#include <diesel/core/error.h>
#include <diesel/core/io.h>
#include <diesel/core/loop.h>

namespace diesel {

Connection &current_connection(const char *primitive)
{
    Connection *conn = Loop::require(primitive).connection();
    if (!conn)
        throw NoConnection(primitive);
    return *conn;
}

void send(std::string_view data)
{
    current_connection("send").send(data);
}

void send(std::span<const std::string_view> parts)
{
    current_connection("send").send(parts);
}

std::string_view peek(std::size_t at_least)
{
    return current_connection("peek").peek(at_least);
}

void consume(std::size_t n)
{
    current_connection("consume").consume(n);
}

std::size_t read_into(std::span<std::byte> out)
{
    return current_connection("read_into").read_into(out);
}

bool wait_readable(std::optional<Clock::time_point> deadline)
{
    return current_connection("wait_readable").wait_readable(deadline);
}

std::string receive(std::size_t n)
{
    return current_connection("receive").receive(n);
}

std::string receive()
{
    return current_connection("receive").receive();
}

std::string receive(datagram_t)
{
    return current_connection("receive").receive(datagram);
}

std::string until(std::string_view sentinel)
{
    return current_connection("until").until(sentinel);
}

std::string until_eol()
{
    return current_connection("until_eol").until_eol();
}

void until(std::string_view sentinel, std::string &line)
{
    current_connection("until").until(sentinel, line);
}

void until_eol(std::string &line)
{
    current_connection("until_eol").until_eol(line);
}

} // namespace diesel
