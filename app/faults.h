// SPDX-License-Identifier: MIT
// The faults a Service's or Client's TCP connections inject on purpose, as plain values (shared by
// both kinds): their "faults" JSON object, the runtime's diesel::FaultPlan, and a few words for
// the item.
#pragma once

#include <diesel/core/faults.h>

#include <QJsonObject>
#include <QString>

namespace workbench {

/// diesel::FaultPlan in the panel's units. The default injects none.
struct FaultSpec
{
    int latencyMs = 0;          ///< every chunk read or written waits this long
    int bandwidth = 0;          ///< bytes/s each direction may move; 0: no cap
    int maxRead = 0;            ///< largest piece one read takes; 0: no limit
    int maxWrite = 0;           ///< largest piece one write sends; 0: no limit
    int dropAfter = 0;          ///< drop once this many bytes were written; 0: never
    double dropProbability = 0; ///< chance (0 to 1) of a drop at each chunk
    bool reset = false;         ///< close with a reset (RST) instead of an orderly end

    friend bool operator==(const FaultSpec &, const FaultSpec &) = default;
};

/// Whether the spec injects anything.
bool injectsFaults(const FaultSpec &spec);
/// The plan a connection runs with.
diesel::FaultPlan toFaultPlan(const FaultSpec &spec);
/// "faults: +50 ms, 1000 B/s, drop after 100 B" ("" when none), for the item's summary.
QString faultSummary(const FaultSpec &spec);

/// Reads the optional "faults" object of an item's settings (throws Invalid naming the field,
/// "items[0].faults.latencyMs").
FaultSpec readFaults(const QJsonObject &o, const QString &where);
/// Adds the "faults" object to an item's settings, only when it injects something, so files
/// without faults stay as they were.
void insertFaults(QJsonObject &o, const FaultSpec &spec);

} // namespace workbench
