// SPDX-License-Identifier: MIT
// Dispatcher: each message to one subscriber in turn, a backlog while there is none, leftovers
// dispatched again when a subscriber leaves.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class TestDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void eachMessageGoesToOneSubscriberInTurn()
    {
        dtest::run_in_loop([] {
            diesel::Dispatcher<int> jobs("jobs");
            std::vector<std::vector<int>> got(3);
            int finished = 0;
            for (int w = 0; w < 3; ++w)
                diesel::fork([&, w] {
                    auto sub = jobs.accept();
                    for (int m; (m = sub.get()) >= 0;)
                        got[w].push_back(m);
                    ++finished;
                });
            QVERIFY(dtest::settle([&] { return jobs.subscribers() == 3; }));
            for (int m = 0; m < 30; ++m)
                jobs.dispatch(m);
            for (int w = 0; w < 3; ++w)
                jobs.dispatch(-1);
            QVERIFY(dtest::settle([&] { return finished == 3; }));
            std::vector<int> all;
            for (int w = 0; w < 3; ++w) {
                QCOMPARE(got[w].size(), std::size_t(10)); // round robin
                QVERIFY(std::is_sorted(got[w].begin(), got[w].end()));
                all.insert(all.end(), got[w].begin(), got[w].end());
            }
            std::sort(all.begin(), all.end());
            for (int m = 0; m < 30; ++m)
                QCOMPARE(all[m], m);
            QCOMPARE(jobs.subscribers(), std::size_t(0));
        });
    }

    void aBacklogWaitsForTheFirstSubscriber()
    {
        dtest::run_in_loop([] {
            diesel::Dispatcher<std::string> jobs("jobs");
            jobs.dispatch("a");
            jobs.dispatch("b");
            QCOMPARE(jobs.backlog(), std::size_t(2));
            auto sub = jobs.accept();
            QCOMPARE(jobs.backlog(), std::size_t(0));
            QCOMPARE(dtest::q(sub.get()), QStringLiteral("a"));
            QCOMPARE(dtest::q(sub.get()), QStringLiteral("b"));
        });
    }

    void aLeavingSubscribersLeftoversAreDispatchedAgain()
    {
        dtest::run_in_loop([] {
            diesel::Dispatcher<int> jobs("jobs");
            auto stays = jobs.accept();
            std::optional<diesel::Dispatcher<int>::Subscription> leaves(jobs.accept());
            for (int m = 0; m < 6; ++m)
                jobs.dispatch(m); // 0 2 4 to `stays`, 1 3 5 to `leaves`
            QCOMPARE((*leaves)->size(), std::size_t(3));
            QCOMPARE((*leaves).get(), 1);
            leaves.reset(); // 3 and 5 go to `stays`
            QCOMPARE(jobs.subscribers(), std::size_t(1));
            std::vector<int> got;
            while (auto m = stays->try_get())
                got.push_back(*m);
            QCOMPARE(got, (std::vector<int>{0, 2, 4, 3, 5}));

            // The last one to leave puts its leftovers back in the backlog.
            jobs.dispatch(7);
            {
                auto gone = std::move(stays);
            }
            QCOMPARE(jobs.backlog(), std::size_t(1));
            auto next = jobs.accept();
            QCOMPARE(next.get(), 7);
        });
    }

    void aSubscriberKilledWhileWaitingLosesNothing()
    {
        dtest::run_in_loop([] {
            diesel::Dispatcher<int> jobs("jobs");
            const diesel::LoopId doomed = diesel::fork([&] {
                auto sub = jobs.accept();
                for (;;)
                    sub.get();
            });
            QVERIFY(dtest::settle([&] { return jobs.subscribers() == 1; }));
            jobs.dispatch(1); // handed to the waiting subscriber ...
            jobs.dispatch(2);
            diesel::Hub::current().cancel(doomed, "killed"); // ... which dies before it runs
            QVERIFY(dtest::settle([&] { return jobs.subscribers() == 0; }));
            QCOMPARE(jobs.backlog(), std::size_t(2));
            auto sub = jobs.accept();
            QCOMPARE(sub.get(), 1);
            QCOMPARE(sub.get(), 2);
        });
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
