// SPDX-License-Identifier: MIT
// Faults in the workbench: a FaultSpec saves and loads (and a Service without faults writes no
// "faults" key), the panel's Faults group round-trips, a Service's faults reach its connections
// through a real socket, switch live without a restart, and a Client's faults cut its request;
// the traffic view marks the connection that injected them.
#include "clientcontroller.h"
#include "clienttype.h"
#include "dieseltest.h"
#include "faulteditor.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/diesel.h>
#include <diesel/widgets/connectionlistmodel.h>
#include <diesel/widgets/trafficrecorder.h>

#include <QTest>

#include <chrono>
#include <string>

using namespace workbench;
using namespace std::string_literals;

namespace {

FaultSpec someFaults()
{
    FaultSpec f;
    f.latencyMs = 20;
    f.bandwidth = 5000;
    f.maxRead = 3;
    f.maxWrite = 4;
    f.dropAfter = 100;
    f.dropProbability = 0.25;
    f.reset = true;
    return f;
}

} // namespace

class TestAppFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void faultsSaveAndLoad()
    {
        ServiceSpec faulty;
        faulty.faults = someFaults();
        ServiceSpec plain;
        plain.name = QStringLiteral("plain");
        ClientSpec client;
        client.faults.latencyMs = 7;
        Workspace w;
        w.items = {serviceItem(faulty, QStringLiteral("faulty")),
                   serviceItem(plain, QStringLiteral("plain")),
                   clientItem(client, QStringLiteral("client"))};
        const QByteArray json = workspaceJson(w);
        const WorkspaceResult read = parseWorkspace(json, QStringLiteral("test"));
        QVERIFY2(read, qPrintable(read.error));
        const std::vector<WorkspaceItem> &items = read.workspace->items;
        QCOMPARE(readServiceSpec(items.at(0).settings, {}, nullptr).faults, someFaults());
        QCOMPARE(readServiceSpec(items.at(1).settings, {}, nullptr).faults, FaultSpec{});
        QCOMPARE(readClientSpec(items.at(2).settings, {}).faults.latencyMs, 7);
        QCOMPARE(json.count("\"faults\""), 2); // the plain Service writes none
    }

    void badFaultsNameTheField()
    {
        const WorkspaceResult bad =
            parseWorkspace(R"({"version":2,"items":[{"id":"s","type":"service","name":"s",
                              "faults":{"latencyMs":-1}}]})",
                           QStringLiteral("test"));
        QVERIFY(!bad);
        QVERIFY2(bad.error.contains(QStringLiteral("items[0].faults.latencyMs")),
                 qPrintable(bad.error));
        QVERIFY(!parseWorkspace(R"({"version":2,"items":[{"id":"c","type":"client","name":"c",
                                   "faults":{"dropProbability":2}}]})",
                                QStringLiteral("test")));
    }

    void versionOneFaultsMigrate()
    {
        const WorkspaceResult v1 = parseWorkspace(
            R"({"version":1,"services":[{"name":"s","faults":{"dropAfter":9}}],
                "clients":[{"name":"c","faults":{"reset":true}}]})",
            QStringLiteral("v1"));
        QVERIFY2(v1, qPrintable(v1.error));
        const auto services = v1.workspace->itemsOfType(QStringLiteral("service"));
        const auto clients = v1.workspace->itemsOfType(QStringLiteral("client"));
        QCOMPARE(readServiceSpec(services.at(0)->settings, {}, nullptr).faults.dropAfter, 9);
        QVERIFY(readClientSpec(clients.at(0)->settings, {}).faults.reset);
        const WorkspaceResult bad = parseWorkspace(
            R"({"version":1,"services":[{"name":"s","faults":{"dropProbability":2}}]})",
            QStringLiteral("v1"));
        QVERIFY(!bad);
        QVERIFY2(bad.error.contains(QStringLiteral("faults.dropProbability")),
                 qPrintable(bad.error));
    }

    void faultGroupRoundTrips()
    {
        FaultEditor editor;
        editor.setSpec(someFaults());
        QCOMPARE(editor.spec(), someFaults());
        editor.setSpec({});
        QCOMPARE(editor.spec(), FaultSpec{});
    }

    void serviceDropsAfterNBytesAndSwitchesLive()
    {
        WorkspaceController workspace;
        ServiceSpec spec;
        spec.behaviour = Behaviour::Holla;
        spec.port = dtest::free_port();
        spec.faults.dropAfter = 5;
        ServiceController *service = addService(workspace, spec);
        QVERIFY(service->start());
        QVERIFY(service->summary().contains(QStringLiteral("drop after 5 B")));
        QCOMPARE(dtest::send_and_receive_to_end(spec.port, "hello world\n"), "HELLO"s);

        // Faults off while running: no restart, the next connection is answered whole.
        const std::uint64_t accepted = service->accepted();
        ServiceSpec off = spec;
        off.faults = {};
        QVERIFY(service->onlyFaultsDiffer(off));
        service->setSpec(off);
        QCOMPARE(service->accepted(), accepted);
        QVERIFY(!service->summary().contains(QStringLiteral("faults")));
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", spec.port);
            client.call([] {
                diesel::send("hello world\n");
                QCOMPARE(diesel::until_eol(), "HELLO WORLD\n"s);
            });
            // On again while this connection is open: it slows down at once.
            ServiceSpec slow = off;
            slow.faults.latencyMs = 150;
            service->setSpec(slow);
            const auto start = diesel::Clock::now();
            client.call([] {
                diesel::send("again\n");
                QCOMPARE(diesel::until_eol(), "AGAIN\n"s);
            });
            QVERIFY(diesel::Clock::now() - start >= std::chrono::milliseconds(300));
        }));
        QCOMPARE(service->accepted(), accepted + 1);
        service->stop();
    }

    void trafficViewMarksTheFaultyConnection()
    {
        diesel::widgets::TrafficRecorder recorder(diesel::Hub::current());
        recorder.start();
        diesel::ServiceOptions options;
        options.faults.drop_after = 5;
        diesel::Service service([](const diesel::Address &) { diesel::send(diesel::until_eol()); },
                                0, "127.0.0.1", std::move(options));
        service.start();
        QCOMPARE(dtest::send_and_receive_to_end(service.port(), "hello world\n"), "hello"s);
        diesel::widgets::ConnectionListModel model;
        model.ingest(recorder.take().connections);
        int marked = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex state =
                model.index(row, diesel::widgets::ConnectionListModel::ColState);
            if (!model.data(state).toString().contains(QStringLiteral("faults")))
                continue;
            ++marked;
            QVERIFY(model.data(state, Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("dropped after 5 bytes")));
        }
        QCOMPARE(marked, 1); // the Service's side, not the client's
    }

    void clientFaultsCutItsRequest()
    {
        std::string seen;
        diesel::Service sink([&](const diesel::Address &) { seen = dtest::receive_to_end(); }, 0,
                             "127.0.0.1");
        sink.start();
        WorkspaceController workspace;
        ClientSpec spec;
        spec.port = sink.port();
        spec.lineEnding = LineEnding::Lf;
        spec.faults.dropAfter = 3;
        ClientController *client = addClient(workspace, spec);
        QVERIFY(client->summary().contains(QStringLiteral("drop after 3 B")));
        QVERIFY(client->start());
        QVERIFY(dtest::spin_until([&] { return client->connected(); }));
        QVERIFY(client->sendBytes(QByteArrayLiteral("hello\n")));
        QVERIFY(dtest::spin_until([&] { return seen == "hel" && sink.connections() == 0; }));
        client->stop();
    }
};

QTEST_MAIN(TestAppFaults)
#include "tst_app_faults.moc"
