// SPDX-License-Identifier: MIT
#include "faults.h"
#include "jsonfields.h"

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

FaultSpec readFaults(const QJsonObject &o, const QString &where)
{
    FaultSpec f;
    if (const auto j = getObject(o, where, "faults")) {
        const QString w = field(where, "faults");
        f.latencyMs = getInt(*j, w, "latencyMs", 0, 0, 3600 * 1000);
        f.bandwidth = getInt(*j, w, "bandwidth", 0, 0, 1 << 30);
        f.maxRead = getInt(*j, w, "maxRead", 0, 0, 1 << 30);
        f.maxWrite = getInt(*j, w, "maxWrite", 0, 0, 1 << 30);
        f.dropAfter = getInt(*j, w, "dropAfter", 0, 0, 1 << 30);
        f.dropProbability = getNumber(*j, w, "dropProbability", 0, 0, 1);
        f.reset = getBool(*j, w, "reset", false);
    }
    return f;
}

void insertFaults(QJsonObject &o, const FaultSpec &f)
{
    if (f == FaultSpec{})
        return;
    QJsonObject j;
    j.insert(QStringLiteral("latencyMs"), f.latencyMs);
    j.insert(QStringLiteral("bandwidth"), f.bandwidth);
    j.insert(QStringLiteral("maxRead"), f.maxRead);
    j.insert(QStringLiteral("maxWrite"), f.maxWrite);
    j.insert(QStringLiteral("dropAfter"), f.dropAfter);
    j.insert(QStringLiteral("dropProbability"), f.dropProbability);
    j.insert(QStringLiteral("reset"), f.reset);
    o.insert(QStringLiteral("faults"), j);
}

} // namespace workbench
