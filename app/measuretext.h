// SPDX-License-Identifier: MIT
// An item's measures as one line a person reads, for headless mode's summary when a run stops.
#pragma once

#include "itemcontroller.h"

#include <QString>

namespace workbench {

/// `item`'s measures after a run of `seconds`: its running totals with their mean rate and its
/// levels as they are now, e.g. `replies 51234 (5123.4/s), errors 0 (0.0/s), in use 3`; "" when
/// it has no measures.
QString measuresText(const ItemController &item, double seconds);

} // namespace workbench
