// SPDX-License-Identifier: MIT
#include "loopjobs.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>

namespace workbench {

LoopJobs::LoopJobs(QObject *context)
    : m_context(context)
{}

LoopJobs::~LoopJobs()
{
    cancelAll("its item went away");
}

void LoopJobs::run(const QString &label, std::function<Done()> work, Failed failed)
{
    diesel::LoopOptions options;
    options.label = label.toStdString();
    const std::uint64_t generation = m_state->generation;
    auto body = [state = m_state, context = m_context, generation, work = std::move(work),
                 failed = std::move(failed)] {
        // A Loop that ends without handing its outcome over (cancelled from the inspector, say)
        // is no longer running; one that hands it over is running until the GUI has it.
        struct Forget
        {
            State &state;
            diesel::LoopId id = diesel::current_loop_id();
            bool handedOver = false;
            ~Forget()
            {
                if (!handedOver)
                    state.loops.erase(id);
            }
        } forget{*state};
        Done done;
        QString error;
        bool ok = false;
        bool unreachable = false;
        try {
            done = work();
            ok = true;
        } catch (const diesel::ClientConnectionError &e) {
            error = QString::fromUtf8(e.what());
            unreachable = true;
        } catch (const diesel::ConnectionClosed &e) {
            error = QString::fromUtf8(e.what());
            unreachable = true;
        } catch (const std::exception &e) {
            // LoopCancelled is no std::exception: a cancelled call unwinds past here.
            error = QString::fromUtf8(e.what());
        }
        if (!context || state->generation != generation)
            return;
        forget.handedOver = true;
        QMetaObject::invokeMethod(
            context.data(),
            [state, context, generation, id = forget.id, ok, unreachable, done = std::move(done),
             failed, error] {
                if (!context || state->generation != generation)
                    return;
                state->loops.erase(id);
                if (ok && done)
                    done();
                else if (!ok && failed)
                    failed(error, unreachable);
            },
            Qt::QueuedConnection);
    };
    m_state->loops.insert(diesel::Hub::current().spawn(std::move(body), options).id());
}

void LoopJobs::cancelAll(const std::string &why)
{
    ++m_state->generation;
    const std::set<diesel::LoopId> loops = std::exchange(m_state->loops, {});
    if (diesel::Hub *hub = diesel::Hub::current_if_any())
        for (diesel::LoopId loop : loops)
            hub->cancel(loop, why);
}

std::size_t LoopJobs::running() const noexcept
{
    return m_state->loops.size();
}

} // namespace workbench
