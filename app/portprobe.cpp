// SPDX-License-Identifier: MIT
#include "portprobe.h"

#include <diesel/core/address.h>

#include <sys/socket.h>
#include <unistd.h>

namespace workbench {

bool portIsFree(Transport transport, const QString &iface, std::uint16_t port)
{
    const diesel::Address address = diesel::Address::parse(
        iface == QLatin1String("0.0.0.0") ? std::string() : iface.toStdString(), port);
    if (!address.valid())
        return false;
    const int fd =
        ::socket(address.family(),
                 (transport == Transport::Tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    // A listener uses SO_REUSEADDR; probe the same way so TIME_WAIT does not count as taken.
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const bool free = ::bind(fd, address.data(), address.size()) == 0;
    ::close(fd);
    return free;
}

} // namespace workbench
