// SPDX-License-Identifier: MIT
// RiakClient against hostile and failing peers: unknown codes, frames over the limit, malformed
// messages, stalls, truncation, random bytes, a peer killed mid-request, a request timeout, and
// a list-keys stream of 100,000 keys read frame by frame. Each ends in the documented error, the
// next call reconnects, and memory stays bounded.
#include "dieseltest.h"
#include "fake_server.h"
#include "peak_rss.h"
#include "riak_suite.h"

#include <diesel/diesel.h>
#include <diesel/riak.h>

#include <QTest>

#include <functional>
#include <random>
#include <string>

using namespace std::string_literals;
using namespace diesel::riak;

namespace {
constexpr long long kMaxGrowth = 64LL << 20;

std::string frame(std::uint8_t code, const std::string &body = {})
{
    const auto length = std::uint32_t(body.size() + 1);
    return std::string{char(length >> 24), char(length >> 16), char(length >> 8), char(length),
                       char(code)} +
           body;
}

const std::string kPingResp = frame(2);

// A fake Riak node: for each request frame it reads, act(connection number, request code)
// answers. Connections are numbered from 1.
class HostilePeer : public dtest::FakeServer
{
public:
    using Act = std::function<void(int connection, std::uint8_t code)>;
    explicit HostilePeer(Act act)
        : FakeServer([act = std::move(act)](int connection) {
            for (;;) {
                const std::string header = diesel::receive(4);
                const auto length = (std::uint32_t(std::uint8_t(header[0])) << 24) |
                                    (std::uint32_t(std::uint8_t(header[1])) << 16) |
                                    (std::uint32_t(std::uint8_t(header[2])) << 8) |
                                    std::uint32_t(std::uint8_t(header[3]));
                const std::string message = diesel::receive(length);
                act(connection, std::uint8_t(message[0]));
            }
        })
    {}
};

using dtest::stall;

RiakOptions short_timeouts()
{
    RiakOptions options;
    options.request_timeout = diesel::Seconds(0.5);
    options.max_frame = 1 << 20;
    return options;
}

// What a call threw: "protocol: ...", "timeout: ...", "closed: ...", "riak: ..." or "no error".
template<class F>
std::string outcome(F &&call)
{
    try {
        call();
        return "no error";
    } catch (const RiakProtocolError &e) {
        return "protocol: "s + e.what();
    } catch (const RiakError &e) {
        return "riak: "s + e.what();
    } catch (const diesel::RequestTimeout &e) {
        return "timeout: "s + e.what();
    } catch (const diesel::ConnectionClosed &e) {
        return "closed: "s + e.what();
    }
}

bool contains(const std::string &text, const char *part)
{
    return text.find(part) != std::string::npos;
}
} // namespace

class TestRiakHostile : public dtest::RiakSuite
{
    Q_OBJECT

private:
    // Runs a get against a peer answering `reply` on its first connection, then stalling; checks
    // that the connection was dropped, that the next call reconnects and gets its answer, and
    // that memory stayed bounded. Returns what the get threw.
    std::string against(const std::string &reply)
    {
        std::string result = "not run";
        dtest::PeakRss rss;
        [&] {
            QVERIFY(dtest::run_in_loop([&] {
                HostilePeer peer([&](int connection, std::uint8_t) {
                    if (connection > 1) {
                        diesel::send(kPingResp);
                        return;
                    }
                    diesel::send(reply);
                    stall();
                });
                RiakClient c("127.0.0.1", peer.port(), short_timeouts());
                result = outcome([&] { c.get("b", "k"); });
                QVERIFY(!c.channel().is_connected()); // it cannot be resynchronised
                c.ping();                             // a new connection
                QCOMPARE(peer.connections(), 2);
                c.close();
            }));
        }();
        if (rss.growth() >= kMaxGrowth)
            result += " (memory grew by " + std::to_string(rss.growth()) + ")";
        return result;
    }

private Q_SLOTS:
    void unknownMessageCode()
    {
        const std::string error = against(frame(99, "xyz"));
        QVERIFY2(error.starts_with("protocol: ") && contains(error, "unknown message code 99"),
                 error.c_str());
    }

    void frameOverTheLimit()
    {
        const std::string error = against("\x7f\xff\xff\xff\x0a"s);
        QVERIFY2(error.starts_with("protocol: ") && contains(error, "over the limit"),
                 error.c_str());
        QVERIFY2(!contains(error, "memory grew"), error.c_str());
    }

    void emptyFrame()
    {
        const std::string error = against("\0\0\0\0"s);
        QVERIFY2(error.starts_with("protocol: ") && contains(error, "length 0"), error.c_str());
    }

    void malformedMessage()
    {
        // A GetResp whose content field declares 100 bytes and carries 3.
        const std::string error = against(frame(10, "\x0a\x64"
                                                    "abc"s));
        QVERIFY2(error.starts_with("protocol: ") && contains(error, "RpbGetResp"), error.c_str());
    }

    void replyOfTheWrongKind()
    {
        const std::string error = against(frame(12)); // a PutResp for a get
        QVERIFY2(error.starts_with("protocol: ") && contains(error, "code 12"), error.c_str());
    }

    void stallMidFrameIsATimeout()
    {
        const std::string error = against(frame(10, "\x0a\x05"
                                                    "abcde"s)
                                              .substr(0, 6));
        QVERIFY2(error.starts_with("timeout: "), error.c_str());
    }

    void hugeButAllowedDeclaredSizeReservesNothing()
    {
        // 1 MiB allowed, nothing comes: a timeout, with memory untouched.
        const std::string error = against("\x00\x0f\xff\xff\x0a"s);
        QVERIFY2(error.starts_with("timeout: ") && !contains(error, "memory grew"), error.c_str());
    }

    void peerHangingUpMidFrameIsConnectionClosed()
    {
        std::string error;
        QVERIFY(dtest::run_in_loop([&] {
            HostilePeer peer([](int, std::uint8_t) {
                diesel::send(frame(10, "\x0a\x05"
                                       "abcde"s)
                                 .substr(0, 7));
                throw diesel::ConnectionClosed("the fake node hangs up");
            });
            RiakClient c("127.0.0.1", peer.port(), short_timeouts());
            error = outcome([&] { c.get("b", "k"); });
        }));
        QVERIFY2(error.starts_with("closed: "), error.c_str());
    }

    void randomBytes()
    {
        dtest::PeakRss rss;
        for (unsigned seed = 1; seed <= 40; ++seed) {
            std::mt19937 random(seed);
            std::string bytes(1 + random() % 4096, '\0');
            for (char &b : bytes)
                b = char(random());
            if (seed % 2 == 0) // a plausible header: a small length and a reply code
                bytes.replace(0, std::min<std::size_t>(5, bytes.size()),
                              std::string{0, 0, 0, char(1 + seed % 64), char(seed % 31)});
            bool ended = false;
            QVERIFY(dtest::run_in_loop([&] {
                HostilePeer peer([&](int, std::uint8_t) {
                    diesel::send(bytes);
                    stall();
                });
                RiakClient c("127.0.0.1", peer.port(), short_timeouts());
                try {
                    c.get("b", "k");
                } catch (const diesel::Error &) {
                }
                ended = true;
                c.close();
            }));
            QVERIFY(ended);
        }
        QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
    }

    void peerKilledMidRequest()
    {
        std::string error;
        QVERIFY(dtest::run_in_loop([&] {
            RiakClient c(m_peer->host(), m_peer->port(), options());
            c.ping();
            diesel::Event asked;
            diesel::fork([&] {
                asked.set();
                error = outcome([&] { c.get("__stall", "k"); }); // the peer never answers it
            });
            asked.wait();
            diesel::sleep(0.2);
            m_peer->kill();
            QVERIFY(dtest::settle([&] { return !error.empty(); }));
            m_peer->restart();
            c.ping(); // a new connection to the restarted peer
            QCOMPARE(c.channel().connects(), std::uint64_t(2));
        }));
        QVERIFY2(error.starts_with("closed: "), error.c_str());
    }

    void requestTimeout()
    {
        std::string error;
        QVERIFY(dtest::run_in_loop([&] {
            RiakOptions o = options();
            o.request_timeout = diesel::Seconds(0.3);
            RiakClient c(m_peer->host(), m_peer->port(), o);
            error = outcome([&] { c.get("__stall", "k"); });
            c.ping();
            QCOMPARE(c.channel().connects(), std::uint64_t(2));
        }));
        QVERIFY2(error.starts_with("timeout: "), error.c_str());
    }

    // The fake node sends the next frame only after the callback saw the previous one: a client
    // that gathered the keys before calling back would never finish.
    void listKeysStreamsFrameByFrame()
    {
        constexpr int kFrames = 100;
        constexpr int kPerFrame = 1000;
        dtest::PeakRss rss;
        long long seen = 0;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Event consumed;
            HostilePeer peer([&](int, std::uint8_t) {
                for (int f = 0; f < kFrames; ++f) {
                    std::string body;
                    for (int i = 0; i < kPerFrame; ++i) {
                        const std::string key = "key" + std::to_string(f * kPerFrame + i);
                        body += '\x0a';
                        body += char(key.size());
                        body += key;
                    }
                    diesel::send(frame(18, body));
                    consumed.wait();
                    consumed.clear();
                }
                diesel::send(frame(18, "\x10\x01"s)); // done = true
            });
            RiakClient c("127.0.0.1", peer.port(), options());
            c.list_keys("b", [&](std::string_view) {
                if (++seen % kPerFrame == 0)
                    consumed.set();
            });
            c.close();
        }));
        QCOMPARE(seen, static_cast<long long>(kFrames) * kPerFrame);
        QVERIFY2(rss.growth() < kMaxGrowth, std::to_string(rss.growth()).c_str());
    }

    // A Loop cancelled in the middle of a streamed reply: the next caller reads (and drops) the
    // rest of that stream, then its own reply, on the same connection.
    void loopCancelledMidStreamLeavesTheConnectionInStep()
    {
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Event more;
            HostilePeer peer([&](int, std::uint8_t code) {
                if (code != 17) { // not a list keys request: a ping
                    diesel::send(kPingResp);
                    return;
                }
                diesel::send(frame(18, "\x0a\x01"
                                       "a"s));
                more.wait();
                diesel::send(frame(18, "\x0a\x01"
                                       "b"s) +
                             frame(18, "\x10\x01"s));
            });
            RiakClient c("127.0.0.1", peer.port(), options());
            int seen = 0;
            diesel::LoopHandle lister =
                diesel::fork([&] { c.list_keys("b", [&](std::string_view) { ++seen; }); });
            QVERIFY(dtest::settle([&] { return seen == 1; }));
            lister.cancel();
            diesel::fork([&] {
                diesel::sleep(0.05);
                more.set();
            });
            c.ping(); // reads the rest of the stream first
            QCOMPARE(seen, 1);
            QCOMPARE(c.channel().connects(), std::uint64_t(1));
            c.close();
        }));
    }

    // The same number from the real peer, counted without keeping the keys.
    void listKeysOfAHundredThousand()
    {
        dtest::RiakPeer big({"--fill", "big:100000"});
        long long seen = 0;
        QVERIFY(dtest::run_in_loop(
            [&] {
                RiakClient c(big.host(), big.port(), options());
                c.list_keys("big", [&](std::string_view key) {
                    if (key.starts_with("k"))
                        ++seen;
                });
            },
            std::chrono::seconds(60)));
        QCOMPARE(seen, 100000LL);
    }
};

QTEST_GUILESS_MAIN(TestRiakHostile)
#include "tst_riak_hostile.moc"
