// SPDX-License-Identifier: MIT
#include "behaviours.h"
#include "poolhandle.h"
#include "poolruntime.h"

#include <diesel/core/first.h>
#include <diesel/core/io.h>

#include <variant>

namespace workbench {

PoolHandle::PoolHandle(std::shared_ptr<PoolRuntime> runtime)
    : m_runtime(std::move(runtime))
{}

std::string PoolHandle::name() const
{
    return m_runtime->spec.name.toStdString();
}

std::string PoolHandle::request(std::string_view line) const
{
    PoolRuntime &rt = *m_runtime;
    if (rt.stopped)
        throw diesel::Error("pool " + name() + " is stopped");
    auto lease = rt.pool->connection();
    std::string wire;
    wire.reserve(line.size() + 2);
    wire.append(line).append("\r\n");
    const double timeout = rt.spec.replyTimeout;
    auto reply = lease->call([&] {
        diesel::send(wire);
        return diesel::first(diesel::cond::sleep(timeout), diesel::cond::until_eol());
    });
    if (reply.index() == 0) {
        lease.discard(); // a late reply would answer the next borrower
        throw diesel::TimeoutError(
            QStringLiteral("no reply within %1 s").arg(timeout).toStdString());
    }
    return stripEol(std::get<1>(std::move(reply)));
}

} // namespace workbench
