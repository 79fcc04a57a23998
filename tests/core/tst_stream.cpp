// SPDX-License-Identifier: MIT
// Reading in place and gathered writes, over TCP and TLS: a parser running over peek() and
// consuming only what it parsed, pipelined frames, until() into a reused string, read_into() with a
// tiny span, send() of many buffers to a slow reader (observers see bytes when they are written),
// wait_readable().
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <sys/socket.h>

#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace {

// A length-prefixed frame: "<decimal length>:<bytes>".
std::string frame(std::string_view body)
{
    return std::to_string(body.size()) + ":" + std::string(body);
}

// Parses one frame in place: its body (and in `used` the bytes it took), or nullopt if incomplete.
std::optional<std::string_view> parse_frame(std::string_view bytes, std::size_t &used)
{
    const std::size_t colon = bytes.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    std::size_t length = 0;
    std::from_chars(bytes.data(), bytes.data() + colon, length);
    if (bytes.size() < colon + 1 + length)
        return std::nullopt;
    used = colon + 1 + length;
    return bytes.substr(colon + 1, length);
}

// The next frame from the current connection, asking peek() for one byte more while incomplete.
std::string next_frame()
{
    std::string_view bytes = diesel::peek();
    for (;;) {
        std::size_t used = 0;
        if (const auto body = parse_frame(bytes, used)) {
            std::string copy(*body);
            diesel::consume(used);
            return copy;
        }
        bytes = diesel::peek(bytes.size() + 1);
    }
}

// Counts the bytes observers are shown going out on one connection.
struct OutCounter : diesel::Observer
{
    unsigned interests() const override { return Data; }
    void data(const diesel::ConnectionInfo &conn, diesel::Direction direction,
              std::string_view bytes, diesel::LoopId) override
    {
        if (conn.id == id && direction == diesel::Direction::Out)
            out += bytes.size();
    }
    diesel::ConnectionId id = 0;
    std::size_t out = 0;
};

} // namespace

class TestStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_server = diesel::TlsContext::server_self_signed("localhost"); }
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void parserConsumesPartOfTheBuffer_data() { transports(); }
    void parserConsumesPartOfTheBuffer()
    {
        diesel::Service service = start([](const diesel::Address &) {
            diesel::send(frame("first") + frame("second, longer") + "12:partial");
            diesel::until_eol();
            diesel::send(" frame");
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            client.call([] {
                std::string_view bytes = diesel::peek(3);
                while (bytes.find("partial") == std::string_view::npos)
                    bytes = diesel::peek(bytes.size() + 1);
                std::size_t used = 0;
                QCOMPARE(parse_frame(bytes, used), std::optional<std::string_view>("first"));
                diesel::consume(used);
                // What the parser did not take stays buffered, in place.
                QCOMPARE(diesel::current_connection().buffered(), bytes.size() - used);
                QCOMPARE(next_frame(), std::string("second, longer"));
                QCOMPARE(diesel::peek(), std::string_view("12:partial"));
                QVERIFY_THROWS_EXCEPTION(diesel::Error, diesel::consume(11));
                diesel::send("more\n");
                QCOMPARE(next_frame(), std::string("partial fram"));
                QCOMPARE(diesel::receive(1), std::string("e"));
                diesel::send("done\n");
            });
        });
    }

    void pipelinedFramesStayBuffered_data() { transports(); }
    void pipelinedFramesStayBuffered()
    {
        diesel::Service service = start([](const diesel::Address &) {
            for (;;) {
                const std::string body = next_frame();
                diesel::send(frame("re " + body));
            }
        });
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            client.call([] {
                std::string burst;
                for (int i = 0; i < 200; ++i)
                    burst += frame(std::string(i % 97, 'a' + i % 26) + std::to_string(i));
                diesel::send(burst); // 200 requests in one write: the server parses them in turn
                for (int i = 0; i < 200; ++i)
                    QCOMPARE(next_frame(),
                             "re " + std::string(i % 97, 'a' + i % 26) + std::to_string(i));
                QCOMPARE(diesel::current_connection().buffered(), std::size_t(0));
            });
        });
    }

    void untilIntoAStringReusesIt_data() { transports(); }
    void untilIntoAStringReusesIt()
    {
        const std::string long_line = std::string(300, 'L').append("\n");
        diesel::Service service = start([&](const diesel::Address &) {
            diesel::send(long_line + "short\r\nkey::value\n" + std::string(40, 'x'));
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            client.call([&] {
                std::string line = "left over";
                diesel::until_eol(line);
                QCOMPARE(line, long_line); // replaced, not appended to
                const char *storage = line.data();
                diesel::until_eol(line);
                QCOMPARE(line, std::string("short\r\n"));
                diesel::until("::", line);
                QCOMPARE(line, std::string("key::"));
                // A shorter line lands in the storage the longest one made: no allocation.
                QCOMPARE(static_cast<const void *>(line.data()),
                         static_cast<const void *>(storage));
                // The rest of that line stays buffered for the next read.
                QCOMPARE(diesel::peek(46), "value\n" + std::string(40, 'x'));
                diesel::consume(6);
                // Past max_line: LineTooLong, the string and the buffer untouched.
                diesel::current_connection().set_max_line(16);
                QVERIFY_THROWS_EXCEPTION(diesel::LineTooLong, diesel::until_eol(line));
                QCOMPARE(line, std::string("key::"));
                QCOMPARE(diesel::current_connection().buffered(), std::size_t(40));
                diesel::send("done\n");
            });
        });
    }

    void readIntoTinyAndLargeSpans_data() { transports(); }
    void readIntoTinyAndLargeSpans()
    {
        const std::string blob(100000, 'z');
        diesel::Service service = start([&](const diesel::Address &) {
            diesel::send("hello, tiny spans\n");
            diesel::until_eol();
            diesel::send(blob);
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            client.call([&] {
                std::string got;
                std::array<std::byte, 3> tiny{};
                while (got.size() < 18) {
                    const std::size_t n = diesel::read_into(tiny);
                    QVERIFY(n >= 1 && n <= tiny.size());
                    got.append(reinterpret_cast<const char *>(tiny.data()), n);
                }
                QCOMPARE(got, std::string("hello, tiny spans\n"));
                QCOMPARE(diesel::read_into(std::span<std::byte>()), std::size_t(0));
                diesel::send("next\n");
                // A span larger than the buffer, with nothing buffered: read into directly.
                std::vector<std::byte> large(64 * 1024);
                std::size_t total = 0;
                while (total < blob.size()) {
                    const std::size_t n = diesel::read_into(large);
                    QVERIFY(n >= 1);
                    for (std::size_t i = 0; i < n; ++i)
                        QCOMPARE(char(large[i]), 'z');
                    total += n;
                }
                QCOMPARE(total, blob.size());
                diesel::send("done\n");
            });
        });
    }

    void readIntoALargeSpanAfterTheEnd_data() { transports(); }
    void readIntoALargeSpanAfterTheEnd()
    {
        // A span larger than the buffer reads straight from the stream: once the peer closed,
        // that read, and every one after it, throws ConnectionClosed.
        diesel::Service service = start([](const diesel::Address &) { diesel::send("bye"); });
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            client.call([] {
                std::vector<std::byte> large(64 * 1024);
                std::string got;
                try {
                    for (;;) {
                        const std::size_t n = diesel::read_into(large);
                        got.append(reinterpret_cast<const char *>(large.data()), n);
                    }
                } catch (const diesel::ConnectionClosed &) {
                }
                QCOMPARE(got, std::string("bye"));
                QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed, diesel::read_into(large));
            });
        });
    }

    void gatheredSendToASlowReader_data() { transports(); }
    void gatheredSendToASlowReader()
    {
        // 3,000 parts of 1..400 bytes (about 600 KB, under the 1 MiB that makes send() wait).
        std::vector<std::string> parts;
        std::string expected;
        for (int i = 0; i < 3000; ++i) {
            parts.push_back(std::string(1 + (i * 37) % 400, char('A' + i % 26)));
            expected += parts.back();
        }
        bool sent = false;
        std::string received;
        diesel::Service service = start([&](const diesel::Address &) {
            dtest::settle([&] { return sent; });
            std::array<std::byte, 4096> chunk{};
            while (received.size() < expected.size()) {
                const std::size_t n = diesel::read_into(chunk);
                received.append(reinterpret_cast<const char *>(chunk.data()), n);
                diesel::sleep(0); // a slow reader: other Loops run between reads
            }
            diesel::send("ok\n");
            diesel::until_eol();
        });
        OutCounter counter;
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            // Small socket buffers: most of the output has to wait in the connection's queue.
            const int small = 4096;
            ::setsockopt(client.connection().native_handle(), SOL_SOCKET, SO_SNDBUF, &small,
                         sizeof small);
            counter.id = client.connection().id();
            diesel::Hub::current().add_observer(counter);
            client.call([&] {
                std::vector<std::string_view> views(parts.begin(), parts.end());
                diesel::send(views);
                sent = true;
                // Observers saw only what the socket took yet, not what is queued.
                QVERIFY2(counter.out < expected.size(), qPrintable(QString::number(counter.out)));
                QCOMPARE(diesel::until_eol(), std::string("ok\n"));
                QCOMPARE(counter.out, expected.size());
                diesel::send("bye\n");
            });
            diesel::Hub::current().remove_observer(counter);
        });
        QCOMPARE(received.size(), expected.size());
        QVERIFY(received == expected);
    }

    void waitReadableHonoursItsDeadline_data() { transports(); }
    void waitReadableHonoursItsDeadline()
    {
        diesel::Service service = start([](const diesel::Address &) {
            diesel::until_eol();
            diesel::send("x");
            diesel::until_eol();
        });
        dtest::run_in_loop([&] {
            diesel::Client client = connect(service);
            client.call([] {
                QVERIFY(
                    !diesel::wait_readable(diesel::Clock::now() + std::chrono::milliseconds(50)));
                diesel::send("go\n");
                QVERIFY(diesel::wait_readable(diesel::Clock::now() + std::chrono::seconds(20)));
                QCOMPARE(diesel::peek(), std::string_view("x"));
                QVERIFY(diesel::wait_readable()); // buffered: at once
                diesel::consume(1);
                diesel::send("done\n");
            });
        });
    }

    void gatheredDatagramIsOne()
    {
        diesel::UDPService service([] { diesel::send(diesel::receive(diesel::datagram) + "!"); }, 0,
                                   "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            diesel::UDPClient client("127.0.0.1", service.port());
            client.call([] {
                const std::array<std::string_view, 3> parts{"one ", "", "datagram"};
                diesel::send(parts);
                QCOMPARE(diesel::receive(diesel::datagram), std::string("one datagram!"));
            });
        });
    }

private:
    void transports()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("tcp") << false;
        QTest::newRow("tls") << true;
    }

    diesel::Service start(diesel::Service::Handler handler)
    {
        QFETCH(bool, tls);
        diesel::ServiceOptions options;
        if (tls)
            options.tls = *m_server;
        diesel::Service service(std::move(handler), 0, "127.0.0.1", options);
        service.start();
        return service;
    }

    diesel::Client connect(const diesel::Service &service)
    {
        QFETCH(bool, tls);
        diesel::ClientOptions options;
        if (tls)
            options.tls = diesel::TlsContext::client(false);
        return diesel::Client("127.0.0.1", service.port(), options);
    }

    std::optional<diesel::TlsContext> m_server;
};

QTEST_GUILESS_MAIN(TestStream)
#include "tst_stream.moc"
