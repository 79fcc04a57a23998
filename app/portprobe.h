// SPDX-License-Identifier: MIT
// Whether a port can be bound right now (for suggesting "the next free port").
#pragma once

#include "workspace.h"

#include <QString>

#include <cstdint>

namespace workbench {

/// True if a socket of `transport` could bind `iface`:`port` a moment ago. Never blocks.
bool portIsFree(Transport transport, const QString &iface, std::uint16_t port);

} // namespace workbench
