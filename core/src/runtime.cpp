// SPDX-License-Identifier: MIT
#include "hub_p.h"
#include "loop_switch.h"

#include <diesel/core/application.h>
#include <diesel/core/detail/deadline.h>
#include <diesel/core/error.h>
#include <diesel/core/first.h>
#include <diesel/core/runtime.h>

#include <QThreadPool>

namespace diesel {

void sleep(double seconds)
{
    sleep(detail::duration_of(Seconds(seconds)));
}

void sleep(Clock::duration duration)
{
    Wait wait("sleep");
    detail::HubPrivate &hub = detail::hub_of(wait.loop());
    if (duration <= Clock::duration::zero()) {
        hub.yield(wait.loop());
        return;
    }
    const Clock::time_point deadline = Clock::now() + duration;
    wait.set_deadline(deadline, 0);
    WaitInfo info;
    info.kind = WaitKind::Timer;
    info.deadline = deadline;
    wait.suspend(info);
}

namespace detail {

LoopHandle fork_impl(UniqueFunction fn, ForkKind kind)
{
    Loop *current = Loop::current();
    if (kind == ForkKind::Child && !current)
        throw NotInLoop("fork_child");
    Hub &hub = current ? current->hub() : Hub::current();
    LoopOptions options;
    options.child = kind == ForkKind::Child;
    return hub.internals().spawn(std::move(fn), options,
                                 kind == ForkKind::TopLevel ? nullptr : current);
}

void run_on_worker(UniqueFunction work)
{
    Loop &loop = Loop::require("thread");
    HubPrivate &hub = hub_of(loop);
    if (!hub.workers) {
        hub.workers = std::make_unique<QThreadPool>();
        hub.workers->setMaxThreadCount(16);
    }
    // The worker touches `work` (and through it the Loop's stack) until it posts `done`; the
    // Loop must not unwind before that, so this wait defers cancellation.
    bool done = false;
    WaitNode node;
    Hub *target = &loop.hub();
    hub.workers->start([&work, &done, &node, target] {
        work();
        target->post([&done, &node] {
            done = true;
            node.notify();
        });
    });
    while (!done) {
        Wait wait("thread");
        wait.add(node, 0, WaitKind::Thread);
        WaitInfo info;
        info.kind = WaitKind::Thread;
        wait.suspend_uncancellable(info);
    }
}

void post_fork(Hub &hub, UniqueFunction fn)
{
    auto shared = std::make_shared<UniqueFunction>(std::move(fn));
    Hub *target = &hub;
    hub.post([target, shared] { target->spawn([shared] { (*shared)(); }); });
}

void yield_in_loop()
{
    if (Loop *loop = Loop::current())
        hub_of(*loop).yield(*loop);
}

void HubPrivate::yield(Loop &loop)
{
    loop.throw_pending();
    make_ready(loop);
    loop.switch_away();
    loop.throw_pending();
}

} // namespace detail

void label(std::string name)
{
    Loop::require("label").set_label(std::move(name));
}

LoopId current_loop_id()
{
    return Loop::require("current_loop_id").id();
}

void fire(std::string_view event, std::string value)
{
    Loop *loop = Loop::current();
    Hub &hub = loop ? loop->hub() : Hub::current();
    hub.internals().fire(event, value);
}

namespace {
// A plain wait on a fired event, shown as such ("fire x"), with an optional deadline.
std::string wait_for_fire(std::string_view event, const Clock::time_point *deadline)
{
    cond::wait condition{std::string(event)};
    Wait wait("wait");
    cond::wait::Registration registration;
    WaitInfo info;
    registration.arm(condition, wait, 0, info);
    if (deadline)
        wait.set_deadline(*deadline);
    if (wait.suspend(info) == Wait::timed_out)
        throw TimeoutError("wait('" + std::string(event) + "') timed out");
    return std::move(registration.value).value_or(std::string());
}
} // namespace

std::string wait(std::string_view event)
{
    return wait_for_fire(event, nullptr);
}

std::string wait(std::string_view event, Clock::duration timeout)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    return wait_for_fire(event, &deadline);
}

std::string wait(std::string_view event, double timeout_seconds)
{
    return wait(event, detail::duration_of(Seconds(timeout_seconds)));
}

void quickstop()
{
    Loop *loop = Loop::current();
    Hub *hub = loop ? &loop->hub() : Hub::current_if_any();
    if (!hub || !hub->request_stop())
        throw Error("quickstop(): nothing is running (no quickstart() or Application::run())");
}

} // namespace diesel
