// SPDX-License-Identifier: MIT
// The Redis item against a real redis-server: commands through the console with their replies
// as a typed tree, command completion and history, the key browser on 10,000 keys filled batch by
// batch while the event loop keeps running, value viewers and editing, deleting after a
// confirmation, the pub/sub monitor both ways, and a refused connection shown on the item.
#include "appendtablemodel.h"
#include "commandwords.h"
#include "dieseltest.h"
#include "jsonfields.h"
#include "redis_cluster_nodes.h"
#include "redis_sentinel_nodes.h"
#include "redis_suite.h"
#include "rediscommandpane.h"
#include "redisconsole.h"
#include "rediscontroller.h"
#include "rediseditor.h"
#include "rediskeybrowser.h"
#include "redispubsubpane.h"
#include "redistype.h"
#include "redisvalueview.h"
#include "replytree.h"
#include "workspacecontroller.h"

#include <diesel/redis/pipeline.h>
#include <diesel/redis/subhub.h>

#include <QAbstractItemModel>
#include <QCompleter>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace workbench;

namespace {

// The type and value of a reply row: the top-level row `row`, or its child `child`.
QString cellOf(const QStandardItemModel &model, int row, int column, int child = -1)
{
    const QModelIndex top = model.index(row, 0);
    const QModelIndex index =
        child < 0 ? model.index(row, column) : model.index(child, column, top);
    return index.data().toString();
}

} // namespace

class TestRedisItem : public dtest::RedisSuite
{
    Q_OBJECT

    // "host:port" of each node.
    static QStringList addresses(const std::vector<diesel::redis::RedisNode> &nodes)
    {
        QStringList list;
        for (const diesel::redis::RedisNode &n : nodes)
            list << QStringLiteral("%1:%2").arg(QString::fromStdString(n.host)).arg(n.port);
        return list;
    }

    // Starts the item and waits until it connected (true) or failed.
    static bool startAndWait(RedisController &redis)
    {
        redis.start();
        dtest::spin_until([&] { return redis.connected() || redis.state() == ItemState::Error; },
                          std::chrono::seconds(30));
        return redis.connected();
    }

    RedisController *connectedItem(WorkspaceController &workspace)
    {
        RedisSpec spec;
        spec.host = QString::fromStdString(m_server->host());
        spec.port = m_server->port();
        RedisController *redis = addRedis(workspace, spec);
        if (!startAndWait(*redis))
            qWarning("not connected: %s", qPrintable(redis->errorText()));
        return redis;
    }

    // Runs `command` through the console and waits for its reply.
    static bool runCommand(RedisCommandPane &pane, const QString &command)
    {
        pane.input()->setText(command);
        pane.runInput();
        return dtest::spin_until([&] { return pane.pending() == 0; }, std::chrono::seconds(20));
    }

    void fill(const std::function<void(diesel::redis::RedisClient &)> &body)
    {
        QVERIFY(dtest::run_in_loop([&] {
            auto c = client();
            body(c);
        }));
    }

    // Scans everything and waits until the scan finished.
    static bool scanAll(RedisKeyBrowser &browser)
    {
        browser.scan();
        return dtest::spin_until([&] { return !browser.scanning(); }, std::chrono::seconds(60));
    }

private Q_SLOTS:
    void splitsLikeRedisCli()
    {
        using Words = std::vector<std::string>;
        QCOMPARE(splitCommandLine("SET k \"hello world\""), (Words{"SET", "k", "hello world"}));
        QCOMPARE(splitCommandLine("set 'it\\'s' \"a\\x41\\n\""), (Words{"set", "it's", "aA\n"}));
        QCOMPARE(splitCommandLine("  GET   k  "), (Words{"GET", "k"}));
        QCOMPARE(splitCommandLine("SET \"\" x"), (Words{"SET", "", "x"}));
        QVERIFY(!splitCommandLine("GET \"open"));
        QVERIFY(!splitCommandLine("GET \"a\"b"));
        QVERIFY(splitCommandLine("   ")->empty());
    }

    void settingsRoundTripAndRefuseBadNodes()
    {
        RedisSpec spec;
        spec.name = QStringLiteral("cache");
        spec.db = 3;
        spec.password = QStringLiteral("secret");
        spec.sentinelMaster = QStringLiteral("mymaster");
        spec.sentinels = {QStringLiteral("127.0.0.1:26379"), QStringLiteral("10.0.0.2:26380")};
        QCOMPARE(readRedisSpec(redisJson(spec), QStringLiteral("items[0]")), spec);
        RedisSpec cluster;
        cluster.clusterSeeds = {QStringLiteral("127.0.0.1:7000")};
        QCOMPARE(readRedisSpec(redisJson(cluster), QStringLiteral("items[0]")), cluster);

        const auto refusal = [](const QJsonObject &o) {
            try {
                readRedisSpec(o, QStringLiteral("items[0]"));
            } catch (const Invalid &e) {
                return e.message;
            }
            return QString();
        };
        QJsonObject bad = redisJson(spec);
        bad.insert(QStringLiteral("sentinels"), QJsonArray{QStringLiteral("nohost")});
        QVERIFY(
            refusal(bad).startsWith(QLatin1String("items[0].sentinels: expected \"host:port\"")));
        bad = redisJson(spec);
        bad.insert(QStringLiteral("cluster"), QJsonArray{QStringLiteral("127.0.0.1:7000")});
        QVERIFY(refusal(bad).startsWith(QLatin1String("items[0].cluster:")));
        bad = redisJson(cluster);
        bad.insert(QStringLiteral("db"), 2);
        QCOMPARE(refusal(bad), QStringLiteral("items[0].db: a Cluster has only database 0"));
    }

    // The pub/sub monitor's list keeps the newest rows: the oldest go, in one removal per batch.
    void boundedTableDropsTheOldestRows()
    {
        AppendTableModel model({QStringLiteral("n")}, 3);
        int removals = 0;
        connect(&model, &QAbstractItemModel::rowsRemoved, this, [&removals] { ++removals; });
        model.append({{{QStringLiteral("1")}, {}}, {{QStringLiteral("2")}, {}}});
        model.append({{{QStringLiteral("3")}, {}}, {{QStringLiteral("4")}, {}}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.text(0, 0), QStringLiteral("2"));
        QCOMPARE(model.text(2, 0), QStringLiteral("4"));
        QCOMPARE(removals, 1);
        std::vector<AppendTableModel::Row> many;
        for (int i = 5; i <= 9; ++i)
            many.push_back({{QString::number(i)}, {}});
        model.append(std::move(many));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.text(0, 0), QStringLiteral("7"));
        QCOMPARE(model.text(2, 0), QStringLiteral("9"));
    }

    void consoleShowsTypedReplies()
    {
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        QVERIFY(redis->connected());
        QCOMPARE(toString(redis->state()), toString(ItemState::Running));
        QVERIFY2(redis->summary().contains(QLatin1String("connected")),
                 qPrintable(redis->summary()));
        RedisConsole console;
        console.setController(redis);
        RedisCommandPane &pane = *console.commands();
        const QStandardItemModel &replies = pane.replies();

        QVERIFY(runCommand(pane, QStringLiteral("SET greeting \"hello world\"")));
        QCOMPARE(cellOf(replies, 0, ReplyLabel), QStringLiteral("SET greeting \"hello world\""));
        QCOMPARE(cellOf(replies, 0, ReplyType), QStringLiteral("status"));
        QCOMPARE(cellOf(replies, 0, ReplyValue), QStringLiteral("OK"));
        QVERIFY(runCommand(pane, QStringLiteral("GET greeting")));
        QCOMPARE(cellOf(replies, 1, ReplyType), QStringLiteral("bulk"));
        QCOMPARE(cellOf(replies, 1, ReplyValue), QStringLiteral("hello world"));
        QVERIFY(runCommand(pane, QStringLiteral("INCR visits")));
        QCOMPARE(cellOf(replies, 2, ReplyType), QStringLiteral("integer"));
        QCOMPARE(cellOf(replies, 2, ReplyValue), QStringLiteral("1"));
        QVERIFY(runCommand(pane, QStringLiteral("GET nothing-here")));
        QCOMPARE(cellOf(replies, 3, ReplyType), QStringLiteral("nil"));
        QVERIFY(runCommand(pane, QStringLiteral("RPUSH letters a b c")));
        QCOMPARE(cellOf(replies, 4, ReplyValue), QStringLiteral("3"));
        QVERIFY(runCommand(pane, QStringLiteral("LRANGE letters 0 -1")));
        QCOMPARE(cellOf(replies, 5, ReplyType), QStringLiteral("array"));
        QCOMPARE(replies.rowCount(replies.index(5, 0)), 3);
        QCOMPARE(cellOf(replies, 5, ReplyLabel, 0), QStringLiteral("1)"));
        QCOMPARE(cellOf(replies, 5, ReplyType, 2), QStringLiteral("bulk"));
        QCOMPARE(cellOf(replies, 5, ReplyValue, 2), QStringLiteral("c"));
        // The server's error is a row of the tree, and the console goes on.
        QVERIFY(runCommand(pane, QStringLiteral("INCR greeting")));
        QCOMPARE(cellOf(replies, 6, ReplyType), QStringLiteral("error"));
        QVERIFY2(cellOf(replies, 6, ReplyValue).startsWith(QLatin1String("ERR")),
                 qPrintable(cellOf(replies, 6, ReplyValue)));
        QVERIFY(runCommand(pane, QStringLiteral("NOSUCHCOMMAND x")));
        QCOMPARE(cellOf(replies, 7, ReplyType), QStringLiteral("error"));
        // Bad quoting never reaches the server; SUBSCRIBE would take over the shared connection.
        pane.input()->setText(QStringLiteral("GET \"open"));
        QVERIFY(!pane.runInput());
        QCOMPARE(cellOf(replies, 8, ReplyType), QStringLiteral("error"));
        pane.input()->setText(QStringLiteral("subscribe news"));
        QVERIFY(!pane.runInput());
        QVERIFY(cellOf(replies, 9, ReplyValue).contains(QLatin1String("Pub/Sub")));
        QVERIFY(runCommand(pane, QStringLiteral("PING")));
        QCOMPARE(cellOf(replies, 10, ReplyValue), QStringLiteral("PONG"));

        // History: the list, and Up/Down in the command line.
        QCOMPARE(pane.history()->count(), 11);
        QCOMPARE(pane.history()->item(10)->text(), QStringLiteral("PING"));
        QTest::keyClick(pane.input(), Qt::Key_Up);
        QCOMPARE(pane.input()->text(), QStringLiteral("PING"));
        QTest::keyClick(pane.input(), Qt::Key_Up);
        QCOMPARE(pane.input()->text(), QStringLiteral("subscribe news"));
        QTest::keyClick(pane.input(), Qt::Key_Down);
        QTest::keyClick(pane.input(), Qt::Key_Down);
        QCOMPARE(pane.input()->text(), QString());
        // Running a command again moves it to the end of the history.
        QVERIFY(runCommand(pane, QStringLiteral("GET greeting")));
        QCOMPARE(pane.history()->count(), 11);
        QCOMPARE(pane.history()->item(10)->text(), QStringLiteral("GET greeting"));
    }

    void completionOffersCommandNames()
    {
        const auto offered = [](QCompleter &completer, const QString &prefix) {
            completer.setCompletionPrefix(prefix);
            QStringList names;
            for (int i = 0; i < completer.completionCount(); ++i) {
                completer.setCurrentRow(i);
                names << completer.currentCompletion();
            }
            return names;
        };
        RedisCommandPane pane;
        QCOMPARE(pane.input()->completer(), pane.completer());
        QStringList names = offered(*pane.completer(), QStringLiteral("se"));
        QVERIFY2(names.contains(QStringLiteral("SET")), qPrintable(names.join(u' ')));
        QVERIFY(names.contains(QStringLiteral("SETEX")));
        QVERIFY(!names.contains(QStringLiteral("GET")));
        QVERIFY(offered(*pane.completer(), QStringLiteral("pfs")).isEmpty());

        // Connected, it offers the server's own names (COMMAND LIST), PFSELFTEST among them.
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        pane.setController(redis);
        QVERIFY(dtest::spin_until([&] { return !redis->serverCommands().isEmpty(); }));
        names = offered(*pane.completer(), QStringLiteral("se"));
        QVERIFY2(names.contains(QStringLiteral("SET")), qPrintable(names.join(u' ')));
        QCOMPARE(offered(*pane.completer(), QStringLiteral("pfs")),
                 QStringList{QStringLiteral("PFSELFTEST")});
        // Stopped, the built-in list again.
        redis->stop();
        QVERIFY(offered(*pane.completer(), QStringLiteral("pfs")).isEmpty());
        QVERIFY(offered(*pane.completer(), QStringLiteral("se")).contains(QStringLiteral("SET")));
    }

    // 10,000 keys come in batches, one per SCAN step; while they come the event loop runs (a
    // zero-interval timer ticks between the first batch and the last), and in the end every key
    // is listed once.
    void keyBrowserListsTenThousandKeysInBatches()
    {
        fill([](diesel::redis::RedisClient &c) {
            auto p = c.pipeline();
            for (int chunk = 0; chunk < 10; ++chunk) {
                std::vector<std::string> words{"MSET"};
                for (int i = 0; i < 1000; ++i) {
                    words.push_back("key:" + std::to_string(chunk * 1000 + i));
                    words.push_back(std::to_string(i));
                }
                p.command(words);
            }
            p.execute();
        });
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        QVERIFY(redis->connected());
        RedisConsole console;
        console.setController(redis);
        console.resize(900, 600);
        console.show();
        RedisKeyBrowser &browser = *console.keyBrowser();
        browser.count()->setValue(50);

        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        std::optional<int> ticksAtFirstBatch;
        int ticksAtLastBatch = 0;
        connect(&browser.keys(), &QAbstractItemModel::rowsInserted, this, [&] {
            if (!ticksAtFirstBatch)
                ticksAtFirstBatch = ticks;
            ticksAtLastBatch = ticks;
        });
        ticker.start();
        QVERIFY(scanAll(browser));
        ticker.stop();
        QVERIFY2(browser.scanError().isEmpty(), qPrintable(browser.scanError()));
        QCOMPARE(browser.keys().rowCount(), 10000);
        QVERIFY2(browser.batches() >= 20, qPrintable(QString::number(browser.batches())));
        // The timer ticked several times during the fill, not only before or after it.
        QVERIFY(ticksAtFirstBatch.has_value());
        QVERIFY2(ticksAtLastBatch - *ticksAtFirstBatch >= 3,
                 qPrintable(QStringLiteral("%1 ticks").arg(ticksAtLastBatch - *ticksAtFirstBatch)));
        const int row = browser.rowOf("key:1234");
        QVERIFY(row >= 0);
        QCOMPARE(browser.keys().text(row, RedisKeyBrowser::Type), QStringLiteral("string"));
        QCOMPARE(browser.keys().text(row, RedisKeyBrowser::Ttl), QStringLiteral("no expiry"));
        QCOMPARE(browser.keys().text(row, RedisKeyBrowser::Size), QStringLiteral("3"));

        // A pattern narrows the scan.
        browser.pattern()->setText(QStringLiteral("key:99*"));
        QVERIFY(scanAll(browser));
        // key:99, key:990 ... key:999, key:9900 ... key:9999
        QCOMPARE(browser.keys().rowCount(), 111);
    }

    void valueViewersAndEditingAString()
    {
        fill([](diesel::redis::RedisClient &c) {
            c.call({"HSET", "user:1", "name", "ada", "lang", "c++"});
            c.call({"ZADD", "scores", "2", "bob", "1", "ada", "3.5", "eve"});
            c.call({"SET", "motd", "hello", "EX", "1000"});
            c.call({"XADD", "events", "1-1", "kind", "login", "who", "ada"});
        });
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        QVERIFY(redis->connected());
        RedisConsole console;
        console.setController(redis);
        RedisKeyBrowser &browser = *console.keyBrowser();
        QVERIFY(scanAll(browser));
        QCOMPARE(browser.keys().rowCount(), 4);
        RedisValueView &view = *browser.valueView();
        const QStandardItemModel &elements = view.elements();

        const int hash = browser.rowOf("user:1");
        QCOMPARE(browser.keys().text(hash, RedisKeyBrowser::Type), QStringLiteral("hash"));
        QCOMPARE(browser.keys().text(hash, RedisKeyBrowser::Size), QStringLiteral("2"));
        browser.selectRow(hash);
        QVERIFY(dtest::spin_until([&] { return !view.loading(); }));
        QCOMPARE(elements.rowCount(), 2);
        QCOMPARE(elements.headerData(0, Qt::Horizontal).toString(), QStringLiteral("field"));
        QCOMPARE(elements.index(0, 0).data().toString(), QStringLiteral("lang"));
        QCOMPARE(elements.index(0, 1).data().toString(), QStringLiteral("c++"));
        QCOMPARE(elements.index(1, 0).data().toString(), QStringLiteral("name"));
        QCOMPARE(elements.index(1, 1).data().toString(), QStringLiteral("ada"));

        browser.selectRow(browser.rowOf("scores"));
        QVERIFY(dtest::spin_until([&] { return !view.loading(); }));
        QCOMPARE(elements.rowCount(), 3);
        QCOMPARE(elements.headerData(1, Qt::Horizontal).toString(), QStringLiteral("score"));
        QCOMPARE(elements.index(0, 0).data().toString(), QStringLiteral("ada"));
        QCOMPARE(elements.index(0, 1).data().toString(), QStringLiteral("1"));
        QCOMPARE(elements.index(2, 0).data().toString(), QStringLiteral("eve"));
        QCOMPARE(elements.index(2, 1).data().toString(), QStringLiteral("3.5"));

        browser.selectRow(browser.rowOf("events"));
        QVERIFY(dtest::spin_until([&] { return !view.loading(); }));
        QCOMPARE(elements.rowCount(), 1);
        QCOMPARE(elements.index(0, 0).data().toString(), QStringLiteral("1-1"));
        QCOMPARE(elements.index(0, 1).data().toString(), QStringLiteral("kind=login, who=ada"));

        // A string is edited in place; SET keeps its TTL.
        const int motd = browser.rowOf("motd");
        QVERIFY(browser.keys().text(motd, RedisKeyBrowser::Ttl).endsWith(QLatin1String(" s")));
        browser.selectRow(motd);
        QVERIFY(dtest::spin_until([&] { return !view.loading(); }));
        QCOMPARE(view.stringEditor()->toPlainText(), QStringLiteral("hello"));
        view.stringEditor()->setPlainText(QStringLiteral("hello, world"));
        QVERIFY(view.saveString());
        QVERIFY(dtest::spin_until([&] {
            return browser.keys().text(motd, RedisKeyBrowser::Size) == QLatin1String("12");
        }));
        fill([](diesel::redis::RedisClient &c) {
            QCOMPARE(c.get("motd").value_or(""), std::string("hello, world"));
            QVERIFY(c.ttl("motd") > 0);
        });
    }

    void deletesAKeyOnlyAfterConfirming()
    {
        fill([](diesel::redis::RedisClient &c) {
            c.set("keep", "1");
            c.set("doomed", "2");
        });
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        QVERIFY(redis->connected());
        RedisConsole console;
        console.setController(redis);
        QString asked;
        bool answer = false;
        console.setConfirm([&](QWidget *, const QString &question) {
            asked = question;
            return answer;
        });
        RedisKeyBrowser &browser = *console.keyBrowser();
        QVERIFY(!browser.deleteSelected()); // nothing selected, nothing asked
        QVERIFY(asked.isEmpty());
        QVERIFY(scanAll(browser));
        browser.selectRow(browser.rowOf("doomed"));
        QVERIFY(!browser.deleteSelected());
        QVERIFY2(asked.contains(QLatin1String("doomed")), qPrintable(asked));
        QCOMPARE(browser.keys().rowCount(), 2);
        answer = true;
        QVERIFY(browser.deleteSelected());
        QVERIFY(dtest::spin_until([&] { return browser.keys().rowCount() == 1; }));
        QVERIFY(browser.rowOf("keep") == 0);
        fill([](diesel::redis::RedisClient &c) {
            QCOMPARE(c.exists({"doomed"}), 0LL);
            QCOMPARE(c.exists({"keep"}), 1LL);
        });
    }

    void pubSubMonitorReceivesAndPublishes()
    {
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        QVERIFY(redis->connected());
        RedisConsole console;
        console.setController(redis);
        RedisPubSubPane &pane = *console.pubSub();
        pane.channels()->setText(QStringLiteral("news alerts.*"));
        QVERIFY(pane.subscribe());
        QVERIFY(dtest::spin_until([&] {
            return redis->subscriptions().size() == 1 && redis->subscriptions()[0].confirmed;
        }));
        QCOMPARE(pane.subscriptionList()->count(), 1);

        fill([](diesel::redis::RedisClient &c) {
            c.call({"PUBLISH", "news", "extra, extra"});
            c.call({"PUBLISH", "alerts.fire", "run"});
            c.call({"PUBLISH", "elsewhere", "unheard"});
        });
        QVERIFY(dtest::spin_until([&] { return pane.messages().rowCount() == 2; }));
        QCOMPARE(pane.messages().text(0, RedisPubSubPane::Channel), QStringLiteral("news"));
        QCOMPARE(pane.messages().text(0, RedisPubSubPane::Pattern), QString());
        QCOMPARE(pane.messages().text(0, RedisPubSubPane::Message), QStringLiteral("extra, extra"));
        QCOMPARE(pane.messages().text(1, RedisPubSubPane::Channel), QStringLiteral("alerts.fire"));
        QCOMPARE(pane.messages().text(1, RedisPubSubPane::Pattern), QStringLiteral("alerts.*"));
        QVERIFY(!pane.messages().text(1, RedisPubSubPane::Time).isEmpty());

        // The publish box reaches a subscriber of another connection.
        diesel::redis::RedisSubHub other(m_server->host(), m_server->port());
        std::optional<diesel::redis::Message> received;
        diesel::Hub::current().spawn([&] {
            auto sub = other.sub({"outbound"});
            received = sub.fetch(20.0);
        });
        QVERIFY(dtest::spin_until([&] { return !other.subscribed().empty(); }));
        pane.publishChannel()->setText(QStringLiteral("outbound"));
        pane.publishMessage()->setText(QStringLiteral("from the box"));
        QVERIFY(pane.publish());
        QVERIFY(dtest::spin_until([&] { return received.has_value(); }, std::chrono::seconds(20)));
        QCOMPARE(received->message, std::string("from the box"));
        QVERIFY(
            dtest::spin_until([&] { return pane.publishResult() == QLatin1String("1 receiver"); }));

        // Unsubscribing ends the subscription: later messages are not listed.
        pane.subscriptionList()->setCurrentRow(0);
        QVERIFY(pane.unsubscribeSelected());
        QVERIFY(redis->subscriptions().empty());
        QCOMPARE(pane.subscriptionList()->count(), 0);
    }

    // A server that goes away: the request that finds out is an error row and a problem shown on
    // the item, which stays up; once the server is back the next command reconnects.
    void lostConnectionIsShownAndTheNextCommandReconnects()
    {
        WorkspaceController workspace;
        RedisController *redis = connectedItem(workspace);
        QVERIFY(redis->connected());
        RedisEditor editor(workspace);
        editor.setController(redis);
        RedisConsole console;
        console.setController(redis);
        RedisCommandPane &pane = *console.commands();
        QVERIFY(runCommand(pane, QStringLiteral("PING")));
        QCOMPARE(cellOf(pane.replies(), 0, ReplyValue), QStringLiteral("PONG"));

        m_server->kill();
        QVERIFY(runCommand(pane, QStringLiteral("PING")));
        QCOMPARE(cellOf(pane.replies(), 1, ReplyType), QStringLiteral("error"));
        QVERIFY(dtest::spin_until([&] { return !redis->lastProblem().isEmpty(); }));
        QCOMPARE(cellOf(pane.replies(), 1, ReplyValue), redis->lastProblem());
        QCOMPARE(toString(redis->state()), toString(ItemState::Running));
        QCOMPARE(editor.shownError(), redis->lastProblem());
        QVERIFY(redis->summary().contains(QLatin1String("last request failed")));

        m_server->restart();
        QVERIFY(runCommand(pane, QStringLiteral("PING")));
        QCOMPARE(cellOf(pane.replies(), 2, ReplyValue), QStringLiteral("PONG"));
        QVERIFY(dtest::spin_until([&] { return redis->lastProblem().isEmpty(); }));
        QCOMPARE(editor.shownError(), QString());
    }

    // In Sentinel mode the item asks the Sentinels where "mymaster" is and talks to it.
    void connectsThroughSentinels()
    {
        std::unique_ptr<dtest::RedisSentinelNodes> nodes;
        try {
            nodes = std::make_unique<dtest::RedisSentinelNodes>();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        WorkspaceController workspace;
        RedisSpec spec;
        spec.sentinelMaster = QString::fromLatin1(dtest::RedisSentinelNodes::master_name);
        spec.sentinels = addresses(nodes->sentinels());
        RedisController *redis = addRedis(workspace, spec);
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        QCOMPARE(redis->server(), QStringLiteral("127.0.0.1:%1").arg(nodes->primary().port()));
        RedisConsole console;
        console.setController(redis);
        QVERIFY(runCommand(*console.commands(), QStringLiteral("SET via sentinel")));
        QCOMPARE(cellOf(console.commands()->replies(), 0, ReplyValue), QStringLiteral("OK"));
        redis->stop();
    }

    // In Cluster mode commands go to their key's node, a multi-key command across slots is an
    // error row, the key browser scans every primary, and pub/sub works across the nodes.
    void clusterModeRoutesScansAndPublishes()
    {
        std::unique_ptr<dtest::RedisClusterNodes> nodes;
        try {
            nodes = std::make_unique<dtest::RedisClusterNodes>();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        WorkspaceController workspace;
        RedisSpec spec;
        spec.clusterSeeds = addresses(nodes->seeds());
        RedisController *redis = addRedis(workspace, spec);
        QVERIFY2(startAndWait(*redis), qPrintable(redis->errorText()));
        QCOMPARE(redis->server(), QStringLiteral("cluster of 3 primaries"));
        RedisConsole console;
        console.setController(redis);
        RedisCommandPane &pane = *console.commands();
        for (int i = 0; i < 20; ++i)
            QVERIFY(runCommand(pane, QStringLiteral("SET key%1 %1").arg(i)));
        QVERIFY(runCommand(pane, QStringLiteral("GET key7")));
        QCOMPARE(cellOf(pane.replies(), 20, ReplyValue), QStringLiteral("7"));
        QVERIFY(runCommand(pane, QStringLiteral("MGET key1 key2")));
        QCOMPARE(cellOf(pane.replies(), 21, ReplyType), QStringLiteral("error"));
        QVERIFY(redis->lastProblem().isEmpty());

        RedisKeyBrowser &browser = *console.keyBrowser();
        QVERIFY(scanAll(browser));
        QVERIFY2(browser.scanError().isEmpty(), qPrintable(browser.scanError()));
        QCOMPARE(browser.keys().rowCount(), 20);
        browser.selectRow(browser.rowOf("key13"));
        QVERIFY(dtest::spin_until([&] { return !browser.valueView()->loading(); }));
        QCOMPARE(browser.valueView()->stringEditor()->toPlainText(), QStringLiteral("13"));

        RedisPubSubPane &pubSub = *console.pubSub();
        pubSub.channels()->setText(QStringLiteral("news"));
        QVERIFY(pubSub.subscribe());
        QVERIFY(dtest::spin_until([&] {
            return redis->subscriptions().size() == 1 && redis->subscriptions()[0].confirmed;
        }));
        pubSub.publishChannel()->setText(QStringLiteral("news"));
        pubSub.publishMessage()->setText(QStringLiteral("across the cluster"));
        QVERIFY(pubSub.publish());
        QVERIFY(dtest::spin_until([&] { return pubSub.messages().rowCount() == 1; }));
        QCOMPARE(pubSub.messages().text(0, RedisPubSubPane::Message),
                 QStringLiteral("across the cluster"));
        redis->stop();
    }

    void refusedConnectionIsAnErrorOnTheItem()
    {
        WorkspaceController workspace;
        RedisSpec spec;
        spec.port = dtest::free_port(); // nothing listens there
        RedisController *redis = addRedis(workspace, spec);
        RedisEditor editor(workspace);
        editor.setController(redis);
        RedisConsole console;
        console.setController(redis);
        redis->start();
        QVERIFY(dtest::spin_until([&] { return redis->state() == ItemState::Error; },
                                  std::chrono::seconds(20)));
        QVERIFY(!redis->connected());
        QVERIFY(!redis->starting());
        const QString error = redis->errorText();
        QVERIFY2(error.startsWith(QStringLiteral("cannot connect to 127.0.0.1:%1").arg(spec.port)),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(error));
        QCOMPARE(editor.shownError(), error);
        QVERIFY(redis->summary().contains(QLatin1String("cannot connect")));
        // The console says why a command gets no reply.
        QVERIFY(runCommand(*console.commands(), QStringLiteral("PING")));
        QCOMPARE(cellOf(console.commands()->replies(), 0, ReplyType), QStringLiteral("error"));
        QVERIFY(cellOf(console.commands()->replies(), 0, ReplyValue)
                    .contains(QLatin1String("not connected")));
    }
};

QTEST_MAIN(TestRedisItem)
#include "tst_app_redis.moc"
