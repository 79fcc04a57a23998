// SPDX-License-Identifier: MIT
// A Service's idle timeout and minimum receive rate: a silent client and a slowloris are closed
// with ConnectionTimeout in their own Loop while the Service serves the others; without the
// options (the guide's default) a silent client is kept.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <string>

using namespace std::string_literals;

namespace {

// Holla, noting how its connection ended.
struct Ending
{
    std::string what;
    bool timeout = false;
};

diesel::Service limited_service(Ending &ending, double idle, double rate)
{
    diesel::ServiceOptions options;
    if (idle > 0)
        options.idle_timeout = diesel::Seconds(idle);
    options.min_receive_rate = rate;
    diesel::Service service(
        [&ending](const diesel::Address &) {
            try {
                for (;;)
                    diesel::send(diesel::until_eol());
            } catch (const diesel::ConnectionTimeout &e) {
                ending = {e.what(), true};
            } catch (const diesel::ConnectionClosed &e) {
                ending = {e.what(), false};
            }
        },
        0, "127.0.0.1", std::move(options));
    service.start();
    return service;
}

} // namespace

class TestServiceLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void idleConnectionIsClosedOthersAreServed()
    {
        QVERIFY(dtest::run_in_loop([] {
            Ending silent;
            diesel::Service service = limited_service(silent, 0.3, 0);
            diesel::Client idle("127.0.0.1", service.port());
            diesel::Client busy("127.0.0.1", service.port());
            // The busy client talks every 0.1 s for longer than the idle timeout.
            for (int i = 0; i < 8; ++i) {
                busy.call([] {
                    diesel::send("ping\n");
                    QCOMPARE(diesel::until_eol(), "ping\n"s);
                });
                diesel::sleep(0.1);
            }
            QVERIFY(dtest::settle([&] { return !silent.what.empty(); }));
            QVERIFY2(silent.timeout, silent.what.c_str());
            QVERIFY2(silent.what.find("idle") != std::string::npos, silent.what.c_str());
            // The idle client sees the Service close its connection.
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed,
                                     idle.call([] { return diesel::receive(); }));
            QCOMPARE(service.connections(), std::size_t(1));
            busy.close();
        }));
    }

    void slowlorisIsClosed()
    {
        QVERIFY(dtest::run_in_loop([] {
            Ending slow;
            diesel::Service service = limited_service(slow, 1.0, 1000);
            diesel::Client client("127.0.0.1", service.port());
            // Never silent for the idle timeout, but a line that never ends at 5 bytes/s.
            for (int i = 0; i < 100 && slow.what.empty(); ++i) {
                try {
                    client.call([] { diesel::send("x"); });
                } catch (const diesel::ConnectionClosed &) {
                    break;
                }
                diesel::sleep(0.2);
            }
            QVERIFY2(slow.timeout, slow.what.c_str());
            QVERIFY2(slow.what.find("slower than 1000 bytes/s") != std::string::npos,
                     slow.what.c_str());
            client.close();
        }));
    }

    void withoutOptionsASilentClientIsKept()
    {
        QVERIFY(dtest::run_in_loop([] {
            Ending ending;
            diesel::Service service = limited_service(ending, 0, 0);
            diesel::Client client("127.0.0.1", service.port());
            diesel::sleep(0.6);
            client.call([] {
                diesel::send("still here\n");
                QCOMPARE(diesel::until_eol(), "still here\n"s);
            });
            QVERIFY(ending.what.empty());
            client.close();
        }));
    }
};

QTEST_GUILESS_MAIN(TestServiceLimits)
#include "tst_service_limits.moc"
