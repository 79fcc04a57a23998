// SPDX-License-Identifier: MIT
// The intrusive list that holds the Hub's rounds and every waitable's waiters: order kept,
// next() walking it as the Hub's prefetch does, items unlinking themselves when destroyed.
#include <diesel/core/detail/intrusive_list.h>

#include <QTest>

#include <memory>
#include <vector>

namespace {
struct Item : diesel::detail::ListHook<>
{
    explicit Item(int v)
        : value(v)
    {}
    int value;
};
using List = diesel::detail::IntrusiveList<Item>;

std::vector<int> walk(const List &list, const Item *from)
{
    std::vector<int> values;
    for (const Item *item = from; item; item = list.next(*item))
        values.push_back(item->value);
    return values;
}
} // namespace

class TestIntrusiveList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextWalksInOrderAndEndsAtTheLast()
    {
        Item a(1), b(2), c(3);
        List list;
        list.push_back(a);
        list.push_back(b);
        list.push_back(c);
        QCOMPARE(walk(list, list.front()), (std::vector<int>{1, 2, 3}));
        QCOMPARE(list.next(c), nullptr);
        QCOMPARE(list.pop_front(), &a);
        QCOMPARE(walk(list, list.front()), (std::vector<int>{2, 3}));
        QVERIFY(!a.is_linked());
        list.clear();
    }

    void pushFrontGoesFirst()
    {
        Item a(1), b(2);
        List list;
        list.push_back(a);
        list.push_front(b);
        QCOMPARE(walk(list, list.front()), (std::vector<int>{2, 1}));
        list.clear();
    }

    void aDestroyedItemLeavesTheList()
    {
        Item a(1), c(3);
        List list;
        list.push_back(a);
        {
            auto b = std::make_unique<Item>(2);
            list.push_back(*b);
            list.push_back(c);
            QCOMPARE(list.size(), std::size_t(3));
        }
        QCOMPARE(walk(list, list.front()), (std::vector<int>{1, 3}));
        list.clear();
        QVERIFY(list.empty());
        QCOMPARE(list.front(), nullptr);
    }

    void spliceBackKeepsBothOrders()
    {
        Item a(1), b(2), c(3), d(4);
        List first, second;
        first.push_back(a);
        first.push_back(b);
        second.push_back(c);
        second.push_back(d);
        first.splice_back(second);
        QVERIFY(second.empty());
        QCOMPARE(walk(first, first.front()), (std::vector<int>{1, 2, 3, 4}));
        first.clear();
    }
};

QTEST_GUILESS_MAIN(TestIntrusiveList)
#include "tst_intrusive_list.moc"
