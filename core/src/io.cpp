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

} // namespace diesel
