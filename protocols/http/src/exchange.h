// SPDX-License-Identifier: MIT
// What one request needs while it is read and answered, borrowed from a pool of the thread.
// A connection takes one only once its next request's first bytes are in and gives it back
// after the response, so the few that are busy at a time serve every connection in turn and
// stay in the cache; kept in each connection's Loop, they would be cold lines on every request
// once thousands of connections take turns.
#pragma once

#include "request_parser.h"

#include <diesel/http/request.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diesel::http::detail {

struct Exchange
{
    // Made anew for each request (and ended with it), in place.
    std::optional<RequestParser> parser;
    std::optional<Request> request;
    std::string head; // the response head, built here and sent at once
};

/// The free Exchanges of one thread.
class ExchangePool
{
public:
    /// This thread's pool (a connection's Loop looks it up once: each look-up of a thread_local
    /// in a shared library is a call).
    static ExchangePool &of_this_thread();

    /// Whether this thread's pool still exists: at thread exit it can end before a Hub whose
    /// Loops still hold leases.
    static bool alive() noexcept;

    std::unique_ptr<Exchange> take();
    /// Takes `exchange` back, emptied, or frees it when enough are kept.
    void give(std::unique_ptr<Exchange> exchange) noexcept;

private:
    ExchangePool();
    ~ExchangePool();
    std::vector<std::unique_ptr<Exchange>> m_free;
};

/// An Exchange of a pool, given back when the lease ends.
class ExchangeLease
{
public:
    explicit ExchangeLease(ExchangePool &pool)
        : m_pool(pool)
        , m_exchange(pool.take())
    {}
    ~ExchangeLease()
    {
        if (ExchangePool::alive())
            m_pool.give(std::move(m_exchange));
    }
    ExchangeLease(const ExchangeLease &) = delete;
    ExchangeLease &operator=(const ExchangeLease &) = delete;

    Exchange *operator->() const noexcept { return m_exchange.get(); }

private:
    ExchangePool &m_pool;
    std::unique_ptr<Exchange> m_exchange;
};

} // namespace diesel::http::detail
