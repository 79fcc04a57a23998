// SPDX-License-Identifier: MIT
#include "faults.h"

#include <QStringList>

#include <chrono>

namespace workbench {

bool injectsFaults(const FaultSpec &spec)
{
    return toFaultPlan(spec).active();
}

diesel::FaultPlan toFaultPlan(const FaultSpec &spec)
{
    diesel::FaultPlan plan;
    plan.latency = std::chrono::milliseconds(spec.latencyMs);
    plan.bandwidth = spec.bandwidth;
    plan.max_read = std::size_t(spec.maxRead);
    plan.max_write = std::size_t(spec.maxWrite);
    plan.drop_after = std::uint64_t(spec.dropAfter);
    plan.drop_probability = spec.dropProbability;
    plan.reset = spec.reset;
    return plan;
}

QString faultSummary(const FaultSpec &spec)
{
    QStringList parts;
    if (spec.latencyMs > 0)
        parts << QStringLiteral("+%1 ms").arg(spec.latencyMs);
    if (spec.bandwidth > 0)
        parts << QStringLiteral("%1 B/s").arg(spec.bandwidth);
    if (spec.maxRead > 0)
        parts << QStringLiteral("reads \u2264 %1 B").arg(spec.maxRead);
    if (spec.maxWrite > 0)
        parts << QStringLiteral("writes \u2264 %1 B").arg(spec.maxWrite);
    if (spec.dropAfter > 0)
        parts << QStringLiteral("drop after %1 B").arg(spec.dropAfter);
    if (spec.dropProbability > 0)
        parts << QStringLiteral("drop p %1").arg(spec.dropProbability);
    if (spec.reset)
        parts << QStringLiteral("reset");
    return parts.isEmpty() ? QString()
                           : QStringLiteral("faults: ") + parts.join(QStringLiteral(", "));
}

} // namespace workbench
