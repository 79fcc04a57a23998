// SPDX-License-Identifier: MIT
// MongoClient against a hostile fake server written here: it answers the handshake properly and
// then the first command of its first connection with random bytes, a truncated reply, a reply
// declaring a huge size, a stall mid-message or a frame holding bad BSON. Each ends in the
// documented error and the next call reconnects (to a connection that answers properly).
#include "dieseltest.h"
#include "fake_server.h"

#include <diesel/diesel.h>
#include <diesel/mongodb/client.h>

#include <QTest>

#include <cstring>
#include <functional>
#include <random>
#include <string>

using namespace std::string_literals;
using namespace diesel::mongodb;

namespace {

constexpr std::int32_t kOpReply = 1;
constexpr std::int32_t kOpQuery = 2004;
constexpr std::int32_t kOpMsg = 2013;

std::string le32(std::uint32_t v)
{
    return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
}

std::uint32_t read_le32(const std::string &s, std::size_t at)
{
    std::uint32_t v = 0;
    std::memcpy(&v, s.data() + at, 4);
    return v; // the test machines are little-endian, as the wire is
}

std::string header(std::uint32_t length, std::int32_t response_to, std::int32_t op)
{
    return le32(length) + le32(7) + le32(std::uint32_t(response_to)) + le32(std::uint32_t(op));
}

std::string bytes_of(const Document &d)
{
    const auto b = d.bytes();
    return std::string(reinterpret_cast<const char *>(b.data()), b.size());
}

std::string op_msg(std::int32_t response_to, const Document &body)
{
    const std::string payload = le32(0) + '\0' + bytes_of(body);
    return header(std::uint32_t(16 + payload.size()), response_to, kOpMsg) + payload;
}

std::string op_reply(std::int32_t response_to, const Document &body)
{
    const std::string payload = le32(0) + std::string(8, '\0') + le32(0) + le32(1) + bytes_of(body);
    return header(std::uint32_t(16 + payload.size()), response_to, kOpReply) + payload;
}

Document hello()
{
    return {{"ismaster", true},
            {"helloOk", true},
            {"maxBsonObjectSize", 16777216},
            {"maxMessageSizeBytes", 48000000},
            {"maxWriteBatchSize", 100000},
            {"minWireVersion", 0},
            {"maxWireVersion", 17},
            {"ok", 1.0}};
}

// A proper reply to find_one() on db.c: one document {_id: 1}.
Document find_reply()
{
    return {{"cursor", Document{{"firstBatch", Array{Document{{"_id", 1}}}},
                                {"id", std::int64_t(0)},
                                {"ns", "db.c"}}},
            {"ok", 1.0}};
}

// A fake MongoDB server: handshakes are answered properly; every other command goes to
// act(connection number from 1, request id), which answers (or does worse).
class FakeMongo : public dtest::FakeServer
{
public:
    using Act = std::function<void(int connection, std::int32_t request)>;
    explicit FakeMongo(Act act)
        : FakeServer([act = std::move(act)](int connection) {
            for (;;) {
                const std::string head = diesel::receive(16);
                const std::uint32_t length = read_le32(head, 0);
                const auto request = std::int32_t(read_le32(head, 4));
                const auto op = std::int32_t(read_le32(head, 12));
                const std::string body = diesel::receive(length - 16);
                if (op == kOpQuery) {
                    diesel::send(op_reply(request, hello()));
                    continue;
                }
                QCOMPARE(op, kOpMsg);
                const std::uint32_t doc_length = read_le32(body, 5);
                const Document command = Document::from_bson(
                    {reinterpret_cast<const std::uint8_t *>(body.data()) + 5, doc_length});
                const std::string name = command.keys().front();
                if (name == "hello" || name == "isMaster" || name == "ismaster")
                    diesel::send(op_msg(request, hello()));
                else
                    act(connection, request);
            }
        })
    {}
};

using dtest::stall;

// What a call threw: "mongo: ...", "timeout: ...", "closed: ..." or "no error".
template<class F>
std::string outcome(F &&call)
{
    try {
        call();
        return "no error";
    } catch (const MongoError &e) {
        return "mongo: "s + e.what();
    } catch (const diesel::RequestTimeout &e) {
        return "timeout: "s + e.what();
    } catch (const diesel::ConnectionClosed &e) {
        return "closed: "s + e.what();
    }
}

} // namespace

class TestMongoHostile : public QObject
{
    Q_OBJECT

    // find_one() against a server whose first connection answers the first command with
    // `hostile` (the handler then returns, closing it, unless `hostile` stalls); checks that the
    // next find_one() reconnects and gets the document. Returns what the first one threw.
    std::string against(const std::function<void(std::int32_t request)> &hostile)
    {
        std::string result = "not run";
        [&] {
            QVERIFY(dtest::run_in_loop([&] {
                FakeMongo server([&](int connection, std::int32_t request) {
                    if (connection == 1) {
                        hostile(request);
                        throw diesel::ConnectionClosed("the fake server hangs up");
                    }
                    diesel::send(op_msg(request, find_reply()));
                });
                MongoOptions options;
                options.request_timeout = diesel::Seconds(0.5);
                options.connect_timeout = diesel::Seconds(5);
                MongoClient client("127.0.0.1", server.port(), options);
                result = outcome([&] { client["db"]["c"].find_one(); });
                const std::optional<Document> again = client["db"]["c"].find_one();
                QVERIFY(again.has_value());
                QCOMPARE((*again)["_id"].as_int(), std::int64_t(1));
                QCOMPARE(server.connections(), 2);
                QVERIFY(client.pool_stats().discarded >= 1);
            }));
        }();
        qInfo("%s", result.c_str());
        return result;
    }

private Q_SLOTS:
    void random_bytes()
    {
        std::mt19937 rng(13);
        for (int round = 0; round < 5; ++round) {
            std::string noise(256, '\0');
            for (char &c : noise)
                c = char(rng());
            const std::string r = against([&](std::int32_t) { diesel::send(noise); });
            QVERIFY2(r.starts_with("mongo: ") || r.starts_with("closed: "), r.c_str());
        }
    }

    void truncated_reply()
    {
        const std::string full = op_msg(0, find_reply());
        const std::string r = against([&](std::int32_t request) {
            diesel::send(op_msg(request, find_reply()).substr(0, full.size() / 2));
        });
        QVERIFY2(r.starts_with("closed: "), r.c_str());
    }

    void huge_declared_size()
    {
        const auto start = diesel::Clock::now();
        const std::string r = against([&](std::int32_t request) {
            diesel::send(header(0x7fffff00u, request, kOpMsg) + std::string(64, 'x'));
            stall();
        });
        QVERIFY2(r.starts_with("mongo: "), r.c_str());
        // Refused on the length alone: no wait for the 2 GiB, nor for the request timeout.
        QVERIFY(diesel::Clock::now() - start < std::chrono::seconds(5));
    }

    void stall_mid_message()
    {
        const std::string r = against([&](std::int32_t request) {
            diesel::send(op_msg(request, find_reply()).substr(0, 30));
            stall();
        });
        QVERIFY2(r.starts_with("timeout: "), r.c_str());
        QVERIFY2(r.find("request timeout") != std::string::npos, r.c_str());
    }

    void bad_bson_in_a_whole_frame()
    {
        const std::string r = against([&](std::int32_t request) {
            const std::string junk = le32(40) + std::string(35, '\x7f') + '\0';
            const std::string payload = le32(0) + '\0' + junk;
            diesel::send(header(std::uint32_t(16 + payload.size()), request, kOpMsg) + payload);
        });
        QVERIFY2(r.starts_with("mongo: ") || r.starts_with("closed: "), r.c_str());
    }

    void cleanup() { dtest::expect_clean(); }
};

QTEST_GUILESS_MAIN(TestMongoHostile)
#include "tst_mongo_hostile.moc"
