// SPDX-License-Identifier: MIT
#include "exchange.h"

#include <cstddef>

namespace diesel::http::detail {

namespace {
// Free Exchanges kept per thread: more are made while more requests are in progress at once
// (handlers that suspend), and those beyond this are freed when they come back.
constexpr std::size_t kKept = 64;
// A head grown past this (a handler's large fields) is not kept with a free Exchange; it
// holds small bodies too (response_writer.cpp joins them to the head).
constexpr std::size_t kKeptHead = 8192;

// Plain data: readable until the thread's end, after the pool's destructor ran.
thread_local bool t_pool_ended = false;
} // namespace

ExchangePool &ExchangePool::of_this_thread()
{
    thread_local ExchangePool pool;
    return pool;
}

// Room for every kept one from the start: giving one back never allocates.
ExchangePool::ExchangePool()
{
    m_free.reserve(kKept);
}

ExchangePool::~ExchangePool()
{
    t_pool_ended = true;
}

bool ExchangePool::alive() noexcept
{
    return !t_pool_ended;
}

std::unique_ptr<Exchange> ExchangePool::take()
{
    if (m_free.empty())
        return std::make_unique<Exchange>();
    std::unique_ptr<Exchange> exchange = std::move(m_free.back());
    m_free.pop_back();
    return exchange;
}

void ExchangePool::give(std::unique_ptr<Exchange> exchange) noexcept
{
    if (m_free.size() >= kKept)
        return;
    // The next request starts from nothing, and a large body goes back to the allocator.
    exchange->parser.reset();
    exchange->request.reset();
    if (exchange->head.capacity() > kKeptHead)
        exchange->head = std::string();
    m_free.push_back(std::move(exchange));
}

} // namespace diesel::http::detail
