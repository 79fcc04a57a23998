// SPDX-License-Identifier: MIT
// first(): wait for the first of several conditions, as in the guide's
// `evt, data = diesel.first(sleep=5, until_eol=True)`.
//
//     auto r = diesel::first(diesel::cond::sleep{5}, diesel::cond::until_eol{});
//     std::string data = r.index() == 0 ? "nothing :-(" : std::get<1>(r);
//
// Conditions are tried in the order given: one that is already satisfied (a buffered line, a
// queued item) wins at once. The losers are cancelled cleanly: they consume nothing.
#pragma once

#include <diesel/core/connection.h>
#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/export.h>
#include <diesel/core/io.h>
#include <diesel/core/loop.h>
#include <diesel/core/types.h>
#include <diesel/core/wait.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace diesel {

/// The condition types first() takes. A condition type has a value_type, a non-suspending
/// poll() -> std::optional<value_type>, and a Registration that arm()s it on a Wait and take()s
/// a value handed over while waiting. Waitables such as Queue provide one through condition().
namespace cond {

/// Fires after a delay: the guide's sleep=N. Value: std::monostate.
class DIESEL_CORE_EXPORT sleep
{
public:
    using value_type = std::monostate;
    explicit sleep(double seconds);
    explicit sleep(Clock::duration duration)
        : m_duration(duration)
    {}
    template<class Rep, class Period>
    explicit sleep(std::chrono::duration<Rep, Period> duration)
        : m_duration(std::chrono::duration_cast<Clock::duration>(duration))
    {}
    std::optional<value_type> poll();

    struct Registration
    {
        void arm(sleep &c, Wait &wait, int branch, WaitInfo &info);
        std::optional<value_type> take() { return std::nullopt; }
    };

private:
    Clock::duration m_duration;
    std::optional<Clock::time_point> m_deadline;
};

/// Base of the conditions on the calling Loop's current connection.
class DIESEL_CORE_EXPORT ConnectionCondition
{
public:
    using value_type = std::string;
    struct Registration
    {
        void arm(ConnectionCondition &c, Wait &wait, int branch, WaitInfo &info);
        std::optional<value_type> take() { return std::nullopt; }
        WaitNode node;
    };

protected:
    ConnectionCondition();
    Connection *m_conn;
};

/// A line (the guide's until_eol=True). Value: the line with its ending.
class DIESEL_CORE_EXPORT until_eol : public ConnectionCondition
{
public:
    std::optional<value_type> poll() { return m_conn->try_until("\n"); }
};

/// Bytes up to and including a sentinel (until="..."). Value: those bytes.
class DIESEL_CORE_EXPORT until : public ConnectionCondition
{
public:
    explicit until(std::string sentinel)
        : m_sentinel(std::move(sentinel))
    {}
    std::optional<value_type> poll() { return m_conn->try_until(m_sentinel); }

private:
    std::string m_sentinel;
};

/// Exactly n bytes (receive=n).
class DIESEL_CORE_EXPORT receive : public ConnectionCondition
{
public:
    explicit receive(std::size_t n)
        : m_n(n)
    {}
    std::optional<value_type> poll() { return m_conn->try_receive(m_n); }

private:
    std::size_t m_n;
};

/// Whatever arrives (receive with no size).
class DIESEL_CORE_EXPORT receive_any : public ConnectionCondition
{
public:
    std::optional<value_type> poll() { return m_conn->try_receive_any(); }
};

/// One datagram (datagram=True).
class DIESEL_CORE_EXPORT datagram : public ConnectionCondition
{
public:
    std::optional<value_type> poll() { return m_conn->try_datagram(); }
};

/// A fire() of a named event (the guide's wait). Value: the fired value.
class DIESEL_CORE_EXPORT wait
{
public:
    using value_type = std::string;
    explicit wait(std::string event)
        : m_event(std::move(event))
    {}
    std::optional<value_type> poll() { return std::nullopt; }
    const std::string &event() const noexcept { return m_event; }

    struct Registration : WaitNode
    {
        Registration() = default;
        void arm(wait &c, Wait &w, int branch, WaitInfo &info);
        std::optional<value_type> take() { return std::exchange(value, std::nullopt); }
        std::optional<std::string> value;
    };

private:
    std::string m_event;
};

} // namespace cond

namespace detail {

template<class T>
concept HasCondition = requires(T &t)
{
    t.condition();
};

template<class T>
decltype(auto) as_condition(T &&t)
{
    if constexpr (HasCondition<T>)
        return t.condition();
    else
        return std::decay_t<T>(std::forward<T>(t));
}

template<class T>
using condition_t = std::decay_t<decltype(as_condition(std::declval<T>()))>;

template<class Result, class Conds, std::size_t... I>
Result first_impl(Conds &conds, std::index_sequence<I...>)
{
    constexpr std::size_t n = sizeof...(I);
    for (;;) {
        std::optional<Result> result;
        (
            [&] {
                if (!result)
                    if (auto v = std::get<I>(conds).poll())
                        result.emplace(std::in_place_index<I>, std::move(*v));
            }(),
            ...);
        if (result)
            return std::move(*result);

        Wait wait("first");
        std::tuple<typename std::tuple_element_t<I, Conds>::Registration...> regs;
        WaitInfo infos[n];
        (std::get<I>(regs).arm(std::get<I>(conds), wait, static_cast<int>(I), infos[I]), ...);
        WaitInfo info;
        info.kind = WaitKind::First;
        info.branches = infos;
        info.branch_count = static_cast<std::uint8_t>(n);
        const int branch = wait.suspend(info);
        (
            [&] {
                if (!result && branch == static_cast<int>(I))
                    if (auto v = std::get<I>(regs).take())
                        result.emplace(std::in_place_index<I>, std::move(*v));
            }(),
            ...);
        if (result)
            return std::move(*result);
    }
}

} // namespace detail

/// Suspends the calling Loop until the first of `conditions` is met. Returns a std::variant whose
/// index() says which one (in argument order) and which holds its value.
template<class... Conditions>
auto first(Conditions &&...conditions)
{
    static_assert(sizeof...(Conditions) > 0, "first() needs at least one condition");
    using Result = std::variant<typename detail::condition_t<Conditions>::value_type...>;
    std::tuple<detail::condition_t<Conditions>...> conds{
        detail::as_condition(std::forward<Conditions>(conditions))...};
    return detail::first_impl<Result>(conds, std::index_sequence_for<Conditions...>{});
}

} // namespace diesel
