// SPDX-License-Identifier: MIT
// The Hub's internals: the ready queue, the pump that runs inside Qt's event loop, timers,
// observers and the registry of live Loops.
#pragma once

#include "backend.h"
#include "fiber_handle.h"
#include "stack_pool.h"
#include "timer_heap.h"

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/detail/unique_function.h>
#include <diesel/core/export.h>
#include <diesel/core/first.h>
#include <diesel/core/hub.h>
#include <diesel/core/loop.h>
#include <diesel/core/observer.h>

#include <QObject>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

class QTimer;
class QThreadPool;

namespace diesel::detail {

// The Loop running on this thread (nullptr on the Hub's own stack). Read on every suspend: the
// initial-exec model reads it from the thread pointer, where the shared library's default
// (general-dynamic) model calls __tls_get_addr each time; constinit spares the init wrapper.
extern constinit thread_local Loop *t_current_loop [[gnu::tls_model("initial-exec")]];

struct StringHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept
    {
        return std::hash<std::string_view>{}(s);
    }
};

// Set by the OS signal handler (signals.cpp); the Hub that receives signals looks at it before
// each resumption, so a signal is seen in the next round even while Loops only yield.
extern std::atomic<bool> g_signal_arrived;
inline bool signal_arrived() noexcept
{
    return g_signal_arrived.load(std::memory_order_relaxed);
}

// Read buffers are borrowed from here while a connection has unread bytes and returned when it
// runs dry, so idle connections hold no buffer at all. A busy connection gives its block back
// and takes one again on every request: both are a few instructions, inline, and the block
// taken is the one given last (still in cache).
class BlockPool
{
public:
    static constexpr std::size_t kBlockSize = 16 * 1024;
    // Blocks kept for reuse; more are freed.
    static constexpr std::size_t kBlocksKept = 256;
    std::unique_ptr<char[]> take()
    {
        if (m_count == 0)
            return std::make_unique_for_overwrite<char[]>(kBlockSize);
        return std::move(m_free[--m_count]);
    }
    void give(std::unique_ptr<char[]> &&block) noexcept
    {
        if (m_count < kBlocksKept)
            m_free[m_count++] = std::move(block);
        else
            block.reset();
    }

private:
    std::array<std::unique_ptr<char[]>, kBlocksKept> m_free;
    std::size_t m_count = 0;
};

struct ResourceTag;

// How long a keep-alive Loop waits between its end and its restart (diesel's 0.5 s).
inline constexpr auto kKeepAlivePause = std::chrono::milliseconds(500);
class ConnectionCore;

// Something that holds a socket or a timer of a Hub (a connection, a Service) and must let go of
// them if the Hub is destroyed first.
class DIESEL_CORE_EXPORT HubResource : public ListHook<ResourceTag>
{
public:
    virtual void detach_from_hub() noexcept = 0;

protected:
    ~HubResource() = default;
};

// The largest UDP payload (IPv4: 65535 - 8 - 20).
inline constexpr std::size_t kMaxDatagram = 65507;

class DIESEL_CORE_EXPORT HubPrivate
{
public:
    HubPrivate(Hub &hub, Backend backend);
    ~HubPrivate();
    // Cancels every Loop and detaches every resource; the Hub is unusable afterwards.
    void shutdown();

    // Loops
    // `room`: bytes kept above the Loop, in the top page of its stack (see room_of()).
    LoopHandle spawn(UniqueFunction fn, const LoopOptions &options, Loop *parent,
                     std::size_t room = 0);
    // Like spawn() without keep-alive, returning the new Loop (valid until it ends).
    Loop &spawn_loop(UniqueFunction fn, const LoopOptions &options, Loop *parent,
                     std::size_t room = 0);
    // Where the room asked for at spawn lies: right above the Loop, in the page its stack's hot
    // frames share. A Service's connection lives there, so that with thousands of connections a
    // request touches one page of its own rather than two (each page beyond the TLB's reach
    // costs a page walk, in user and kernel time alike). Aligned for any object.
    static void *room_of(Loop &loop) noexcept
    {
        return reinterpret_cast<char *>(&loop) + kRoomOffset;
    }
    static constexpr std::size_t kRoomAlign = std::max(alignof(std::max_align_t), alignof(Loop));
    static constexpr std::size_t kRoomOffset = round_up(sizeof(Loop), kRoomAlign);
    // The stack `loop` runs on (for StackPool).
    static boost::context::stack_context stack_of(const Loop &loop) noexcept;
    // Queues a Loop to run: at the end of the ready queue, or before every other ready Loop while
    // an UrgentWakes scope is open.
    void make_ready(Loop &loop) noexcept
    {
        loop.m_state = LoopState::Ready;
        loop.m_since = m_now;
        (m_urgent_scopes ? m_urgent : m_ready).push_back(loop);
        if (!m_pumping)
            request_pump();
        if (observing(Observer::States)) [[unlikely]]
            report_state(loop);
    }
    // Lets every other ready Loop run once (sleep(0)).
    void yield(Loop &loop);
    // Runs `loop` until it, or the last of the Loops it switched to directly, comes back.
    void resume(Loop &loop);
    // What every switch into a Loop records, from the Hub or from another Loop.
    void begin_run(Loop &loop) noexcept
    {
        loop.m_state = LoopState::Running;
        ++loop.m_switches;
        ++switches;
        t_current_loop = &loop;
    }
    // The Loop a suspending Loop switches to directly, taken off the round, as the Hub would have
    // taken it next (urgent wakes first): a request then costs one switch instead of two (to the
    // Hub and out again). nullptr when the Hub must run first: outside a round, when signals
    // arrived, or when observers want each state and slice reported.
    Loop *take_next_in_round(Loop &self) noexcept
    {
        if (!m_round || observing(Observer::States | Observer::Slices)) [[unlikely]]
            return nullptr;
        if (receives_signals && signal_arrived()) [[unlikely]]
            return nullptr;
        Loop *const next = pop_next_in_round();
        if (next == &self) [[unlikely]] { // yielded inside an UrgentWakes scope: the Hub resumes it
            m_urgent.push_front(self);
            return nullptr;
        }
        return next;
    }
    // The round's order, whoever takes the next Loop: urgent wakes first, then the round's own.
    Loop *pop_next_in_round() noexcept
    {
        Loop *next = m_urgent.pop_front();
        if (!next)
            next = m_round->pop_front();
        if (const Loop *const after = m_round->front()) {
            prefetch_run(*after);
            // Two ahead, the Loop itself: prefetch_run() reads its first line for the addresses
            // it prefetches, and that read would otherwise miss when its turn comes.
            if (const Loop *const later = m_round->next(*after))
                __builtin_prefetch(later);
        }
        return next;
    }
    // Starts loading what `loop` reads first once it runs: the saved context and the frames
    // above it that its resumption returns through, the Loop, and its connection. Issued a Loop
    // ahead, while another runs, the lines arrive in time; with thousands of connections taking
    // turns each was a miss, taken one after the other.
    // Always inlined: out of line, GCC finds that it has no effect and drops the call.
    [[gnu::always_inline]] static void prefetch_run(const Loop &loop) noexcept
    {
        constexpr std::size_t kFrameLines = 10; // the switch, the wait and a reading call's frames
        constexpr std::size_t kConnectionLines = 4; // the Connection and its core's hot fields
        const auto *context = reinterpret_cast<const char *>(
            reinterpret_cast<std::uintptr_t>(saved_context(loop.m_fiber)) & ~(kCacheLine - 1));
        prefetch_lines(context, std::make_index_sequence<kFrameLines>());
        __builtin_prefetch(reinterpret_cast<const char *>(&loop) + kCacheLine);
        if (const auto *conn = reinterpret_cast<const char *>(loop.m_conn))
            prefetch_lines(conn, std::make_index_sequence<kConnectionLines>());
    }
    // One prefetch per line from `base`, unrolled: as a loop, GCC kept its counter and exit
    // branch, which cost about 33 of a request's 1,680 instructions (cachegrind).
    template<std::size_t... Line>
    [[gnu::always_inline]] static void prefetch_lines(const char *base,
                                                      std::index_sequence<Line...>) noexcept
    {
        (__builtin_prefetch(base + Line * kCacheLine), ...);
    }
    // Where the context a switch leaves is kept: set by the side that switches, filled by the side
    // that resumes (the resumed side alone holds the context it was handed).
    FiberHandle *back_slot = nullptr;
    void finalize(Loop &loop);
    Loop *find(LoopId id) const noexcept;

    // The pump: polls the backend, expires timers and runs ready Loops, round after round.
    void pump();
    void request_pump() noexcept;
    // Whether a Loop waits to run.
    bool has_ready() const noexcept { return !m_ready.empty() || !m_urgent.empty(); }
    // Runs ready Loops for up to `rounds` rounds, outside Qt's event loop (for shutdown).
    void run_until_idle(int rounds);
    void cancel_all(const std::string &why, int rounds);
    Clock::time_point now() const noexcept { return m_now; }
    void refresh_now() noexcept;

    // Timers
    void arm(TimerEntry &entry);
    void disarm(TimerEntry &entry) noexcept;

    // fire/wait
    void add_fire_waiter(std::string_view event, cond::wait::Registration &node);
    void fire(std::string_view event, const std::string &value);

    // Observers
    bool observing(unsigned interest) const noexcept { return (m_interests & interest) != 0; }
    template<class F>
    void notify(unsigned interest, F &&fn)
    {
        for (Observer *o : m_observers)
            if (o->interests() & interest)
                fn(*o);
    }
    void recompute_interests() noexcept;
    // Shows `loop`'s new state to the observers (out of line: the paths that change a Loop's state
    // are hot and observers rare).
    [[gnu::cold, gnu::noinline]] void report_state(Loop &loop);
    // Shows the observers the slice that `loop` ran from `begin` until now.
    [[gnu::cold, gnu::noinline]] void report_slice(const Loop &loop, Clock::time_point begin);
    void add_resource(HubResource &resource) noexcept;
    // Keeps a closed connection until its queued output is flushed (see ConnectionCore::close).
    void linger(std::unique_ptr<ConnectionCore> core);
    void lingering_done() noexcept;
    // Scratch space for one datagram.
    char *datagram_buffer();

    Hub &q;
    std::unique_ptr<FdBackend> backend;
    Backend backend_kind;
    QObject context; // receiver of the Hub's Qt connections and posted calls
    StackPool stacks;
    BlockPool blocks;
    std::size_t default_stack_size;
    std::size_t default_max_line = 1024 * 1024;

    // While one lives, woken Loops run before any Loop already ready (ParentDied, OS signals).
    class UrgentWakes
    {
    public:
        explicit UrgentWakes(HubPrivate &hub) noexcept
            : m_hub(hub)
        {
            ++m_hub.m_urgent_scopes;
        }
        UrgentWakes(const UrgentWakes &) = delete;
        UrgentWakes &operator=(const UrgentWakes &) = delete;
        ~UrgentWakes() { --m_hub.m_urgent_scopes; }

    private:
        HubPrivate &m_hub;
    };

    // True on the Hub that receives OS signals: its pump checks their flag each resumption.
    bool receives_signals = false;

    // Each Loop lives at the top of its own stack (in the page its first frames touch anyway, so
    // an idle Loop costs no heap), destroyed by destroy_loop(), which then gives back the stack.
    struct LoopDeleter
    {
        HubPrivate *hub;
        void operator()(Loop *loop) const noexcept { hub->destroy_loop(*loop); }
    };
    std::vector<std::unique_ptr<Loop, LoopDeleter>> slots;
    std::vector<std::size_t> free_slots;
    std::size_t live_loops = 0;
    LoopId next_loop_id = 1;

    std::vector<Observer *> m_observers;
    unsigned m_interests = 0;

    std::uint64_t bytes_in = 0;
    std::uint64_t bytes_out = 0;
    std::uint64_t switches = 0;
    std::size_t connections = 0;

    // The thread's own stack, learned at the first switch (AddressSanitizer needs it).
    const void *thread_stack_bottom = nullptr;
    std::size_t thread_stack_size = 0;

    std::function<void()> stop_handler;
    bool stop_requested = false;
    std::unique_ptr<QThreadPool> workers;
    bool shutting_down = false;
    IntrusiveList<HubResource, ResourceTag> resources;

private:
    Loop &create(UniqueFunction fn, std::size_t stack_size, Loop *parent,
                 std::shared_ptr<LoopControl> control, bool restart, std::size_t room = 0);
    void restart(Loop &loop);
    void destroy_loop(Loop &loop) noexcept;
    void request_pump_now() noexcept;
    std::size_t run_ready_round(); // returns how many Loops it resumed
    void expire_timers() noexcept;
    void rearm_qtimer();

    IntrusiveList<Loop, ReadyTag> m_ready;
    IntrusiveList<Loop, ReadyTag> m_urgent;           // run before the rest of the current round
    IntrusiveList<Loop, ReadyTag> *m_round = nullptr; // the round running now, if one is
    int m_urgent_scopes = 0;
    bool m_pumping = false;
    bool m_pump_posted = false;
    bool m_said_nested = false;
    Clock::time_point m_now;
    TimerHeap m_timers;
    QTimer *m_qtimer; // child of context
    Clock::time_point m_qtimer_deadline = Clock::time_point::max();
    std::vector<std::unique_ptr<ConnectionCore>> m_lingering;
    bool m_reap_posted = false;
    std::unique_ptr<char[]> m_datagram_buffer;
    std::unordered_map<std::string, IntrusiveList<cond::wait::Registration>, StringHash,
                       std::equal_to<>>
        m_fire_waiters;
    std::size_t m_fire_sweep_at = 64;
};

// Wakes the Loops and Signals waiting for the signals that arrived (on the receiving Hub).
void dispatch_signals() noexcept;

inline HubPrivate &hub_of(Loop &loop) noexcept
{
    return loop.hub().internals();
}

} // namespace diesel::detail
