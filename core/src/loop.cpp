// SPDX-License-Identifier: MIT
#include "connection_p.h"
#include "fiber_handle.h"
#include "fiber_switch.h"
#include "hub_p.h"
#include "loop_switch.h"
#include "loop_wake.h"

#include <diesel/core/error.h>
#include <diesel/core/loop.h>
#include <diesel/core/wait.h>

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace diesel {

namespace detail {
constinit thread_local Loop *t_current_loop [[gnu::tls_model("initial-exec")]] = nullptr;

namespace {
// "diesel::ConnectionClosed: peer closed": the type makes a log line actionable.
std::string describe_exception(const std::exception &e)
{
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> name(
        abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status), &std::free);
    std::string text = status == 0 && name ? name.get() : typeid(e).name();
    text += ": ";
    text += e.what();
    return text;
}
} // namespace
} // namespace detail

Loop::Loop(detail::LoopKey, Hub &hub, std::shared_ptr<detail::LoopControl> control,
           detail::UniqueFunction fn, std::size_t stack_size, bool restart, void *stack_bottom,
           std::size_t stack_bytes)
    : m_hub(&hub)
    , m_id(control->id)
    , m_restart_pause(restart)
    , m_control(std::move(control))
    , m_fn(std::move(fn))
    , m_stack_size(stack_size)
    , m_stack_bottom(stack_bottom)
    , m_stack_bytes(stack_bytes)
{
    detail::HubPrivate &d = hub.internals();
    m_since = d.now();
    // The Loop lives at the top of its stack (HubPrivate::create): the fiber's frames begin
    // right below it.
    boost::context::stack_context sc;
    sc.sp = static_cast<char *>(stack_bottom) + stack_bytes;
    sc.size = stack_bytes;
    char *const top = reinterpret_cast<char *>(this);
    const boost::context::preallocated room(
        top, static_cast<std::size_t>(top - static_cast<char *>(stack_bottom)), sc);
    detail::fiber(m_fiber) = detail::Fiber(
        std::allocator_arg, room, detail::KeptStackAllocator{}, [this](detail::Fiber &&back) {
            detail::HubPrivate &hp = m_hub->internals();
            const void *from_bottom = nullptr;
            std::size_t from_bytes = 0;
            detail::finish_switch(nullptr, &from_bottom, &from_bytes);
            if (hp.back_slot == &m_caller) { // started by the Hub, not by another Loop
                hp.thread_stack_bottom = from_bottom;
                hp.thread_stack_size = from_bytes;
            }
            detail::fiber(*hp.back_slot) = std::move(back);
            entry();
            // A null fake-stack slot tells AddressSanitizer that this stack is finished.
            detail::start_switch(nullptr, hp.thread_stack_bottom, hp.thread_stack_size);
            hp.back_slot = &m_fiber;
            return std::move(detail::fiber(m_caller));
        });
}

Loop::~Loop() = default;

Loop *Loop::current() noexcept
{
    return detail::t_current_loop;
}

Loop &Loop::require(const char *primitive)
{
    Loop *loop = detail::t_current_loop;
    if (!loop)
        throw NotInLoop(primitive);
    return *loop;
}

void Loop::set_label(std::string label)
{
    m_control->label = std::move(label);
    detail::HubPrivate &d = m_hub->internals();
    if (d.observing(Observer::States))
        d.report_state(*this);
}

Connection *Loop::swap_connection(Connection *conn) noexcept
{
    return std::exchange(m_conn, conn);
}

void Loop::adopt_connection(std::unique_ptr<Connection> conn) noexcept
{
    m_own_conn = std::move(conn);
    m_conn = m_own_conn.get();
}

void Loop::cancel(std::string why)
{
    if (m_state == LoopState::Dead)
        return;
    m_cancelling = true;
    m_pending = std::make_exception_ptr(LoopCancelled(std::move(why)));
    if (m_state == LoopState::Waiting) {
        m_woken_branch = Wait::cancelled;
        m_wake_cause = WaitKind::None;
        m_hub->internals().make_ready(*this);
    }
}

void Loop::interrupt(std::exception_ptr error)
{
    if (m_state == LoopState::Dead || m_cancelling)
        return;
    m_pending = std::move(error);
    if (m_state == LoopState::Waiting) {
        m_woken_branch = Wait::cancelled;
        m_wake_cause = WaitKind::None;
        m_hub->internals().make_ready(*this);
    }
}

void Loop::throw_pending()
{
    if (!m_pending)
        return;
    std::exception_ptr error = m_pending;
    // A cancelled Loop cannot wait again: every later wait throws the cancellation anew.
    if (!m_cancelling)
        m_pending = nullptr;
    std::rethrow_exception(error);
}

bool Loop::restarts() const noexcept
{
    // A child whose parent ended is no longer linked to it: it ends for good, keep-alive or not.
    return m_control->keep_alive && !m_cancelling && !m_hub->internals().shutting_down &&
           !(m_control->child && !m_child_of);
}

void Loop::entry() noexcept
{
    try {
        throw_pending();
        if (m_restart_pause) {
            // diesel restarts a keep-alive Loop 0.5 s after it ended, however it ended, so one
            // that returns at once cannot spin a core.
            Wait wait("keep-alive");
            WaitInfo info = WaitInfo::of(WaitKind::Timer, "until restart");
            info.deadline = Clock::now() + detail::kKeepAlivePause;
            wait.set_deadline(info.deadline, 0);
            wait.suspend(info);
        }
        m_fn();
    } catch (const LoopCancelled &c) {
        m_error = "cancelled: " + c.why();
        m_error_expected = true;
    } catch (const ParentDied &e) {
        m_error = detail::describe_exception(e);
        m_error_expected = true;
    } catch (const ConnectionClosed &e) {
        m_error = detail::describe_exception(e);
        m_error_expected = true;
    } catch (const std::exception &e) {
        m_error = detail::describe_exception(e);
    } catch (...) {
        m_error = "an exception of unknown type";
    }
    // The function's captures go while still on the Loop's stack and in its context, unless a
    // restart calls the function again.
    m_restart = restarts();
    if (!m_restart)
        m_fn = {};
    m_state = LoopState::Dead;
}

const std::string &LoopHandle::label() const noexcept
{
    static const std::string none;
    return m_control ? m_control->label : none;
}

LoopHandle LoopHandle::parent() const
{
    return m_control ? LoopHandle(m_control->parent) : LoopHandle();
}

std::vector<LoopHandle> LoopHandle::children() const
{
    std::vector<LoopHandle> children;
    if (Loop *loop = this->loop())
        loop->m_children.for_each(
            [&children](const Loop &child) { children.push_back(child.handle()); });
    return children;
}

void LoopHandle::set_keep_alive(bool on) noexcept
{
    if (m_control)
        m_control->keep_alive = on;
}

void LoopHandle::cancel(std::string why)
{
    if (Loop *loop = this->loop())
        loop->cancel(std::move(why));
}

} // namespace diesel
