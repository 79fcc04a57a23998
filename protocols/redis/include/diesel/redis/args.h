// SPDX-License-Identifier: MIT
// Argument lists for commands that take several keys, members or field/value pairs. They accept
// a braced list ({"a", "b"}), one string, or any range of strings, and only refer to the caller's
// strings: pass them straight to a command, do not keep them.
#pragma once

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
} // namespace detail

/// Several strings: keys, members, fields, values or the words of a command.
class Args
{
public:
    /// No strings.
    Args() = default;
    /// A braced list: {"a", "b", "c"}.
    Args(std::initializer_list<std::string_view> items)
        : m_view(items.begin(), items.size())
    {}
    /// One string.
    template<class T>
    requires std::convertible_to<const T &, std::string_view> Args(const T &one)
        : m_storage{std::string_view(one)}
        , m_view(m_storage)
    {}
    /// Any range of strings (std::vector<std::string>, std::set<std::string>, ...).
    template<std::ranges::input_range R>
    requires detail::StableString<std::ranges::range_reference_t<const R &>> &&
        (!std::convertible_to<const R &, std::string_view>)Args(const R &range)
    {
        for (auto &&item : range)
            m_storage.emplace_back(item);
        m_view = m_storage;
    }
    /// A copy refers to the same strings.
    Args(const Args &other)
        : m_storage(other.m_storage)
        , m_view(other.m_view)
    {
        if (!m_storage.empty())
            m_view = m_storage;
    }
    Args &operator=(const Args &) = delete;

    /// The strings, in order (also through size(), empty(), begin(), end()).
    std::span<const std::string_view> items() const noexcept { return m_view; }
    std::size_t size() const noexcept { return m_view.size(); }
    bool empty() const noexcept { return m_view.empty(); }
    auto begin() const noexcept { return m_view.begin(); }
    auto end() const noexcept { return m_view.end(); }

private:
    std::vector<std::string_view> m_storage;
    std::span<const std::string_view> m_view;
};

/// Pairs of strings: field/value (HSET), key/value (MSET), stream/id (XREAD).
class Pairs
{
public:
    /// One pair.
    using Pair = std::pair<std::string_view, std::string_view>;
    /// No pairs.
    Pairs() = default;
    /// A braced list: {{"field", "value"}, {"f2", "v2"}}.
    Pairs(std::initializer_list<Pair> items)
        : m_view(items.begin(), items.size())
    {}
    /// Any range of pairs of strings (std::map<std::string, std::string>, a vector of pairs).
    template<std::ranges::input_range R>
    requires std::is_lvalue_reference_v<std::ranges::range_reference_t<const R &>> &&
        requires(std::ranges::range_reference_t<const R &> p)
    {
        std::string_view(p.first);
        std::string_view(p.second);
    }
    Pairs(const R &range)
    {
        for (auto &&[first, second] : range)
            m_storage.emplace_back(std::string_view(first), std::string_view(second));
        m_view = m_storage;
    }
    /// A copy refers to the same strings.
    Pairs(const Pairs &other)
        : m_storage(other.m_storage)
        , m_view(other.m_view)
    {
        if (!m_storage.empty())
            m_view = m_storage;
    }
    Pairs &operator=(const Pairs &) = delete;

    /// The pairs, in order (also through size(), empty(), begin(), end()).
    std::span<const Pair> items() const noexcept { return m_view; }
    std::size_t size() const noexcept { return m_view.size(); }
    bool empty() const noexcept { return m_view.empty(); }
    auto begin() const noexcept { return m_view.begin(); }
    auto end() const noexcept { return m_view.end(); }

private:
    std::vector<Pair> m_storage;
    std::span<const Pair> m_view;
};

/// Members with their scores for ZADD: {{"alice", 1.5}, {"bob", 2}}, or a map member -> score.
class ScoredMembers
{
public:
    /// A member and its score.
    using Pair = std::pair<std::string_view, double>;
    /// A braced list of {member, score}.
    ScoredMembers(std::initializer_list<Pair> items)
        : m_view(items.begin(), items.size())
    {}
    template<std::ranges::input_range R>
    requires std::is_lvalue_reference_v<std::ranges::range_reference_t<const R &>> &&
        requires(std::ranges::range_reference_t<const R &> p)
    {
        std::string_view(p.first);
        double(p.second);
    }
    /// Any range of pairs of member and score (std::map<std::string, double>, ...).
    ScoredMembers(const R &range)
    {
        for (auto &&[member, score] : range)
            m_storage.emplace_back(std::string_view(member), double(score));
        m_view = m_storage;
    }
    /// A copy refers to the same strings.
    ScoredMembers(const ScoredMembers &other)
        : m_storage(other.m_storage)
        , m_view(other.m_view)
    {
        if (!m_storage.empty())
            m_view = m_storage;
    }
    ScoredMembers &operator=(const ScoredMembers &) = delete;

    /// The pairs, in order.
    std::span<const Pair> items() const noexcept { return m_view; }
    std::size_t size() const noexcept { return m_view.size(); }

private:
    std::vector<Pair> m_storage;
    std::span<const Pair> m_view;
};

/// A score bound of ZRANGEBYSCORE, ZCOUNT, ...: a number (inclusive), or the server's syntax as
/// text ("-inf", "+inf", "(1.5" for exclusive). ScoreBound::exclusive(1.5) writes "(1.5".
class ScoreBound
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
