// SPDX-License-Identifier: MIT
// A doubly linked intrusive list whose nodes unlink themselves when destroyed, so that a
// registration living on a Loop's stack can never dangle in a waitable's list.
#pragma once

#include <cstddef>

namespace diesel::detail {

template<class Tag = void>
class ListHook
{
public:
    ListHook() = default;
    ListHook(const ListHook &) = delete;
    ListHook &operator=(const ListHook &) = delete;
    ~ListHook() { unlink(); }

    bool is_linked() const noexcept { return m_next != nullptr; }
    void unlink() noexcept
    {
        if (m_next) {
            m_prev->m_next = m_next;
            m_next->m_prev = m_prev;
            m_prev = m_next = nullptr;
        }
    }

private:
    template<class, class>
    friend class IntrusiveList;
    ListHook *m_prev = nullptr;
    ListHook *m_next = nullptr;
};

template<class T, class Tag = void>
class IntrusiveList
{
    using Hook = ListHook<Tag>;

public:
    IntrusiveList() noexcept { m_head.m_prev = m_head.m_next = &m_head; }
    IntrusiveList(const IntrusiveList &) = delete;
    IntrusiveList &operator=(const IntrusiveList &) = delete;
    ~IntrusiveList() { clear(); }

    bool empty() const noexcept { return m_head.m_next == &m_head; }
    std::size_t size() const noexcept
    {
        std::size_t n = 0;
        for (const Hook *h = m_head.m_next; h != &m_head; h = h->m_next)
            ++n;
        return n;
    }
    void push_back(T &item) noexcept { insert_before(m_head, item); }
    void push_front(T &item) noexcept { insert_before(*m_head.m_next, item); }
    T *front() noexcept { return empty() ? nullptr : as_item(m_head.m_next); }
    /// The item after `item` (which must be in this list), or nullptr at the end.
    const T *next(const T &item) const noexcept
    {
        const Hook *h = static_cast<const Hook &>(item).m_next;
        return h == &m_head ? nullptr : as_item(h);
    }
    T *pop_front() noexcept
    {
        T *item = front();
        if (item)
            static_cast<Hook &>(*item).unlink();
        return item;
    }
    /// Moves every item of `other` to the end of this list, in order.
    void splice_back(IntrusiveList &other) noexcept
    {
        if (other.empty())
            return;
        Hook *first = other.m_head.m_next;
        Hook *last = other.m_head.m_prev;
        other.m_head.m_prev = other.m_head.m_next = &other.m_head;
        first->m_prev = m_head.m_prev;
        last->m_next = &m_head;
        m_head.m_prev->m_next = first;
        m_head.m_prev = last;
    }
    void clear() noexcept
    {
        while (!empty())
            m_head.m_next->unlink();
    }
    /// Calls fn(item) for each item; fn may unlink the item it is given (and only that one).
    template<class Fn>
    void for_each(Fn &&fn)
    {
        for (Hook *h = m_head.m_next; h != &m_head;) {
            Hook *next = h->m_next;
            fn(*as_item(h));
            h = next;
        }
    }
    template<class Fn>
    void for_each(Fn &&fn) const
    {
        for (const Hook *h = m_head.m_next; h != &m_head; h = h->m_next)
            fn(*as_item(h));
    }

private:
    static T *as_item(Hook *h) noexcept { return static_cast<T *>(h); }
    static const T *as_item(const Hook *h) noexcept { return static_cast<const T *>(h); }
    static void insert_before(Hook &pos, T &item) noexcept
    {
        Hook &h = item;
        h.unlink();
        h.m_prev = pos.m_prev;
        h.m_next = &pos;
        pos.m_prev->m_next = &h;
        pos.m_prev = &h;
    }
    Hook m_head;
};

} // namespace diesel::detail
