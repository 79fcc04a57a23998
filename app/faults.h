// SPDX-License-Identifier: MIT
// A workspace FaultSpec as the runtime's diesel::FaultPlan, and in a few words for the item.
#pragma once

#include "workspace.h"

#include <diesel/core/faults.h>

#include <QString>

namespace workbench {

/// Whether the spec injects anything.
bool injectsFaults(const FaultSpec &spec);
/// The plan a connection runs with.
diesel::FaultPlan toFaultPlan(const FaultSpec &spec);
/// "faults: +50 ms, 1000 B/s, drop after 100 B" ("" when none), for the item's summary.
QString faultSummary(const FaultSpec &spec);

} // namespace workbench
