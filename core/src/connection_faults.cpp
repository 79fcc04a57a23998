// SPDX-License-Identifier: MIT
// ConnectionCore's fault injection: reads and writes through a FaultLayer, which paces, splits
// or cuts them. A held direction looks "not ready" (readable/writable cleared, the backend left
// alone, so a level-triggered one does not spin) until the layer's timer reports it ready again
// through on_ready(). None of this runs while no plan is active: the socket reads and writes
// then take one branch on m_faulty and go straight to the socket.
#include "connection_p.h"

#include <diesel/core/error.h>

#include <utility>

namespace diesel::detail {

void ConnectionCore::set_faults(const FaultPlan &plan)
{
    if (m_mode == Mode::Datagram)
        throw Error("fault injection needs a TCP connection");
    if (!plan.active()) {
        if (!m_faults)
            return;
        FaultLayer::Resume &resume = m_faults->resume;
        const bool in = resume.in;
        const bool out = resume.out;
        if (m_hub)
            m_hub->disarm(resume);
        m_faulty = false;
        m_faults.reset();
        info.faults = false;
        if (in || out)
            on_ready(in, out); // what was held moves on unhindered
        return;
    }
    if (m_faults) {
        m_faults->set_plan(plan);
    } else {
        m_faults = std::make_unique<FaultLayer>(*this, plan);
        m_faults->resume.fire = &ConnectionCore::on_fault_resume;
    }
    m_faulty = true;
    info.faults = true;
    // A held chunk is judged again under the new plan at the Hub's next round.
    FaultLayer::Resume &resume = m_faults->resume;
    if (m_hub && resume.armed()) {
        resume.deadline = Clock::now();
        m_hub->arm(resume);
    }
}

void ConnectionCore::on_fault_resume(TimerEntry &entry) noexcept
{
    auto &resume = static_cast<FaultLayer::Resume &>(entry);
    const bool in = std::exchange(resume.in, false);
    const bool out = std::exchange(resume.out, false);
    resume.core->on_ready(in, out);
}

void ConnectionCore::fault_hold(FaultLayer::Dir dir, Clock::time_point until) noexcept
{
    FaultLayer::Resume &resume = m_faults->resume;
    (dir == FaultLayer::Dir::In ? resume.in : resume.out) = true;
    if (!m_hub || (resume.armed() && resume.deadline <= until))
        return;
    resume.deadline = until;
    try {
        m_hub->arm(resume);
    } catch (...) {
        fail("fault injection: cannot arm its timer");
    }
}

void ConnectionCore::fault_drop(const std::string &why) noexcept
{
    try {
        fail("fault injection: " + why);
        if (m_hub && m_hub->observing(Observer::Connections))
            m_hub->notify(Observer::Connections, [&](Observer &o) { o.fault(info, why); });
    } catch (...) {
        fail("fault injection: dropped");
    }
    finish_close();
}

void ConnectionCore::end_faults() noexcept
{
    if (m_hub)
        m_hub->disarm(m_faults->resume);
    if (!m_faults->plan().reset)
        return;
    set_reset_on_close(fd);
    if (m_hub && m_hub->observing(Observer::Connections))
        m_hub->notify(Observer::Connections,
                      [&](Observer &o) { o.fault(info, "reset instead of close"); });
}

ConnectionCore::Io ConnectionCore::faulty_socket_read(char *dest, std::size_t space, std::size_t &n)
{
    const Clock::time_point now = Clock::now();
    FaultLayer::Verdict verdict;
    try {
        verdict = m_faults->admit(FaultLayer::Dir::In, space, now);
    } catch (...) { // the reason of a drop did not fit in memory
        verdict.kind = FaultLayer::Verdict::Drop;
    }
    switch (verdict.kind) {
    case FaultLayer::Verdict::Hold:
        readable = false;
        fault_hold(FaultLayer::Dir::In, verdict.until);
        return Io::WouldBlock;
    case FaultLayer::Verdict::Drop:
        fault_drop(verdict.why);
        return Io::Failed;
    case FaultLayer::Verdict::Move:
        break;
    }
    const Io io = socket_read_now(dest, verdict.n, n);
    if (io == Io::Data)
        m_faults->moved(FaultLayer::Dir::In, n, now);
    else if (io == Io::WouldBlock)
        m_faults->found_nothing();
    return io;
}

std::size_t ConnectionCore::faulty_socket_write(std::span<const std::string_view> parts,
                                                bool report) noexcept
{
    std::size_t done = 0;
    std::size_t first = 0;  // the part being written
    std::size_t offset = 0; // how much of it is written
    try {
        std::string piece;
        for (;;) {
            while (first < parts.size() && offset == parts[first].size()) {
                ++first;
                offset = 0;
            }
            if (first == parts.size() || m_failed || fd == kNoSocket)
                return done;
            std::size_t want = parts[first].size() - offset;
            for (std::size_t i = first + 1; i < parts.size(); ++i)
                want += parts[i].size();
            const Clock::time_point now = Clock::now();
            const FaultLayer::Verdict verdict = m_faults->admit(FaultLayer::Dir::Out, want, now);
            if (verdict.kind == FaultLayer::Verdict::Hold) {
                writable = false;
                fault_hold(FaultLayer::Dir::Out, verdict.until);
                return done;
            }
            if (verdict.kind == FaultLayer::Verdict::Drop) {
                fault_drop(verdict.why);
                return done;
            }
            piece.clear();
            for (std::size_t i = first, skip = offset; piece.size() < verdict.n; ++i, skip = 0)
                piece.append(parts[i].substr(skip, verdict.n - piece.size()));
            const std::string_view chunk = piece;
            const std::size_t n = socket_write_now({&chunk, 1}, false);
            if (n == 0)
                return done; // the socket is full (or failed): on_ready() goes on
            if (report)
                report_written(parts, first, offset, n);
            done += n;
            for (std::size_t left = n; left > 0;) {
                const std::size_t take = std::min(left, parts[first].size() - offset);
                left -= take;
                offset += take;
                if (offset == parts[first].size()) {
                    ++first;
                    offset = 0;
                }
            }
            if (const std::string why = m_faults->moved(FaultLayer::Dir::Out, n, now);
                !why.empty()) {
                fault_drop(why);
                return done;
            }
            if (n < chunk.size())
                return done;
        }
    } catch (...) {
        fail("fault injection: out of memory");
        return done;
    }
}

} // namespace diesel::detail
