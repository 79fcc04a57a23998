// SPDX-License-Identifier: MIT
// UDPService and UDPClient: datagrams, replies to the sender, first() with a timeout.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <algorithm>
#include <cctype>

namespace {
void holla_back()
{
    for (;;) {
        std::string message = diesel::receive(diesel::datagram);
        std::transform(message.begin(), message.end(), message.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        diesel::send(message);
    }
}
} // namespace

class TestUdp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void hollaOverDatagrams()
    {
        diesel::UDPService service(holla_back, 0, "127.0.0.1");
        service.start();
        QVERIFY(service.port() != 0);
        dtest::run_in_loop([&] {
            diesel::UDPClient client("127.0.0.1", service.port());
            client.call([] {
                diesel::send("one datagram");
                QCOMPARE(diesel::receive(diesel::datagram), std::string("ONE DATAGRAM"));
                diesel::send("");
                QCOMPARE(diesel::receive(diesel::datagram), std::string(""));
            });
        });
    }

    void datagramBytesAreCounted()
    {
        // Without observers the Hub only counts the bytes sent: a datagram counts its own size.
        diesel::UDPService service(holla_back, 0, "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            const diesel::HubStats before = diesel::Hub::current().stats();
            diesel::UDPClient client("127.0.0.1", service.port());
            client.call([] {
                diesel::send("twelve bytes");
                QCOMPARE(diesel::receive(diesel::datagram), std::string("TWELVE BYTES"));
            });
            const diesel::HubStats after = diesel::Hub::current().stats();
            QCOMPARE(after.bytes_out - before.bytes_out, std::uint64_t(24)); // request and reply
            QCOMPARE(after.bytes_in - before.bytes_in, std::uint64_t(24));
        });
    }

    void repliesGoToEachSender()
    {
        diesel::UDPService service(holla_back, 0, "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            int done = 0;
            for (int i = 0; i < 20; ++i)
                diesel::fork([&, i] {
                    diesel::UDPClient client("127.0.0.1", service.port());
                    const std::string mine = "client " + std::to_string(i);
                    std::string upper = mine;
                    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
                    client.call([&] {
                        diesel::send(mine);
                        auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::datagram());
                        QCOMPARE(r.index(), std::size_t(1));
                        QCOMPARE(std::get<1>(r), upper);
                    });
                    ++done;
                });
            while (done < 20)
                diesel::sleep(0.01);
        });
    }

    void noServerMeansTheSleepBranchWins()
    {
        const std::uint16_t port = dtest::free_udp_port();
        dtest::run_in_loop([&] {
            diesel::UDPClient client("127.0.0.1", port);
            client.call([] {
                diesel::send("anyone?");
                auto r = diesel::first(diesel::cond::sleep(0.2), diesel::cond::datagram());
                QCOMPARE(r.index(), std::size_t(0));
            });
        });
    }

    void largeDatagramsArriveWhole()
    {
        diesel::UDPService service(holla_back, 0, "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            diesel::UDPClient client("127.0.0.1", service.port());
            const std::string big(60000, 'u');
            client.call([&] {
                diesel::send(big);
                QCOMPARE(diesel::receive(diesel::datagram), std::string(60000, 'U'));
            });
        });
    }

    void portInUseIsABindError()
    {
        diesel::UDPService first(holla_back, 0, "127.0.0.1");
        first.start();
        diesel::UDPService second(holla_back, first.port(), "127.0.0.1");
        QVERIFY_THROWS_EXCEPTION(diesel::BindError, second.start());
        QVERIFY(first.running());
    }

    void stopFreesThePortAtOnce()
    {
        diesel::UDPService service(holla_back, 0, "127.0.0.1");
        service.start();
        const std::uint16_t port = service.port();
        QVERIFY(dtest::spin_until([] { return diesel::Hub::current().stats().loops == 1; }));
        service.stop();
        diesel::UDPService again(holla_back, port, "127.0.0.1");
        again.start(); // throws BindError if the old socket still held the port
        QCOMPARE(again.port(), port);
    }

    void streamPrimitivesOnUdpAreClearErrors()
    {
        diesel::UDPService service(holla_back, 0, "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            diesel::UDPClient client("127.0.0.1", service.port());
            client.call([] {
                QVERIFY_THROWS_EXCEPTION(diesel::Error, diesel::until_eol());
                QVERIFY_THROWS_EXCEPTION(diesel::Error, diesel::receive(4));
            });
        });
    }
};

QTEST_GUILESS_MAIN(TestUdp)
#include "tst_udp.moc"
