// SPDX-License-Identifier: MIT
// The broker's topology with real sockets: two subscribers show up as Loops under their channel,
// the messages delivered to each are counted after publications, a subscriber whose socket
// closes leaves the tree; the one-click subscriber and publisher Clients of the Service panel
// subscribe and publish, and show up in the Topology of the Service's console.
#include "brokertopologymodel.h"
#include "brokertopologyview.h"
#include "clientcontroller.h"
#include "dieseltest.h"
#include "eventlog.h"
#include "serviceconsole.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "servicetype.h"
#include "workspacecontroller.h"

#include <diesel/diesel.h>

#include <QPushButton>
#include <QTest>

using namespace workbench;

namespace {

// A subscriber on its own Loop: connects, subscribes and keeps every line it receives until
// its Loop is cancelled (which closes its socket).
struct Subscriber
{
    std::vector<std::string> lines;
    diesel::LoopId loop = 0;
};

std::shared_ptr<Subscriber> subscribe(std::uint16_t port, const std::string &channel)
{
    auto s = std::make_shared<Subscriber>();
    s->loop = diesel::Hub::current().spawn([s, port, channel] {
        diesel::Client c("127.0.0.1", port);
        c.call([&] {
            diesel::send("SUBSCRIBE " + channel + "\r\n");
            for (;;)
                s->lines.push_back(diesel::until_eol());
        });
    });
    return s;
}

ServiceController *startBroker(WorkspaceController &workspace)
{
    ServiceSpec spec;
    spec.name = QStringLiteral("broker");
    spec.behaviour = Behaviour::Broker;
    spec.port = dtest::free_port();
    ServiceController *broker = addService(workspace, spec, QStringLiteral("broker"));
    broker->start();
    return broker;
}

QString text(const QAbstractItemModel &model, int row, int column, const QModelIndex &parent = {})
{
    return model.index(row, column, parent).data().toString();
}

} // namespace

class TestPubSub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void topologyListsSubscriberLoopsAndCountsDeliveries()
    {
        WorkspaceController workspace;
        ServiceController *broker = startBroker(workspace);
        QCOMPARE(toString(broker->state()), toString(ItemState::Running));
        BrokerTopologyView view;
        view.setController(broker);
        const BrokerTopologyModel &model = view.model();
        QCOMPARE(model.rowCount(), 0);

        auto first = subscribe(broker->port(), "news");
        auto second = subscribe(broker->port(), "news");
        QVERIFY(dtest::spin_until(
            [&] { return first->lines.size() == 1 && second->lines.size() == 1; }));
        QCOMPARE(first->lines.front(), std::string("SUBSCRIBED news\r\n"));
        view.sample();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(model, 0, BrokerTopologyModel::Name), QStringLiteral("news"));
        const QModelIndex news = model.index(0, 0);
        QCOMPARE(model.rowCount(news), 2);
        // Each subscriber is the broker's Loop of its connection, a live Loop, with its peer.
        std::vector<diesel::LoopId> loops;
        for (const BrokerSubscriber &s : model.topology().front().subscribers) {
            QVERIFY(dtest::info_of(s.loop).has_value());
            QVERIFY2(s.peer.starts_with("127.0.0.1:"), s.peer.c_str());
            loops.push_back(s.loop);
        }
        QVERIFY(loops[0] != loops[1]);
        QVERIFY(text(model, 0, BrokerTopologyModel::Name, news)
                    .startsWith(QStringLiteral("Loop #%1").arg(loops[0])));

        // Three publications: each subscriber receives and is counted three times.
        std::vector<std::string> replies;
        QVERIFY(dtest::run_in_loop([&] {
            diesel::Client pub("127.0.0.1", broker->port());
            pub.call([&] {
                for (int i = 1; i <= 3; ++i) {
                    diesel::send("PUBLISH news m" + std::to_string(i) + "\r\n");
                    replies.push_back(diesel::until_eol());
                }
            });
        }));
        QCOMPARE(replies, std::vector<std::string>(3, "PUBLISHED news 2\r\n"));
        QVERIFY(dtest::spin_until(
            [&] { return first->lines.size() == 4 && second->lines.size() == 4; }));
        QCOMPARE(second->lines.back(), std::string("MESSAGE news m3\r\n"));
        view.sample();
        QCOMPARE(text(model, 0, BrokerTopologyModel::Messages), QStringLiteral("3"));
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(text(model, row, BrokerTopologyModel::Messages, news), QStringLiteral("3"));
            QVERIFY(!text(model, row, BrokerTopologyModel::Latency, news).isEmpty());
        }
        const BrokerSubscriber &delivered = model.topology().front().subscribers.front();
        QCOMPARE(delivered.delivered, std::uint64_t(3));
        QVERIFY(delivered.averageLatency >= 0);

        // The first subscriber's socket closes: it leaves the topology; the other stays.
        diesel::Hub::current().cancel(first->loop, "the test closes it");
        QVERIFY(dtest::spin_until([&] {
            view.sample();
            return model.rowCount(news) == 1;
        }));
        QCOMPARE(model.topology().front().subscribers.front().loop, loops[1]);
        diesel::Hub::current().cancel(second->loop, "the test closes it");
        QVERIFY(dtest::spin_until([&] {
            view.sample();
            return model.topology().front().subscribers.empty();
        }));
        broker->stop();
        view.sample();
        QCOMPARE(model.rowCount(), 0);
    }

    void oneClickSubscriberAndPublisherShowInTheTopology()
    {
        diesel::Hub &hub = diesel::Hub::current();
        EventLog log(hub);
        WorkspaceController workspace;
        ServiceController *broker = startBroker(workspace);
        ServiceEditor editor(workspace);
        editor.setController(broker);
        ServiceConsole console(log);
        console.setController(broker);
        console.showTopology();
        console.show();
        const BrokerTopologyModel &model = console.topology()->model();

        QPushButton *addSubscriber = nullptr;
        for (auto *button : editor.findChildren<QPushButton *>())
            if (button->text().remove(QLatin1Char('&')) == QLatin1String("Add subscriber"))
                addSubscriber = button;
        QVERIFY(addSubscriber && addSubscriber->isEnabled());
        addSubscriber->click();
        QCOMPARE(workspace.items().size(), qsizetype(2));
        auto *subscriber = qobject_cast<ClientController *>(workspace.items().back());
        QVERIFY(subscriber);
        QCOMPARE(subscriber->spec().repeat.message, QStringLiteral("SUBSCRIBE news"));
        QCOMPARE(subscriber->spec().port, broker->port());
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 1 && model.rowCount(model.index(0, 0)) == 1,
                                 20000);
        QCOMPARE(text(model, 0, BrokerTopologyModel::Name), QStringLiteral("news"));

        ClientController *publisher = editor.addPublisher();
        QVERIFY(publisher);
        QVERIFY(publisher->spec().repeat.message.startsWith(QLatin1String("PUBLISH news")));
        // The subscriber Client receives what the publisher Client sends, as the topology counts.
        QTRY_VERIFY_WITH_TIMEOUT(!model.topology().empty() &&
                                     !model.topology().front().subscribers.empty() &&
                                     model.topology().front().subscribers.front().delivered >= 1,
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(subscriber->transcript()->entries().begin(),
                                             subscriber->transcript()->entries().end(),
                                             [](const TranscriptEntry &e) {
                                                 return e.bytes.startsWith("MESSAGE news");
                                             }),
                                 20000);
        workspace.stopAll();
        QVERIFY(dtest::spin_until([&] { return broker->liveConnections() == 0; }));
    }
};

QTEST_MAIN(TestPubSub)
#include "tst_app_pubsub.moc"
