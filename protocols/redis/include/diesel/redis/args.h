// SPDX-License-Identifier: MIT
// Argument lists for commands that take several keys, members or field/value pairs. They accept
// a braced list ({"a", "b"}), one string, or any range of strings, and only refer to the caller's
// strings: pass them straight to a command, do not keep them.
#pragma once

#include <diesel/redis/export.h>

#include <concepts>
#include <initializer_list>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace diesel::redis {

namespace detail {
// A range element that can be viewed without dangling: a reference into the range, or a
// string_view / C string (which refer to storage outside the range).
template<class T>
concept StableString = std::convertible_to<T, std::string_view> &&
    (std::is_lvalue_reference_v<T> || std::same_as<std::remove_cvref_t<T>, std::string_view> ||
     std::same_as<std::decay_t<T>, const char *>);

// A range of pairs held by the range (so that they can be viewed), each a string and a `Second`.
template<class R, class Second>
concept PairRange = std::ranges::input_range<R> &&
    std::is_lvalue_reference_v<std::ranges::range_reference_t<const R &>> &&
    requires(std::ranges::range_reference_t<const R &> p)
{
    std::string_view(p.first);
    Second(p.second);
};

// The items of Args, Pairs and ScoredMembers: a view of the caller's braced list, or of items
// collected here from a range. A copy views its own copy of the collected items, never the
// original's, so it stays valid when the original goes.
template<class T>
class ItemList
{
public:
    ItemList() = default;
    ItemList(std::initializer_list<T> items)
        : m_view(items.begin(), items.size())
    {}
    ItemList(const ItemList &other)
        : m_storage(other.m_storage)
        , m_view(other.m_view)
    {
        if (!m_storage.empty())
            m_view = m_storage;
    }
    ItemList &operator=(const ItemList &) = delete;

    std::span<const T> items() const noexcept { return m_view; }
    std::size_t size() const noexcept { return m_view.size(); }
    bool empty() const noexcept { return m_view.empty(); }
    auto begin() const noexcept { return m_view.begin(); }
    auto end() const noexcept { return m_view.end(); }

protected:
    // Collects one item; from then on the list views the collected items.
    void collect(T item)
    {
        m_storage.push_back(std::move(item));
        m_view = m_storage;
    }

private:
    std::vector<T> m_storage;
    std::span<const T> m_view;
};
} // namespace detail

/// Several strings: keys, members, fields, values or the words of a command; items(), size(),
/// empty(), begin() and end() give them in order.
class DIESEL_REDIS_EXPORT Args : public detail::ItemList<std::string_view>
{
public:
    /// No strings.
    Args() = default;
    /// A braced list: {"a", "b", "c"}.
    Args(std::initializer_list<std::string_view> items)
        : ItemList(items)
    {}
    /// One string.
    template<class T>
    requires std::convertible_to<const T &, std::string_view> Args(const T &one)
    {
        collect(std::string_view(one));
    }
    /// Any range of strings (std::vector<std::string>, std::set<std::string>, ...).
    template<std::ranges::input_range R>
    requires detail::StableString<std::ranges::range_reference_t<const R &>> &&
        (!std::convertible_to<const R &, std::string_view>)Args(const R &range)
    {
        for (auto &&item : range)
            collect(std::string_view(item));
    }
    /// A copy refers to the same strings.
    Args(const Args &) = default;
    Args &operator=(const Args &) = delete;
};

/// Pairs of strings: field/value (HSET), key/value (MSET), stream/id (XREAD); items(), size(),
/// empty(), begin() and end() give them in order.
class DIESEL_REDIS_EXPORT Pairs
    : public detail::ItemList<std::pair<std::string_view, std::string_view>>
{
public:
    /// One pair.
    using Pair = std::pair<std::string_view, std::string_view>;
    /// No pairs.
    Pairs() = default;
    /// A braced list: {{"field", "value"}, {"f2", "v2"}}.
    Pairs(std::initializer_list<Pair> items)
        : ItemList(items)
    {}
    /// Any range of pairs of strings (std::map<std::string, std::string>, a vector of pairs).
    template<detail::PairRange<std::string_view> R>
    Pairs(const R &range)
    {
        for (auto &&[first, second] : range)
            collect({std::string_view(first), std::string_view(second)});
    }
    /// A copy refers to the same strings.
    Pairs(const Pairs &) = default;
    Pairs &operator=(const Pairs &) = delete;
};

/// Members with their scores for ZADD: {{"alice", 1.5}, {"bob", 2}}, or a map member -> score.
class DIESEL_REDIS_EXPORT ScoredMembers
    : private detail::ItemList<std::pair<std::string_view, double>>
{
public:
    /// A member and its score.
    using Pair = std::pair<std::string_view, double>;
    /// A braced list of {member, score}.
    ScoredMembers(std::initializer_list<Pair> items)
        : ItemList(items)
    {}
    /// Any range of pairs of member and score (std::map<std::string, double>, ...).
    template<detail::PairRange<double> R>
    ScoredMembers(const R &range)
    {
        for (auto &&[member, score] : range)
            collect({std::string_view(member), double(score)});
    }
    /// A copy refers to the same strings.
    ScoredMembers(const ScoredMembers &) = default;
    ScoredMembers &operator=(const ScoredMembers &) = delete;

    /// The pairs, in order.
    using ItemList::items;
    using ItemList::size;
};

/// A score bound of ZRANGEBYSCORE, ZCOUNT, ...: a number (inclusive), or the server's syntax as
/// text ("-inf", "+inf", "(1.5" for exclusive). ScoreBound::exclusive(1.5) writes "(1.5".
class DIESEL_REDIS_EXPORT ScoreBound
{
public:
    /// An inclusive bound at `value` (infinities become "-inf" / "+inf").
    ScoreBound(double value);
    ScoreBound(int value)
        : ScoreBound(static_cast<double>(value))
    {}
    ScoreBound(long long value)
        : ScoreBound(static_cast<double>(value))
    {}
    /// The server's syntax: "-inf", "+inf", "(1.5", "2".
    ScoreBound(std::string_view text)
        : m_text(text)
    {}
    ScoreBound(const char *text)
        : m_text(text)
    {}
    ScoreBound(const std::string &text)
        : m_text(text)
    {}
    /// A bound that excludes `value` itself.
    static ScoreBound exclusive(double value);
    /// The lowest and the highest bound: "-inf" and "+inf".
    static ScoreBound min() { return ScoreBound("-inf"); }
    static ScoreBound max() { return ScoreBound("+inf"); }

    /// The bound as the server reads it.
    const std::string &text() const noexcept { return m_text; }

private:
    std::string m_text;
};

} // namespace diesel::redis
