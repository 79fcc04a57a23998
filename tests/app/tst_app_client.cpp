// SPDX-License-Identifier: MIT
// The Client panel round-trips with a workbench Service: text with a line ending, hex, replies
// and their timeout (the guide's first(sleep=..., until_eol=...)), repeats, UDP, disconnecting.
#include "clientconsole.h"
#include "clientcontroller.h"
#include "clienttype.h"
#include "dieseltest.h"
#include "servicecontroller.h"
#include "servicetype.h"
#include "workspacecontroller.h"

#include <QLineEdit>
#include <QTest>

using namespace workbench;
using Kind = TranscriptEntry::Kind;

namespace {

int count(const ClientController &client, Kind kind)
{
    int n = 0;
    for (const TranscriptEntry &e : client.transcript()->entries())
        n += e.kind == kind ? 1 : 0;
    return n;
}

const TranscriptEntry *last(const ClientController &client, Kind kind)
{
    const auto &entries = client.transcript()->entries();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)
        if (it->kind == kind)
            return &*it;
    return nullptr;
}

ServiceController *startService(WorkspaceController &workspace, Behaviour behaviour,
                                Transport transport = Transport::Tcp)
{
    ServiceSpec spec;
    spec.behaviour = behaviour;
    spec.transport = transport;
    spec.port = transport == Transport::Tcp ? dtest::free_port() : dtest::free_udp_port();
    ServiceController *service = addService(workspace, spec);
    service->start();
    return service;
}

ClientController *connectTo(WorkspaceController &workspace, ServiceController *service)
{
    ClientSpec spec;
    spec.name = QStringLiteral("console");
    spec.transport = service->spec().transport;
    spec.port = service->port();
    spec.replyTimeout = 5;
    ClientController *client = addClient(workspace, spec);
    client->start();
    return client;
}

} // namespace

class TestClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void consoleRoundTripsWithAHollaService()
    {
        WorkspaceController workspace;
        ServiceController *service = startService(workspace, Behaviour::Holla);
        ClientController *client = connectTo(workspace, service);
        QVERIFY(dtest::spin_until([&] { return client->connected(); }));
        QCOMPARE(toString(client->state()), toString(ItemState::Running));

        ClientConsole console;
        console.setController(client);
        console.input()->setText(QStringLiteral("hello from the panel"));
        QVERIFY(console.sendInput());
        QVERIFY(dtest::spin_until([&] { return count(*client, Kind::Reply) == 1; }));
        QCOMPARE(last(*client, Kind::Sent)->bytes, QByteArray("hello from the panel\r\n"));
        QCOMPARE(last(*client, Kind::Reply)->bytes, QByteArray("HELLO FROM THE PANEL\r\n"));
        QVERIFY(last(*client, Kind::Reply)->at.isValid());
        QVERIFY(console.input()->text().isEmpty());

        // Hex goes out as the bytes it spells.
        QVERIFY(client->sendHex(QStringLiteral("68 69 0d 0a")));
        QVERIFY(dtest::spin_until([&] { return count(*client, Kind::Reply) == 2; }));
        QCOMPARE(last(*client, Kind::Reply)->bytes, QByteArray("HI\r\n"));
        QVERIFY(!client->sendHex(QStringLiteral("not hex")));
        QCOMPARE(last(*client, Kind::Error)->text.contains(QLatin1String("not hex")), true);

        // Repeat three times at 100 messages a second.
        QVERIFY(client->repeat(QStringLiteral("n{n}"), LineEnding::Lf, 3, 0.01));
        QVERIFY(dtest::spin_until(
            [&] { return count(*client, Kind::Reply) == 5 && !client->repeating(); }));
        QCOMPARE(last(*client, Kind::Reply)->bytes, QByteArray("N3\n"));

        client->stop();
        QVERIFY(!client->connected());
        QCOMPARE(toString(client->state()), toString(ItemState::Stopped));
        QVERIFY(!client->sendText(QStringLiteral("nobody"), LineEnding::CrLf));
    }

    void replyTimeoutIsReported()
    {
        WorkspaceController workspace;
        // Echo sends back what came: without a line ending there is no line to wait for.
        ServiceController *service = startService(workspace, Behaviour::Echo);
        ClientController *client = connectTo(workspace, service);
        ClientSpec spec = client->spec();
        spec.replyTimeout = 0.2;
        client->setSpec(spec);
        QVERIFY(dtest::spin_until([&] { return client->connected(); }));
        QVERIFY(client->sendText(QStringLiteral("no newline"), LineEnding::None));
        QVERIFY(dtest::spin_until([&] { return count(*client, Kind::Timeout) == 1; }));
        QVERIFY(last(*client, Kind::Timeout)->text.contains(QLatin1String("no reply within")));
        // The bytes that did come back show as received afterwards.
        QVERIFY(dtest::spin_until([&] { return count(*client, Kind::Received) >= 1; }));
        QCOMPARE(last(*client, Kind::Received)->bytes, QByteArray("no newline"));
    }

    void udpRoundTrip()
    {
        WorkspaceController workspace;
        ServiceController *service = startService(workspace, Behaviour::Holla, Transport::Udp);
        ClientController *client = connectTo(workspace, service);
        QVERIFY(dtest::spin_until([&] { return client->connected(); }));
        QVERIFY(client->sendText(QStringLiteral("datagram"), LineEnding::CrLf));
        QVERIFY(dtest::spin_until([&] { return count(*client, Kind::Reply) == 1; }));
        QCOMPARE(last(*client, Kind::Reply)->bytes, QByteArray("DATAGRAM\r\n"));
    }

    void refusedConnectionIsAnError()
    {
        WorkspaceController workspace;
        ClientSpec spec;
        spec.port = dtest::free_port(); // nobody listens
        ClientController *client = addClient(workspace, spec);
        client->start();
        QVERIFY(dtest::spin_until([&] { return client->state() == ItemState::Error; }));
        QVERIFY(!client->connected());
        QVERIFY(!client->errorText().isEmpty());
        QCOMPARE(count(*client, Kind::Error), 1);
    }

    void serverGoingAwayDisconnects()
    {
        WorkspaceController workspace;
        ServiceController *service = startService(workspace, Behaviour::Holla);
        ClientController *client = connectTo(workspace, service);
        QVERIFY(dtest::spin_until([&] { return client->connected(); }));
        service->stop();
        QVERIFY(dtest::spin_until([&] { return !client->connected(); }));
        QCOMPARE(toString(client->state()), toString(ItemState::Stopped));
    }
};

QTEST_MAIN(TestClient)
#include "tst_app_client.moc"
