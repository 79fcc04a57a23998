// SPDX-License-Identifier: MIT
// ConnectionPool<Client>: the guide's diesel.util.pool.ConnectionPool. It shares a few connected
// Clients among many Loops, making more on demand and closing the extras when they come back.
//
//     diesel::ConnectionPool pool([] { return HollaClient("localhost", 4321); },
//                                 [](HollaClient &c) { c.close(); }, 3);  // pool_size=3
//     {
//         auto client = pool.connection();     // may suspend: connecting, or waiting at pool_max
//         std::cout << client->holla("hi");
//     }                                        // back to the pool (or closed, if it failed)
#pragma once

#include <diesel/core/detail/deadline.h>
#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/error.h>
#include <diesel/core/export.h>
#include <diesel/core/loop.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace diesel {

/// connection() waited max_wait while pool_max connections were lent out.
class DIESEL_CORE_EXPORT ConnectionPoolFull : public Error
{
public:
    ConnectionPoolFull(std::string_view pool, std::size_t pool_max);
};

/// A ConnectionPool's counters, for the workbench.
struct DIESEL_CORE_EXPORT PoolStats
{
    std::size_t idle = 0;        ///< connected Clients waiting for a borrower
    std::size_t in_use = 0;      ///< lent out or being connected for a borrower
    std::size_t waiting = 0;     ///< Loops waiting because pool_max are in use
    std::uint64_t created = 0;   ///< Clients made since the pool was created
    std::uint64_t discarded = 0; ///< closed because they were dead or their use failed
    std::uint64_t closed = 0;    ///< healthy extras closed on return (pool_size were idle)
};

template<class Client>
class ConnectionPool;

namespace detail {

// Logs a close function that threw: the pool carries on without that connection.
DIESEL_CORE_EXPORT void pool_close_failed(std::string_view pool, const char *what) noexcept;

template<class Client>
concept ReportsConnected = requires(const Client &c)
{
    {
        c.is_connected()
        } -> std::convertible_to<bool>;
};

template<class Make>
using made_t = std::decay_t<std::invoke_result_t<Make &>>;

template<class T>
struct unwrap_unique
{
    using type = T;
};
template<class T>
struct unwrap_unique<std::unique_ptr<T>>
{
    using type = T;
};
// The Client type a make function produces, by value or as a unique_ptr.
template<class Make>
using pool_client_t = typename unwrap_unique<made_t<Make>>::type;

struct LeaseTag;

// A Loop waiting at pool_max. A returning connection (or, if it was discarded, the right to make
// a new one) is handed to it directly; if its Loop dies before taking it, the destructor gives
// it back so the next waiter gets it.
template<class Client>
struct PoolWaiter : WaitNode
{
    PoolWaiter() = default;
    ~PoolWaiter()
    {
        if (granted && is_linked()) {
            unlink();
            if (client)
                pool->check_in(std::move(client), true);
            else
                pool->release_slot();
        }
    }
    ConnectionPool<Client> *pool = nullptr;
    std::unique_ptr<Client> client; // a connection handed over (else: make one)
    bool granted = false;           // holds a slot: filed under the pool's handed list
    bool pool_gone = false;         // woken because the pool was destroyed
};

} // namespace detail

/// Lends Clients to Loops. Not copyable or movable; destroy it after the Loops that use it.
template<class Client>
class ConnectionPool
{
public:
    /// The pooled Client type.
    using client_type = Client;
    /// Makes a connected Client (may suspend, may throw ClientConnectionError).
    using MakeFn = std::function<std::unique_ptr<Client>()>;
    /// Closes a Client the pool drops. Must neither suspend nor throw.
    using CloseFn = std::function<void(Client &)>;

    /// A borrowed Client; it goes back to the pool when the Lease is destroyed. If the Client is
    /// no longer connected, discard() was called, or an exception is unwinding through the
    /// Lease's scope, the pool closes it instead of lending it again (the Lease cannot tell a
    /// connection error from others, and a request cut short may leave a reply in flight).
    class Lease : private detail::ListHook<detail::LeaseTag>
    {
    public:
        /// Takes over `other`'s Client.
        Lease(Lease &&other) noexcept
            : m_pool(other.m_pool)
            , m_client(std::move(other.m_client))
            , m_uncaught(other.m_uncaught)
            , m_discard(other.m_discard)
        {
            if (other.is_linked()) {
                other.unlink();
                m_pool->m_leases.push_back(*this);
            }
        }
        Lease &operator=(Lease &&) = delete;
        /// Returns the Client to the pool (or has it closed; see the class comment).
        ~Lease()
        {
            if (!m_client || !is_linked())
                return; // moved from, or the pool is gone (the Client closes as it is destroyed)
            unlink();
            const bool failed = m_discard || std::uncaught_exceptions() > m_uncaught;
            m_pool->check_in(std::move(m_client), !failed);
        }

        /// The borrowed Client.
        Client &operator*() const noexcept { return *m_client; }
        /// The borrowed Client's members: lease->holla(msg).
        Client *operator->() const noexcept { return m_client.get(); }
        /// The borrowed Client.
        Client &get() const noexcept { return *m_client; }
        /// Makes the pool close the Client on return instead of lending it again: for failures
        /// the pool cannot see (a protocol out of step after a caught error).
        void discard() noexcept { m_discard = true; }

    private:
        friend class ConnectionPool;
        friend class detail::IntrusiveList<Lease, detail::LeaseTag>;
        Lease(ConnectionPool &pool, std::unique_ptr<Client> client) noexcept
            : m_pool(&pool)
            , m_client(std::move(client))
            , m_uncaught(std::uncaught_exceptions())
        {
            pool.m_leases.push_back(*this);
        }
        ConnectionPool *m_pool;
        std::unique_ptr<Client> m_client;
        int m_uncaught;
        bool m_discard = false;
    };

    /// A pool that calls make() for new Clients and close() for those it drops: the guide's
    /// ConnectionPool(make_client, close_client, pool_size=5). It keeps up to `pool_size` idle
    /// Clients; at most `pool_max` (0: no limit) are lent or connecting at once, and a Loop
    /// asking for more waits up to `max_wait` (none: as long as it takes; 0: not at all) before
    /// ConnectionPoolFull. `name` shows in the workbench ("pool redis") and in exceptions.
    template<class Make, class Close>
    ConnectionPool(Make make, Close close, std::size_t pool_size = 5, std::size_t pool_max = 0,
                   std::optional<Seconds> max_wait = std::nullopt, std::string name = {})
        : m_make(adapt(std::move(make)))
        , m_close(std::move(close))
        , m_pool_size(pool_size)
        , m_pool_max(pool_max)
        , m_max_wait(max_wait)
        , m_name(std::move(name))
    {
        m_idle.reserve(m_pool_size);
    }
    ConnectionPool(const ConnectionPool &) = delete;
    ConnectionPool &operator=(const ConnectionPool &) = delete;
    /// Closes the idle Clients. Outstanding Leases keep their Client (closed as they end);
    /// waiting Loops are woken with diesel::Error.
    ~ConnectionPool();

    /// Suspends the calling Loop while a new Client connects, or while pool_max are in use
    /// (up to max_wait; then throws ConnectionPoolFull); lends an idle Client if there is one,
    /// else a new one. Throws what make() throws (ClientConnectionError, ...).
    [[nodiscard]] Lease connection();

    /// The pool's counters now (cheap enough to sample ten times a second).
    PoolStats stats() const noexcept
    {
        return PoolStats{m_idle.size(), m_out, m_waiters.size(), m_created, m_discarded, m_closed};
    }
    /// Idle Clients kept at most.
    std::size_t pool_size() const noexcept { return m_pool_size; }
    /// Clients lent at once at most (0: no limit).
    std::size_t pool_max() const noexcept { return m_pool_max; }
    /// How long connection() waits at pool_max (none: as long as it takes).
    std::optional<Seconds> max_wait() const noexcept { return m_max_wait; }
    /// The name given to the constructor.
    const std::string &name() const noexcept { return m_name; }

private:
    friend struct detail::PoolWaiter<Client>;

    template<class Make>
    static MakeFn adapt(Make make)
    {
        if constexpr (std::is_convertible_v<detail::made_t<Make>, std::unique_ptr<Client>>)
            return MakeFn(std::move(make));
        else
            return [make = std::move(make)]() mutable { return std::make_unique<Client>(make()); };
    }
    static bool alive(const Client &client) noexcept
    {
        if constexpr (detail::ReportsConnected<Client>)
            return client.is_connected();
        else
            return true;
    }
    void close(std::unique_ptr<Client> client) noexcept
    {
        try {
            if (m_close)
                m_close(*client);
        } catch (const std::exception &e) {
            detail::pool_close_failed(m_name, e.what());
        }
    }
    // Makes a Client for a borrower that already holds a slot (counted in m_out).
    Lease make_lease();
    Lease wait_for_connection();
    // A borrower gives a Client back (healthy: no failure seen) and with it its slot.
    void check_in(std::unique_ptr<Client> client, bool healthy) noexcept;
    // A slot is free again: grant it to the longest-waiting Loop, or drop it.
    void release_slot() noexcept;
    template<class Payload>
    bool grant(Payload &&give) noexcept
    {
        while (detail::PoolWaiter<Client> *waiter = m_waiters.pop_front()) {
            if (waiter->notify()) {
                give(*waiter);
                waiter->granted = true;
                m_handed.push_back(*waiter);
                return true;
            }
        }
        return false;
    }

    MakeFn m_make;
    CloseFn m_close;
    std::size_t m_pool_size;
    std::size_t m_pool_max;
    std::optional<Seconds> m_max_wait;
    std::string m_name;
    std::vector<std::unique_ptr<Client>> m_idle; // most recently returned last: warmest first
    std::size_t m_out = 0;
    std::uint64_t m_created = 0;
    std::uint64_t m_discarded = 0;
    std::uint64_t m_closed = 0;
    detail::IntrusiveList<detail::PoolWaiter<Client>> m_waiters;
    detail::IntrusiveList<detail::PoolWaiter<Client>> m_handed;
    detail::IntrusiveList<Lease, detail::LeaseTag> m_leases;
};

/// Deduces the Client from what make() returns: ConnectionPool pool(make, close, 3).
template<class Make, class Close, class... Rest>
ConnectionPool(Make, Close, Rest...) -> ConnectionPool<detail::pool_client_t<Make>>;

template<class Client>
ConnectionPool<Client>::~ConnectionPool()
{
    m_leases.clear(); // detaches them: each closes its Client itself
    while (detail::PoolWaiter<Client> *waiter = m_handed.pop_front()) {
        waiter->granted = false;
        waiter->client.reset();
        waiter->pool_gone = true;
    }
    while (detail::PoolWaiter<Client> *waiter = m_waiters.pop_front()) {
        waiter->pool_gone = true;
        waiter->notify();
    }
    for (auto &client : m_idle)
        close(std::move(client));
}

template<class Client>
auto ConnectionPool<Client>::connection() -> Lease
{
    while (!m_idle.empty()) {
        std::unique_ptr<Client> client = std::move(m_idle.back());
        m_idle.pop_back();
        if (alive(*client)) {
            ++m_out;
            return Lease(*this, std::move(client));
        }
        ++m_discarded;
        close(std::move(client));
    }
    if (m_pool_max != 0 && m_out >= m_pool_max)
        return wait_for_connection();
    ++m_out;
    return make_lease();
}

template<class Client>
auto ConnectionPool<Client>::make_lease() -> Lease
{
    // The slot is ours until make() succeeds; if it throws (or the Loop is cancelled while it
    // connects), the next waiter gets the slot.
    struct Slot
    {
        ConnectionPool *pool;
        ~Slot()
        {
            if (pool)
                pool->release_slot();
        }
    } slot{this};
    std::unique_ptr<Client> client = m_make();
    ++m_created;
    slot.pool = nullptr;
    return Lease(*this, std::move(client));
}

template<class Client>
auto ConnectionPool<Client>::wait_for_connection() -> Lease
{
    std::optional<Clock::time_point> deadline;
    if (m_max_wait)
        deadline = detail::deadline_after(*m_max_wait);
    if (deadline && Clock::now() >= *deadline)
        throw ConnectionPoolFull(m_name, m_pool_max);
    Wait wait("ConnectionPool::connection");
    detail::PoolWaiter<Client> node;
    node.pool = this;
    wait.add(node, 0, WaitKind::Pool);
    m_waiters.push_back(node);
    WaitInfo info = WaitInfo::of(WaitKind::Pool, m_name, this);
    if (deadline)
        wait.set_deadline(*deadline);
    wait.suspend(info);
    if (node.pool_gone)
        throw Error("ConnectionPool::connection(): the pool was destroyed");
    if (!node.granted)
        throw ConnectionPoolFull(m_name, m_pool_max);
    // The slot is ours now: the waiter must not give it back.
    node.granted = false;
    node.unlink();
    if (node.client)
        return Lease(*this, std::move(node.client));
    return make_lease();
}

template<class Client>
void ConnectionPool<Client>::check_in(std::unique_ptr<Client> client, bool healthy) noexcept
{
    if (!healthy || !alive(*client)) {
        ++m_discarded;
        close(std::move(client));
        release_slot();
        return;
    }
    // The slot goes with the connection to a waiting Loop, if there is one.
    if (grant([&client](detail::PoolWaiter<Client> &w) { w.client = std::move(client); }))
        return;
    --m_out;
    if (m_idle.size() < m_pool_size) {
        m_idle.push_back(std::move(client)); // reserved: does not allocate
    } else {
        ++m_closed;
        close(std::move(client));
    }
}

template<class Client>
void ConnectionPool<Client>::release_slot() noexcept
{
    if (!grant([](detail::PoolWaiter<Client> &) {}))
        --m_out;
}

} // namespace diesel
