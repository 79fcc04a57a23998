// SPDX-License-Identifier: MIT
// The Observer: Loop lifecycle, states, connections, bytes with their Loop, run slices; snapshots.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTest>

#include <map>
#include <vector>

namespace {

struct Recorder : diesel::Observer
{
    explicit Recorder(unsigned interests_wanted)
        : wanted(interests_wanted)
    {}
    unsigned interests() const override { return wanted; }
    void loop_started(const diesel::Loop &loop) override { started.push_back(loop.id()); }
    void loop_state_changed(const diesel::Loop &loop) override
    {
        states[loop.id()].push_back(loop.state());
    }
    void loop_ended(const diesel::Loop &loop, std::string_view error) override
    {
        ended[loop.id()] = std::string(error);
    }
    void connection_opened(const diesel::ConnectionInfo &info) override { opened.push_back(info); }
    void connection_closed(const diesel::ConnectionInfo &info, std::string_view) override
    {
        closed.push_back(info.id);
    }
    void data(const diesel::ConnectionInfo &info, diesel::Direction dir, std::string_view bytes,
              diesel::LoopId loop) override
    {
        chunks.push_back({info.id, dir, std::string(bytes), loop});
    }
    void slice(const diesel::Slice &s) override { slices.push_back(s); }

    struct Chunk
    {
        diesel::ConnectionId conn;
        diesel::Direction dir;
        std::string bytes;
        diesel::LoopId loop;
    };
    unsigned wanted;
    std::vector<diesel::LoopId> started;
    std::map<diesel::LoopId, std::vector<diesel::LoopState>> states;
    std::map<diesel::LoopId, std::string> ended;
    std::vector<diesel::ConnectionInfo> opened;
    std::vector<diesel::ConnectionId> closed;
    std::vector<Chunk> chunks;
    std::vector<diesel::Slice> slices;
};

struct Watching
{
    Recorder &recorder;
    explicit Watching(Recorder &r)
        : recorder(r)
    {
        diesel::Hub::current().add_observer(r);
    }
    ~Watching() { diesel::Hub::current().remove_observer(recorder); }
};

} // namespace

class TestObserver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void lifecycleAndStates()
    {
        Recorder rec(diesel::Observer::Lifecycle | diesel::Observer::States);
        Watching watching(rec);
        diesel::LoopId failing = 0;
        diesel::LoopId sleeper = 0;
        dtest::run_in_loop([&] {
            sleeper = diesel::fork([] { diesel::sleep(0.01); });
            failing = diesel::fork([] { throw std::runtime_error("observed failure"); });
            diesel::sleep(0.05);
        });
        QVERIFY(std::find(rec.started.begin(), rec.started.end(), sleeper) != rec.started.end());
        QCOMPARE(rec.ended.at(sleeper), std::string());
        QVERIFY2(rec.ended.at(failing).find("observed failure") != std::string::npos,
                 rec.ended.at(failing).c_str());
        const auto &seen = rec.states.at(sleeper);
        // ready (spawned) -> running -> waiting (sleep) -> ready (timer) -> running
        QVERIFY(seen.size() >= 5);
        QCOMPARE(seen[0], diesel::LoopState::Ready);
        QCOMPARE(seen[1], diesel::LoopState::Running);
        QCOMPARE(seen[2], diesel::LoopState::Waiting);
    }

    void connectionsAndBytesWithTheirLoop()
    {
        Recorder rec(diesel::Observer::Connections | diesel::Observer::Data);
        Watching watching(rec);
        diesel::LoopId server_loop = 0;
        diesel::Service service(
            [&](const diesel::Address &) {
                server_loop = diesel::current_loop_id();
                diesel::send(diesel::until_eol());
            },
            0, "127.0.0.1",
            diesel::ServiceOptions{"echo", 0, std::nullopt, 16, 0, std::nullopt, 0, {}});
        service.start();
        diesel::LoopId client_loop = 0;
        dtest::run_in_loop([&] {
            client_loop = diesel::current_loop_id();
            diesel::Client client("127.0.0.1", service.port());
            client.call([] {
                diesel::send("observed\n");
                diesel::until_eol();
            });
        });
        QVERIFY(dtest::spin_until([&] { return rec.closed.size() == 2; }));
        QCOMPARE(rec.opened.size(), std::size_t(2));
        bool server_side_named = false;
        for (const auto &info : rec.opened) {
            if (info.owner == "echo")
                server_side_named = true;
            // The client's side connected; the service's was accepted.
            QCOMPARE(info.outgoing, info.owner != "echo");
        }
        QVERIFY(server_side_named);
        // Four chunks: client out, server in, server out, client in — each with its Loop.
        int matched = 0;
        for (const auto &c : rec.chunks) {
            QCOMPARE(c.bytes, std::string("observed\n"));
            if (c.loop == client_loop || c.loop == server_loop)
                ++matched;
        }
        QCOMPARE(rec.chunks.size(), std::size_t(4));
        QCOMPARE(matched, 4);
    }

    void slicesSayWhatWokeTheLoop()
    {
        Recorder rec(diesel::Observer::Slices);
        Watching watching(rec);
        diesel::LoopId id = 0;
        dtest::run_in_loop([&] {
            id = diesel::current_loop_id();
            diesel::sleep(0.01);
            diesel::fork([] { diesel::fire("poke"); });
            diesel::wait("poke");
        });
        std::vector<diesel::WaitKind> causes;
        for (const auto &s : rec.slices)
            if (s.loop == id) {
                QVERIFY(s.end >= s.begin);
                causes.push_back(s.cause);
            }
        QCOMPARE(causes,
                 (std::vector<diesel::WaitKind>{diesel::WaitKind::None, diesel::WaitKind::Timer,
                                                diesel::WaitKind::Fire}));
    }

    void snapshotCountsSwitchesAndBytes()
    {
        diesel::Service service(
            [](const diesel::Address &) {
                for (;;)
                    diesel::send(diesel::until_eol());
            },
            0, "127.0.0.1");
        service.start();
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            for (int i = 0; i < 3; ++i)
                client.call([] {
                    diesel::send("12345\n");
                    diesel::until_eol();
                });
            bool found_server = false;
            for (const auto &info : diesel::Hub::current().snapshot()) {
                if (info.label.rfind("service :", 0) == 0) {
                    found_server = true;
                    QCOMPARE(info.bytes_in, std::uint64_t(18));
                    QCOMPARE(info.bytes_out, std::uint64_t(18));
                    QVERIFY(info.switches >= 3);
                    QCOMPARE(info.wait_kind, diesel::WaitKind::Read);
                    QVERIFY2(info.waits_on.rfind("read fd ", 0) == 0, info.waits_on.c_str());
                    QVERIFY(info.connection != 0);
                    QCOMPARE(info.service, info.label.substr(0, info.label.find(' ', 8)));
                } else {
                    QCOMPARE(info.service, std::string()); // the client's Loop serves no Service
                }
            }
            QVERIFY(found_server);
            const diesel::HubStats stats = diesel::Hub::current().stats();
            QCOMPARE(stats.connections, std::size_t(2));
            QVERIFY(stats.bytes_in >= 36 && stats.bytes_out >= 36);
        });
    }
};

QTEST_GUILESS_MAIN(TestObserver)
#include "tst_observer.moc"
