// SPDX-License-Identifier: MIT
// Fanout: every current subscriber sees every message, in order; subscriptions are RAII.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <memory>
#include <string>
#include <vector>

class TestFanout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void tenSubscribersEachSeeEveryMessageInOrder()
    {
        dtest::run_in_loop([] {
            diesel::Fanout<int> fanout("news");
            std::vector<std::vector<int>> seen(10);
            int finished = 0;
            for (int s = 0; s < 10; ++s)
                diesel::fork([&, s] {
                    auto sub = fanout.sub();
                    for (int m; (m = sub.get()) >= 0;) {
                        seen[s].push_back(m);
                        if (m % (s + 1) == 0)
                            diesel::sleep(0); // subscribers read at different paces
                    }
                    ++finished;
                });
            QVERIFY(dtest::settle([&] { return fanout.subscribers() == 10; }));
            for (int m = 0; m < 100; ++m) {
                fanout.pub(m);
                if (m % 7 == 0)
                    diesel::sleep(0);
            }
            fanout.pub(-1);
            QVERIFY(dtest::settle([&] { return finished == 10; }));
            std::vector<int> all(100);
            for (int m = 0; m < 100; ++m)
                all[m] = m;
            for (const auto &s : seen)
                QCOMPARE(s, all);
            QCOMPARE(fanout.subscribers(), std::size_t(0)); // none left subscribed
        });
    }

    void aSubscriberSeesOnlyWhatIsPublishedWhileSubscribed()
    {
        dtest::run_in_loop([] {
            diesel::Fanout<std::string> fanout("news");
            fanout.pub("too early");
            auto sub = fanout.sub();
            QVERIFY(sub.subscribed());
            fanout.pub("one");
            {
                auto other = fanout.sub();
                QCOMPARE(fanout.subscribers(), std::size_t(2));
                fanout.pub("two");
                QCOMPARE(other->size(), std::size_t(1));
            }
            QCOMPARE(fanout.subscribers(), std::size_t(1));
            QCOMPARE(sub->size(), std::size_t(2));
            QCOMPARE(dtest::q(sub.get()), QStringLiteral("one"));
            QCOMPARE(dtest::q(diesel::wait(*sub)), QStringLiteral("two"));
            // Subscriptions move; the moved-to one keeps its place.
            auto moved = std::move(sub);
            fanout.pub("three");
            auto r = diesel::first(moved, diesel::cond::sleep(5));
            QCOMPARE(r.index(), std::size_t(0));
            QCOMPARE(dtest::q(std::get<0>(r)), QStringLiteral("three"));
        });
    }

    void subscriptionsOutliveTheFanout()
    {
        dtest::run_in_loop([] {
            auto fanout = std::make_unique<diesel::Fanout<int>>();
            auto sub = fanout->sub();
            fanout->pub(1);
            fanout.reset();
            QVERIFY(!sub.subscribed());
            QCOMPARE(sub.get(), 1);
        });
    }
};

QTEST_GUILESS_MAIN(TestFanout)
#include "tst_fanout.moc"
