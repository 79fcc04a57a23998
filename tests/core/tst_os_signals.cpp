// SPDX-License-Identifier: MIT
// diesel's test_os_signals.py: a Loop waits for SIGUSR1 and acts on it in the very next round
// (even while Loops only yield), several waiters all wake, a handler the program installed
// first makes diesel::signal() throw ExistingSignalHandler (and one installed later is caught at
// the next call), a signal sent from a thread is seen, and diesel::Signal counts arrivals, works
// in first() and is re-armed.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

using namespace std::chrono_literals;

namespace {

std::atomic<int> g_readings{0};

extern "C" void append_reading(int)
{
    g_readings.fetch_add(1);
}

// Installs `handler` for `signo` (the program's own, as with Python's signal.signal()).
void install(int signo, void (*handler)(int))
{
    struct sigaction action
    {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    ::sigaction(signo, &action, nullptr);
}

} // namespace

class TestOsSignals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void canWaitOnOsSignals()
    {
        dtest::run_in_loop([] {
            bool triggered = false;
            diesel::fork([&] {
                diesel::signal(SIGUSR1);
                triggered = true;
            });
            // Let execution switch to the newly spawned Loop.
            diesel::sleep();
            QVERIFY(!triggered);
            ::kill(::getpid(), SIGUSR1);
            // One switch is enough for the waiter to act on the signal.
            diesel::sleep();
            QVERIFY(triggered);
        });
    }

    void aSignalIsSeenInTheNextRoundWhileLoopsOnlyYield()
    {
        // Busy Loops that only yield keep the ready queue full; the waiter still runs before
        // any of them runs again.
        dtest::run_in_loop([] {
            bool stop = false;
            // Children, so that they end with the test body even if a check fails.
            for (int i = 0; i < 10; ++i)
                diesel::fork_child([&] {
                    while (!stop)
                        diesel::sleep();
                });
            for (int round = 0; round < 20; ++round) {
                bool triggered = false;
                auto waiter = diesel::fork([&] {
                    diesel::signal(SIGUSR1);
                    triggered = true;
                });
                diesel::sleep();
                QVERIFY(!triggered);
                ::raise(SIGUSR1);
                diesel::sleep();
                QVERIFY2(triggered, "the waiter did not run in the next round");
                QVERIFY(!waiter.running());
            }
            stop = true;
            diesel::sleep();
        });
    }

    void multipleSignalWaiters()
    {
        constexpr int kWaiters = 5;
        dtest::run_in_loop([] {
            diesel::Countdown c(kWaiters);
            for (int i = 0; i < kWaiters; ++i)
                diesel::fork([&c] {
                    diesel::signal(SIGUSR1);
                    c.tick();
                });
            diesel::sleep();
            ::kill(::getpid(), SIGUSR1);
            auto r = diesel::first(diesel::cond::sleep(10), c);
            QVERIFY2(r.index() == 1, "all waiters were not triggered!");
        });
    }

    void overwritingACustomSignalHandlerFails()
    {
        dtest::run_in_loop([] {
            g_readings = 0;
            install(SIGUSR2, &append_reading);
            diesel::Event success;
            diesel::Event failure;
            diesel::fork([&] {
                try {
                    diesel::signal(SIGUSR2);
                    failure.set();
                } catch (const diesel::ExistingSignalHandler &e) {
                    QCOMPARE(e.signo(), SIGUSR2);
                    success.set();
                }
            });
            diesel::sleep();
            ::kill(::getpid(), SIGUSR2);
            auto r = diesel::first(success, failure);
            QCOMPARE(r.index(), std::size_t(0));
            QCOMPARE(g_readings.load(), 1); // the program's handler is still the one called
            QVERIFY_THROWS_EXCEPTION(diesel::ExistingSignalHandler, diesel::Signal(SIGUSR2));
            install(SIGUSR2, SIG_DFL);
        });
    }

    void aHandlerInstalledLaterIsDetectedAtTheNextCall()
    {
        dtest::run_in_loop([] {
            g_readings = 0;
            {
                diesel::Signal winch(SIGWINCH); // diesel's handler is installed
                ::raise(SIGWINCH);
                QCOMPARE(diesel::first(diesel::cond::sleep(5), winch).index(), std::size_t(1));
            }
            install(SIGWINCH, &append_reading); // the program replaces it
            ::raise(SIGWINCH);
            QCOMPARE(g_readings.load(), 1);
            QVERIFY_THROWS_EXCEPTION(diesel::ExistingSignalHandler, diesel::Signal(SIGWINCH));
            bool threw = false;
            try {
                diesel::signal(SIGWINCH);
            } catch (const diesel::ExistingSignalHandler &) {
                threw = true;
            }
            QVERIFY(threw);
            install(SIGWINCH, SIG_DFL);
            diesel::Signal again(SIGWINCH); // back to the default: diesel may take it again
            QVERIFY(!again.is_set());
        });
    }

    void signalsAreHandledWhileTheEventLoopIsBlocked()
    {
        dtest::run_in_loop([] {
            diesel::Event done;
            diesel::fork([&done] {
                diesel::signal(SIGUSR1);
                done.set();
            });
            diesel::sleep();
            diesel::thread([] {
                std::this_thread::sleep_for(100ms);
                ::kill(::getpid(), SIGUSR1);
            });
            auto r = diesel::first(diesel::cond::sleep(10), done);
            QCOMPARE(r.index(), std::size_t(1));
        });
    }

    void aSignalIsCapturedByASignalInstance()
    {
        dtest::run_in_loop([] {
            diesel::Signal usr1(SIGUSR1);
            QVERIFY(!usr1.is_set());
            ::kill(::getpid(), SIGUSR1);
            auto r = diesel::first(diesel::cond::sleep(5), usr1);
            QCOMPARE(r.index(), std::size_t(1));
            QVERIFY(usr1.is_set());
            QCOMPARE(usr1.arrivals(), std::uint64_t(1));
        });
    }

    void signalInstancesTriggerMultipleTimes()
    {
        dtest::run_in_loop([] {
            diesel::Signal usr1(SIGUSR1);
            for (int i = 0; i < 5; ++i) {
                ::kill(::getpid(), SIGUSR1);
                auto r = diesel::first(diesel::cond::sleep(5), usr1);
                QCOMPARE(r.index(), std::size_t(1));
                usr1.rearm();
                QVERIFY(!usr1.is_set());
            }
            QCOMPARE(usr1.arrivals(), std::uint64_t(5));
            // Set until re-armed: waiting again returns at once.
            ::raise(SIGUSR1);
            usr1.wait(5.0);
            usr1.wait(5.0);
            QCOMPARE(usr1.arrivals(), std::uint64_t(6));
        });
    }
};

QTEST_GUILESS_MAIN(TestOsSignals)
#include "tst_os_signals.moc"
