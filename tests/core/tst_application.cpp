// SPDX-License-Identifier: MIT
// quickstart()/quickstop() and Application: what starts, what stops, what is refused.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

class TestApplication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void quickstartRunsCallablesUntilQuickstop()
    {
        std::vector<std::string> order;
        diesel::quickstart([&] { order.push_back("a"); },
                           [&] {
                               diesel::sleep(0.02);
                               order.push_back("b");
                               diesel::quickstop();
                           });
        QCOMPARE(order, (std::vector<std::string>{"a", "b"}));
    }

    void quickstartStartsServicesAndCancelsLoopsAtTheEnd()
    {
        const std::uint16_t port = dtest::free_port();
        bool unwound = false;
        std::string reply;
        diesel::quickstart(
            diesel::Service(
                [](const diesel::Address &) {
                    for (;;)
                        diesel::send(diesel::until_eol());
                },
                port, "127.0.0.1"),
            [&] {
                struct Guard
                {
                    bool &flag;
                    ~Guard() { flag = true; }
                } guard{unwound};
                diesel::sleep(60);
            },
            [&] {
                diesel::Client client("127.0.0.1", port);
                reply = client.call([] {
                    diesel::send("echo\n");
                    return diesel::until_eol();
                });
                diesel::quickstop();
            });
        QCOMPARE(reply, std::string("echo\n"));
        QVERIFY(unwound);
    }

    void keepAliveSpecsRestart()
    {
        int runs = 0;
        diesel::quickstart(diesel::LoopSpec{[&] {
                                                ++runs;
                                                if (runs == 3)
                                                    diesel::quickstop();
                                            },
                                            {"kept alive", 0, false, true}});
        QCOMPARE(runs, 3);
    }

    void aBindErrorComesOutOfQuickstart()
    {
        diesel::Service taken([](const diesel::Address &) {}, 0, "127.0.0.1");
        taken.start();
        QVERIFY_THROWS_EXCEPTION(diesel::BindError,
                                 diesel::quickstart(diesel::Service([](const diesel::Address &) {},
                                                                    taken.port(), "127.0.0.1")));
    }

    void quickstartInsideALoopIsRefused()
    {
        dtest::run_in_loop(
            [] { QVERIFY_THROWS_EXCEPTION(diesel::Error, diesel::quickstart([] {})); });
    }

    void quickstopWithNothingRunningIsAnError()
    {
        dtest::run_in_loop([] { QVERIFY_THROWS_EXCEPTION(diesel::Error, diesel::quickstop()); });
    }

    void applicationStartsWithoutItsOwnEventLoop()
    {
        diesel::Application app;
        bool ran = false;
        app.add([&] { ran = true; });
        app.start();
        QVERIFY(dtest::spin_until([&] { return ran; }));
    }
};

QTEST_GUILESS_MAIN(TestApplication)
#include "tst_application.moc"
