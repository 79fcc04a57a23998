// SPDX-License-Identifier: MIT
#include "portprobe.h"

#include <diesel/core/error.h>
#include <diesel/core/service.h>

namespace workbench {

bool portIsFree(Transport transport, const QString &iface, std::uint16_t port)
{
    const std::string host =
        iface == QLatin1String("0.0.0.0") ? std::string() : iface.toStdString();
    // Bind the way the Service would (same options, SO_REUSEADDR included), then let go.
    try {
        if (transport == Transport::Tcp) {
            diesel::Service probe([](const diesel::Address &) {}, port, host);
            probe.start();
        } else {
            diesel::UDPService probe([] {}, port, host);
            probe.start();
        }
        return true;
    } catch (const diesel::BindError &) {
        // Taken (code() == std::errc::address_in_use), not ours to take (permission_denied), or
        // no such interface: none of them is a free port.
        return false;
    }
}

} // namespace workbench
