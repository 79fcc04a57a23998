// SPDX-License-Identifier: MIT
// Services built through the Service panel's API: a real port answers with each behaviour; a
// port in use and a bad certificate become a clear error on the item, never a crash; choosing
// every interface asks first.
#include "dieseltest.h"
#include "queuecontroller.h"
#include "queuetype.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "servicetype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/diesel.h>

#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace workbench;

namespace {

// Connects, sends each line and returns the lines received back (one per line sent).
std::vector<std::string> exchange(std::uint16_t port, const std::vector<std::string> &lines,
                                  std::size_t replies = std::size_t(-1))
{
    std::vector<std::string> got;
    if (replies == std::size_t(-1))
        replies = lines.size();
    dtest::run_in_loop([&] {
        diesel::Client c("127.0.0.1", port);
        c.call([&] {
            for (const std::string &line : lines)
                diesel::send(line);
            while (got.size() < replies) {
                auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::until_eol());
                if (r.index() == 0)
                    break;
                got.push_back(std::get<1>(r));
            }
        });
    });
    return got;
}

} // namespace

class TestServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void panelBuildsAHollaServiceThatAnswers()
    {
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, ServiceSpec{});
        ServiceEditor editor(workspace);
        editor.setController(service);
        ServiceSpec spec = editor.editedSpec();
        spec.name = QStringLiteral("holla");
        spec.port = dtest::free_port();
        spec.behaviour = Behaviour::Holla;
        editor.setFields(spec);
        QVERIFY(editor.startService());
        QCOMPARE(toString(service->state()), toString(ItemState::Running));
        QCOMPARE(service->spec().port, spec.port);
        QCOMPARE(exchange(spec.port, {"hello diesel\r\n"}),
                 std::vector<std::string>{"HELLO DIESEL\r\n"});
        QVERIFY(editor.errorText().isEmpty());
        editor.stopService();
        QCOMPARE(toString(service->state()), toString(ItemState::Stopped));
    }

    // The workbench's Services close idle connections (the guide's have no limit): 300 s by
    // default, set in the editor and handed to the Service.
    void idleConnectionsAreClosed()
    {
        QCOMPARE(ServiceSpec{}.idleTimeout, 300);
        QVERIFY(ServiceSpec{}.minReceiveRate > 0);
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, ServiceSpec{});
        ServiceEditor editor(workspace);
        editor.setController(service);
        QCOMPARE(editor.editedSpec().idleTimeout, 300);
        ServiceSpec spec = editor.editedSpec();
        spec.port = dtest::free_port();
        spec.idleTimeout = 1;
        editor.setFields(spec);
        QVERIFY(editor.startService());
        QCOMPARE(service->spec().idleTimeout, 1);
        bool closed = false;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Client c("127.0.0.1", spec.port);
            c.call([&] {
                try {
                    diesel::receive(); // silent: the Service hangs up after 1 s
                } catch (const diesel::ConnectionClosed &) {
                    closed = true;
                }
            });
        }));
        QVERIFY(closed);
        editor.stopService();
    }

    void echoAndUdpHolla()
    {
        WorkspaceController workspace;
        ServiceSpec echo;
        echo.behaviour = Behaviour::Echo;
        echo.port = dtest::free_port();
        QVERIFY(addService(workspace, echo)->start());
        QCOMPARE(exchange(echo.port, {"same\r\n"}), std::vector<std::string>{"same\r\n"});

        ServiceSpec udp;
        udp.transport = Transport::Udp;
        udp.port = dtest::free_udp_port();
        QVERIFY(addService(workspace, udp)->start());
        std::string reply;
        dtest::run_in_loop([&] {
            diesel::UDPClient c("127.0.0.1", udp.port);
            c.call([&] {
                diesel::send("quiet\r\n");
                auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::datagram());
                if (r.index() == 1)
                    reply = std::get<1>(r);
            });
        });
        QCOMPARE(reply, std::string("QUIET\r\n"));
    }

    void brokerDeliversPublicationsToSubscribers()
    {
        WorkspaceController workspace;
        ServiceSpec spec;
        spec.name = QStringLiteral("broker");
        spec.behaviour = Behaviour::Broker;
        spec.port = dtest::free_port();
        QVERIFY(addService(workspace, spec)->start());
        std::vector<std::string> subscriber;
        std::vector<std::string> publisher;
        dtest::run_in_loop([&] {
            diesel::Client sub("127.0.0.1", spec.port);
            diesel::Client pub("127.0.0.1", spec.port);
            sub.call([&] {
                diesel::send("SUBSCRIBE news\r\n");
                subscriber.push_back(diesel::until_eol());
            });
            pub.call([&] {
                diesel::send("PUBLISH news hello there\r\nPUBLISH sport nobody listens\r\n");
                publisher.push_back(diesel::until_eol());
                publisher.push_back(diesel::until_eol());
            });
            sub.call([&] {
                subscriber.push_back(diesel::until_eol());
                diesel::send("UNSUBSCRIBE news\r\nPING\r\n");
                subscriber.push_back(diesel::until_eol());
                subscriber.push_back(diesel::until_eol());
            });
        });
        QCOMPARE(subscriber,
                 (std::vector<std::string>{"SUBSCRIBED news\r\n", "MESSAGE news hello there\r\n",
                                           "UNSUBSCRIBED news\r\n", "PONG\r\n"}));
        QCOMPARE(publisher,
                 (std::vector<std::string>{"PUBLISHED news 1\r\n", "PUBLISHED sport 0\r\n"}));
    }

    void pushesLinesIntoAWorkspaceQueue()
    {
        WorkspaceController workspace;
        QueueSpec q;
        q.name = QStringLiteral("jobs");
        QueueController *queue = addQueue(workspace, q, QStringLiteral("jobs"));
        ServiceSpec spec;
        spec.behaviour = Behaviour::QueuePush;
        spec.queue = QStringLiteral("jobs");
        spec.port = dtest::free_port();
        ServiceController *service = addService(workspace, spec);
        QVERIFY(service->start());
        QCOMPARE(exchange(spec.port, {"one\r\n", "two\r\n"}),
                 (std::vector<std::string>{"QUEUED 1\r\n", "QUEUED 2\r\n"}));
        QCOMPARE(queue->size(), std::size_t(2));
        QCOMPARE(queue->takeOne().value_or(""), std::string("one"));
        QVERIFY(queue->summary().contains(QLatin1String("1 items")));

        // A Queue that does not exist (a link to a missing id) is a clear error on the item.
        spec.queue = QStringLiteral("nope");
        spec.port = dtest::free_port();
        ServiceController *orphan = addService(workspace, spec);
        QVERIFY(!orphan->start());
        QCOMPARE(toString(orphan->state()), toString(ItemState::Error));
        QVERIFY(orphan->errorText().contains(QLatin1String("no Queue with the id \"nope\"")));

        // The Queue removed under a running Service: an error on the Service, never a crash; the
        // editor keeps the link (shown as missing) until the person picks another Queue.
        workspace.remove(queue);
        QCOMPARE(toString(service->state()), toString(ItemState::Error));
        QVERIFY2(service->errorText().contains(QLatin1String("\"jobs\") was removed")),
                 qPrintable(service->errorText()));
        ServiceEditor editor(workspace);
        editor.setController(service);
        QCOMPARE(editor.editedSpec().queue, QStringLiteral("jobs"));
        QVERIFY(!service->start());
        QVERIFY(service->errorText().contains(QLatin1String("no Queue with the id \"jobs\"")));
        // Saving refuses a file that would not open again, and says which link is dangling.
        QTemporaryDir dir;
        QString error;
        QVERIFY(!writeWorkspaceFile(dir.filePath(QStringLiteral("w.json")), workspace.toWorkspace(),
                                    &error));
        QVERIFY2(error.contains(QLatin1String("items[0].queue: no item has the id \"jobs\"")),
                 qPrintable(error));
    }

    void portInUseIsAnErrorOnTheItem()
    {
        const std::uint16_t port = dtest::free_port();
        diesel::Service squatter([](const diesel::Address &) {}, port, "127.0.0.1");
        squatter.start();
        WorkspaceController workspace;
        ServiceSpec spec;
        spec.port = port;
        ServiceController *service = addService(workspace, spec);
        ServiceEditor editor(workspace);
        editor.setController(service);
        QVERIFY(!editor.startService());
        QCOMPARE(toString(service->state()), toString(ItemState::Error));
        QVERIFY2(service->errorText().contains(QLatin1String("in use")),
                 qPrintable(service->errorText()));
        QCOMPARE(editor.errorText(), service->errorText());
        // Once the port is free, starting again works and the error goes.
        squatter.stop();
        QVERIFY(editor.startService());
        QVERIFY(editor.errorText().isEmpty());
    }

    void badCertificateIsAnErrorOnTheItem()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        QFile file(cert);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        file.close();
        WorkspaceController workspace;
        ServiceSpec spec;
        spec.port = dtest::free_port();
        spec.tls = TlsMode::Files;
        spec.certFile = cert;
        spec.keyFile = dir.filePath(QStringLiteral("missing.key"));
        ServiceController *service = addService(workspace, spec);
        QVERIFY(!service->start());
        QCOMPARE(toString(service->state()), toString(ItemState::Error));
        QVERIFY2(service->errorText().startsWith(QLatin1String("TLS: ")),
                 qPrintable(service->errorText()));

        // A self-signed TLS Service does serve TLS.
        spec.tls = TlsMode::SelfSigned;
        service->setSpec(spec);
        QVERIFY(service->start());
        std::string reply;
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(false);
            diesel::Client c("127.0.0.1", spec.port, options);
            c.call([&] {
                diesel::send("secret\r\n");
                reply = diesel::until_eol();
            });
        });
        QCOMPARE(reply, std::string("SECRET\r\n"));
    }

    void everyInterfaceAsksFirst()
    {
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, ServiceSpec{});
        ServiceEditor editor(workspace);
        editor.setController(service);
        QStringList asked;
        bool answer = false;
        editor.setConfirm([&](QWidget *, const QString &question) {
            asked << question;
            return answer;
        });
        auto *iface = editor.findChild<QComboBox *>(QStringLiteral("interface"));
        QVERIFY(iface);
        QCOMPARE(iface->currentData().toString(), QStringLiteral("127.0.0.1"));
        iface->setCurrentIndex(iface->findData(QStringLiteral("0.0.0.0")));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(editor.editedSpec().iface, QStringLiteral("127.0.0.1")); // declined: unchanged
        answer = true;
        iface->setCurrentIndex(iface->findData(QStringLiteral("0.0.0.0")));
        QCOMPARE(asked.size(), 2);
        QCOMPARE(editor.editedSpec().iface, QStringLiteral("0.0.0.0"));
    }

    void suggestsTheNextFreePort()
    {
        const std::uint16_t taken = dtest::free_port();
        diesel::Service squatter([](const diesel::Address &) {}, taken, "127.0.0.1");
        squatter.start();
        WorkspaceController workspace;
        const std::uint16_t port = workspace.suggestPort(Transport::Tcp, taken);
        QVERIFY(port > taken);
    }
};

QTEST_MAIN(TestServices)
#include "tst_app_services.moc"
