// SPDX-License-Identifier: MIT
// An item's measures as one line a person reads, for headless mode's summary when a run stops.
#pragma once

#include "itemcontroller.h"

#include <QString>

namespace workbench {

/// An amount in its unit: "51234" things, "1.2 MB" of bytes.
QString measureAmount(double value, ItemMeasure::Unit unit);
/// A rate in its unit: "5123.4/s" things, "1.2 MB/s" of bytes.
QString measureRate(double perSecond, ItemMeasure::Unit unit);

/// `item`'s measures after a run of `seconds`: its running totals with their mean rate and its
/// levels as they are now, e.g. `replies 51234 (5123.4/s), bytes in 3.3 MB (328.0 KB/s), in use
/// 3`; "" when it has no measures.
QString measuresText(const ItemController &item, double seconds);

} // namespace workbench
