// SPDX-License-Identifier: MIT
// Loops: diesel's unit of concurrency, a function running on its own fiber stack and switched
// cooperatively by the thread's Hub.
#pragma once

#include <diesel/core/detail/fiber_handle.h>
#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/detail/unique_function.h>
#include <diesel/core/export.h>
#include <diesel/core/types.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace diesel {

class Hub;
class Connection;
class Wait;
// Exported here: GCC takes no attribute after alignas in the class head below.
class DIESEL_CORE_EXPORT Loop;

/// What a waiting Loop waits on. `object` identifies the waitable (a Queue, an Event, ...),
/// `name` names it for people; for first(), `branches` lists each condition.
struct DIESEL_CORE_EXPORT WaitInfo
{
    WaitKind kind = WaitKind::None;
    SocketHandle fd = kNoSocket;
    Clock::time_point deadline{};
    const void *object = nullptr;
    std::string_view name;
    const WaitInfo *branches = nullptr;
    std::uint8_t branch_count = 0;

    /// A wait of `kind` on the waitable `object` called `name` (a deadline set on the Wait shows
    /// up by itself).
    static WaitInfo of(WaitKind kind, std::string_view name = {},
                       const void *object = nullptr) noexcept
    {
        WaitInfo info;
        info.kind = kind;
        info.name = name;
        info.object = object;
        return info;
    }
};

/// What a wait is for, in words: "read fd 17", "timer 0.4 s", "queue jobs (timeout 1 s)",
/// "first(read fd 17, timer 5.00 s)"; times are counted from `now`.
DIESEL_CORE_EXPORT std::string describe(const WaitInfo &wait, Clock::time_point now);

/// Options for starting a Loop (see fork(), Hub::spawn()).
struct DIESEL_CORE_EXPORT LoopOptions
{
    std::string label;          ///< shown in logs and in the workbench; default "loop-<id>"
    std::size_t stack_size = 0; ///< 0: the Hub's default (64 KiB; 256 KiB under sanitizers)
    bool child = false;         ///< fork_child: receives ParentDied when the parent ends
    /// Restarted 0.5 s after each end, normal or by an exception, until cancelled (see
    /// LoopHandle::set_keep_alive()); started with Hub::spawn() from a Loop it is that Loop's
    /// child, so it ends for good with it.
    bool keep_alive = false;
};

namespace detail {
struct ChildTag;
struct ReadyTag;
class HubPrivate;

// What a LoopHandle points at. It outlives the Loop (and its keep-alive restarts), so a handle
// held after the Loop ended reads its last state instead of a freed Loop.
struct DIESEL_CORE_EXPORT LoopControl
{
    LoopId id = 0;
    std::string label;
    Loop *loop = nullptr; // the live run of the Loop; nullptr once it ended for good
    std::shared_ptr<LoopControl> parent;
    std::uint32_t deaths = 0; // 32 bits keep the block a size class smaller (one per Loop)
    bool keep_alive = false;
    bool child = false;
};
// Only the Hub constructs Loops.
class ConnectionCore;
class DIESEL_CORE_EXPORT LoopKey
{
    friend class HubPrivate;
    LoopKey() = default;
};
} // namespace detail

/// A Loop as its starter sees it: returned by fork(), fork_child(), add_loop() and Hub::spawn()
/// (diesel's Loop object). Safe to keep after the Loop ended; use it on the Hub's thread only.
/// Converts to the Loop's LoopId, so code that kept the id goes on working.
class DIESEL_CORE_EXPORT LoopHandle
{
public:
    /// A handle to no Loop: id() 0, never running.
    LoopHandle() = default;
    /// A handle to the Loop behind `control` (the runtime makes these).
    explicit LoopHandle(std::shared_ptr<detail::LoopControl> control) noexcept
        : m_control(std::move(control))
    {}

    /// The Loop's id; it stays the same across keep-alive restarts (0: no Loop).
    LoopId id() const noexcept { return m_control ? m_control->id : 0; }
    /// The id, for code written when fork() returned a LoopId.
    operator LoopId() const noexcept { return id(); }
    /// True until the Loop ended for good; a keep-alive Loop pausing before its restart counts
    /// as running.
    bool running() const noexcept { return m_control && m_control->loop; }
    /// Its label (the last one it had, once it ended).
    const std::string &label() const noexcept;
    /// The Loop that started it; an empty handle for a top-level Loop.
    LoopHandle parent() const;
    /// Its live fork_child() children, in the order they were started (a keep-alive child that
    /// restarted comes after the others).
    std::vector<LoopHandle> children() const;
    /// How many times it ended (each keep-alive restart follows one end).
    std::uint64_t deaths() const noexcept { return m_control ? m_control->deaths : 0; }
    /// Whether it is restarted 0.5 s after each end.
    bool keep_alive() const noexcept { return m_control && m_control->keep_alive; }
    /// Makes it restart 0.5 s after each end (normal or by an exception) until cancelled; a
    /// fork_child() child still ends for good with its parent. Like diesel's l.keep_alive = True.
    void set_keep_alive(bool on) noexcept;
    /// Ends the Loop for good (see Loop::cancel()); nothing if it is not running.
    void cancel(std::string why = "cancelled");
    /// The Loop's current run, or nullptr once it ended for good (valid until it ends).
    Loop *loop() const noexcept { return m_control ? m_control->loop : nullptr; }

private:
    std::shared_ptr<detail::LoopControl> m_control;
};

/// A Loop. Created by fork(), fork_child(), Services and Hub::spawn(); owned by its Hub, which
/// destroys it when its function ends (a keep-alive restart is a new Loop object with the same id
/// and handle). Read its public state only on the Hub's thread.
class alignas(64) Loop : public detail::ListHook<detail::ReadyTag>,
                         public detail::ListHook<detail::ChildTag>
{
public:
    Loop(const Loop &) = delete;
    Loop &operator=(const Loop &) = delete;
    ~Loop();

    /// The Loop running on this thread now, or nullptr outside any Loop.
    static Loop *current() noexcept;
    /// The running Loop; throws NotInLoop naming `primitive` when called outside a Loop.
    static Loop &require(const char *primitive);

    LoopId id() const noexcept { return m_id; }
    /// The Loop that forked this one (0 for Loops started from outside any Loop).
    LoopId parent_id() const noexcept { return m_control->parent ? m_control->parent->id : 0; }
    const std::string &label() const noexcept { return m_control->label; }
    void set_label(std::string label);
    /// A handle to this Loop, valid after it ended.
    LoopHandle handle() const noexcept { return LoopHandle(m_control); }
    /// How many times this Loop ended before (keep-alive restarts).
    std::uint64_t deaths() const noexcept { return m_control->deaths; }
    /// Whether it is restarted after it ends (see LoopHandle::set_keep_alive()).
    bool keep_alive() const noexcept { return m_control->keep_alive; }
    /// True once its function ended if a keep-alive restart follows (for Observer::loop_ended).
    bool restarting() const noexcept { return m_restart; }
    LoopState state() const noexcept { return m_state; }
    /// What the Loop waits on while state() is Waiting (an empty WaitInfo otherwise).
    WaitInfo wait_info() const noexcept;
    /// What woke the Loop the last time it was resumed.
    WaitKind wake_cause() const noexcept { return m_wake_cause; }
    /// When the Loop entered its current state (to the Hub's round resolution).
    Clock::time_point state_since() const noexcept { return m_since; }
    bool is_child() const noexcept { return m_child_of != nullptr; }
    std::uint64_t switches() const noexcept { return m_switches; }
    std::uint64_t bytes_in() const noexcept { return m_bytes_in; }
    std::uint64_t bytes_out() const noexcept { return m_bytes_out; }
    Hub &hub() const noexcept { return *m_hub; }

    /// The connection that send()/receive()/until() act on in this Loop (nullptr: none).
    Connection *connection() const noexcept { return m_conn; }
    /// Makes `conn` the current connection; returns the previous one (see Client::call()).
    Connection *swap_connection(Connection *conn) noexcept;
    /// Gives the Loop a connection it owns and closes when it ends (a Service's accepted socket).
    void adopt_connection(std::unique_ptr<Connection> conn) noexcept;

    /// Ends the Loop at its next (or current) wait by throwing LoopCancelled into it.
    void cancel(std::string why);

    /// Throws `error` into the Loop at its next (or current) wait; ParentDied uses this.
    void interrupt(std::exception_ptr error);

    /// Constructed by the Hub only (see Hub::spawn()).
    Loop(detail::LoopKey, Hub &hub, std::shared_ptr<detail::LoopControl> control,
         detail::UniqueFunction fn, std::size_t stack_size, bool restart, void *stack_bottom,
         std::size_t stack_bytes);

private:
    friend class detail::HubPrivate;
    friend class detail::ConnectionCore;
    friend class LoopHandle;
    friend class Wait;
    friend class WaitNode;

    void entry() noexcept;
    void switch_away(); // to the next ready Loop of the round, or to the Hub
    bool wake(std::uint32_t epoch, int branch, WaitKind cause) noexcept;
    void throw_pending();
    bool restarts() const noexcept;

    // What every switch touches comes first, in the object's first two cache lines: with
    // thousands of connections, each request's Loop is cold and every line read is a miss.
    Hub *m_hub;
    Connection *m_conn = nullptr;
    detail::FiberHandle m_fiber;  // the Loop's context while it is suspended
    detail::FiberHandle m_caller; // the Hub's context while the Loop runs (see switch_away())
    std::uint32_t m_epoch = 0;
    std::int16_t m_woken_branch = -1; // a first() branch, Wait::timed_out or Wait::cancelled
    LoopState m_state = LoopState::Ready;
    WaitKind m_wake_cause = WaitKind::None;
    std::exception_ptr m_pending;
    Clock::time_point m_since;
    std::uint64_t m_switches = 0;
    std::uint64_t m_bytes_in = 0;
    std::uint64_t m_bytes_out = 0;
    LoopId m_id;
    // The wait in progress, in the waiting frame (wait_info() reads it from there): a pointer
    // rather than a copy of its WaitInfo, which took a line of its own on every wait.
    const Wait *m_wait = nullptr;

    bool m_cancelling = false;
    bool m_error_expected = false; // ended by cancellation, ParentDied or a closed peer
    bool m_restart_pause;          // a keep-alive restart: waits 0.5 s before calling the function
    bool m_restart = false;        // decided when the function ended: a new run follows this one
    std::shared_ptr<detail::LoopControl> m_control;
    std::string m_error;
    detail::UniqueFunction m_fn; // kept after it returned only for a keep-alive restart
    std::size_t m_stack_size;
    void *m_fake_stack = nullptr; // AddressSanitizer's bookkeeping for this stack
    const void *m_stack_bottom = nullptr;
    std::size_t m_stack_bytes = 0;
    std::unique_ptr<Connection> m_own_conn;
    Loop *m_child_of = nullptr;
    detail::IntrusiveList<Loop, detail::ChildTag> m_children;
    std::size_t m_slot = 0;
};

} // namespace diesel
