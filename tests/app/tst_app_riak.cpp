// SPDX-License-Identifier: MIT
// The Riak item against the project's Riak PBC peer, driven through its console: a put then a
// get shows the value; siblings written by other clients show side by side with their vclock and
// are resolved by keeping one, after which a get shows one value; list keys and delete; a node
// that refuses the connection is an error on the item.
#include "dieseltest.h"
#include "operationlog.h"
#include "riak_suite.h"
#include "riakconsole.h"
#include "riakcontroller.h"
#include "riakeditor.h"
#include "riaktype.h"
#include "workspacecontroller.h"

#include <diesel/riak/client.h>

#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTableView>
#include <QTest>

#include <algorithm>

using namespace workbench;

namespace {

QStringList column(const QStandardItemModel &model, int column)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.item(row, column)->text();
    return out;
}

void click(const QWidget &console, const char *name)
{
    auto *button = console.findChild<QPushButton *>(QLatin1String(name));
    QVERIFY2(button, name);
    button->click();
}

} // namespace

class TestAppRiak : public dtest::RiakSuite
{
    Q_OBJECT

private:
    RiakController *addNode(WorkspaceController &workspace) const
    {
        RiakSpec spec;
        spec.port = m_peer->port();
        return addRiak(workspace, spec);
    }
    diesel::riak::RiakClient client() const
    {
        return diesel::riak::RiakClient(m_peer->host(), m_peer->port(), options());
    }
    static bool lastOk(const RiakController &node, const QString &operation)
    {
        const OperationRow row = node.operations().last();
        return row.operation == operation && !row.error;
    }

private Q_SLOTS:
    void putThenGetShowsTheValue()
    {
        const QString b = QString::fromStdString(bucket());
        WorkspaceController workspace;
        RiakController *node = addNode(workspace);
        RiakEditor editor(workspace);
        editor.setController(node);
        RiakConsole console;
        console.setController(node);
        QVERIFY(node->start());
        QTRY_COMPARE_WITH_TIMEOUT(toString(node->state()), toString(ItemState::Running), 20000);

        console.bucketField()->setText(b);
        console.keyField()->setText(QStringLiteral("greeting"));
        console.valueField()->setPlainText(QStringLiteral("{\"hello\": \"riak\"}"));
        console.contentTypeField()->setText(QStringLiteral("application/json"));
        click(console, "riakPut");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*node, QStringLiteral("put %1/greeting").arg(b)), 20000);
        console.valueField()->clear();
        console.contentTypeField()->clear();
        click(console, "riakGet");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*node, QStringLiteral("get %1/greeting").arg(b)), 20000);
        QCOMPARE(console.siblings().rowCount(), 1);
        QCOMPARE(console.siblings().item(0, 1)->text(), QStringLiteral("{\"hello\": \"riak\"}"));
        QCOMPARE(console.siblings().item(0, 2)->text(), QStringLiteral("application/json"));
        QVERIFY(!console.siblings().item(0, 3)->text().isEmpty()); // last modified
        // The value is back in the editor, ready to change and put again.
        QCOMPARE(console.valueField()->toPlainText(), QStringLiteral("{\"hello\": \"riak\"}"));
        QVERIFY2(console.vclockText().contains(QLatin1String("vclock")),
                 qPrintable(console.vclockText()));
        QVERIFY(editor.errorText().isEmpty());

        // A key that is not there says so.
        console.keyField()->setText(QStringLiteral("absent"));
        click(console, "riakGet");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*node, QStringLiteral("get %1/absent").arg(b)), 20000);
        QCOMPARE(node->operations().last().outcome, QStringLiteral("not found"));
        QCOMPARE(console.siblings().rowCount(), 0);
    }

    // Two writers that read the same version write without seeing each other: with allow_mult
    // the node keeps both. The console shows them side by side; keeping one puts it with the
    // vclock of the get, which replaces both.
    void siblingsShownSideBySideAndResolvedByKeepingOne()
    {
        const std::string b = bucket();
        QVERIFY(dtest::run_in_loop([&] {
            auto c = client();
            c.set_bucket_props(b, {.allow_mult = true});
            c.put(b, "k", "first");
            const std::string stale = c.get(b, "k").vclock;
            c.put(b, "k", {.value = "from alice", .content_type = "text/plain"}, {.vclock = stale});
            c.put(b, "k", {.value = "{\"from\": \"bob\"}", .content_type = "application/json"},
                  {.vclock = stale});
        }));

        WorkspaceController workspace;
        RiakController *node = addNode(workspace);
        RiakConsole console;
        console.setController(node);
        console.show();
        console.bucketField()->setText(QString::fromStdString(b));
        console.keyField()->setText(QStringLiteral("k"));
        click(console, "riakGet"); // starts the item too
        QTRY_COMPARE_WITH_TIMEOUT(console.siblings().rowCount(), 2, 20000);
        QStringList values = column(console.siblings(), 1);
        values.sort();
        QCOMPARE(values, (QStringList{QStringLiteral("from alice"),
                                      QStringLiteral("{\"from\": \"bob\"}")}));
        const int bob =
            column(console.siblings(), 1).indexOf(QStringLiteral("{\"from\": \"bob\"}"));
        QCOMPARE(console.siblings().item(bob, 2)->text(), QStringLiteral("application/json"));
        QCOMPARE(console.siblings().item(1 - bob, 2)->text(), QStringLiteral("text/plain"));
        QVERIFY(!console.siblings().item(0, 3)->text().isEmpty());
        QVERIFY(!console.siblings().item(1, 3)->text().isEmpty());
        QVERIFY2(console.vclockText().contains(QLatin1String("2 siblings")) &&
                     console.vclockText().contains(QLatin1String("vclock ")),
                 qPrintable(console.vclockText()));
        QCOMPARE(toString(node->state()), toString(ItemState::Running));

        auto *keep = console.findChild<QPushButton *>(QStringLiteral("riakKeep"));
        QVERIFY(keep->isVisible());
        QVERIFY(!keep->isEnabled()); // nothing picked yet
        console.siblingsTable()->selectRow(bob);
        QVERIFY(keep->isEnabled());
        keep->click();
        QTRY_COMPARE_WITH_TIMEOUT(console.siblings().rowCount(), 1, 20000);
        QCOMPARE(console.siblings().item(0, 1)->text(), QStringLiteral("{\"from\": \"bob\"}"));
        QCOMPARE(console.siblings().item(0, 2)->text(), QStringLiteral("application/json"));
        QVERIFY(!keep->isVisible());

        // Another client sees one value too, and so does the console's next get.
        QVERIFY(dtest::run_in_loop([&] {
            auto c = client();
            const diesel::riak::Object o = c.get(b, "k");
            QCOMPARE(o.siblings.size(), std::size_t(1));
            QCOMPARE(o.siblings[0].value, std::string("{\"from\": \"bob\"}"));
        }));
        const auto gets = node->operations().rows().size();
        click(console, "riakGet");
        QTRY_VERIFY_WITH_TIMEOUT(node->operations().rows().size() > gets, 20000);
        QCOMPARE(node->operations().last().outcome, QStringLiteral("found, 15 bytes"));
        QCOMPARE(console.siblings().rowCount(), 1);
    }

    // Siblings made in the workbench alone: allow_mult set from the console, then two items (two
    // people) that read the same version each put their own value.
    void allowMultFromTheConsoleAndTwoItemsMakeSiblings()
    {
        const QString b = QString::fromStdString(bucket());
        WorkspaceController workspace;
        RiakController *alice = addNode(workspace);
        RiakController *bob = addNode(workspace);
        RiakConsole aliceConsole;
        aliceConsole.setController(alice);
        RiakConsole bobConsole;
        bobConsole.setController(bob);
        for (RiakConsole *console : {&aliceConsole, &bobConsole}) {
            console->bucketField()->setText(b);
            console->keyField()->setText(QStringLiteral("doc"));
        }
        Q_EMIT aliceConsole.bucketField()->editingFinished();
        QTRY_VERIFY_WITH_TIMEOUT(alice->allowMult(b).has_value(), 20000);
        QCOMPARE(*alice->allowMult(b), false); // the default
        QVERIFY(!aliceConsole.allowMultBox()->isChecked());
        aliceConsole.allowMultBox()->click();
        QTRY_COMPARE_WITH_TIMEOUT(alice->allowMult(b), std::optional<bool>(true), 20000);
        QVERIFY(aliceConsole.allowMultBox()->isChecked());

        aliceConsole.valueField()->setPlainText(QStringLiteral("v1"));
        click(aliceConsole, "riakPut");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*alice, QStringLiteral("put %1/doc").arg(b)), 20000);
        click(bobConsole, "riakGet");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*bob, QStringLiteral("get %1/doc").arg(b)), 20000);
        QCOMPARE(bobConsole.valueField()->toPlainText(), QStringLiteral("v1"));
        // Both now hold v1's vclock: alice writes first, bob without having seen it.
        aliceConsole.valueField()->setPlainText(QStringLiteral("alice's"));
        click(aliceConsole, "riakPut");
        QTRY_VERIFY_WITH_TIMEOUT(
            alice->operations().last().outcome == QLatin1String("stored 7 bytes"), 20000);
        bobConsole.valueField()->setPlainText(QStringLiteral("bob's"));
        click(bobConsole, "riakPut");
        QTRY_VERIFY_WITH_TIMEOUT(
            bob->operations().last().outcome == QLatin1String("stored 5 bytes"), 20000);
        click(aliceConsole, "riakGet");
        QTRY_COMPARE_WITH_TIMEOUT(aliceConsole.siblings().rowCount(), 2, 20000);
        QStringList values = column(aliceConsole.siblings(), 1);
        values.sort();
        QCOMPARE(values, (QStringList{QStringLiteral("alice's"), QStringLiteral("bob's")}));
        // Without allow_mult the last write would have replaced the first.
        QVERIFY(!alice->operations().last().error);
    }

    void listKeysThenDelete()
    {
        const QString b = QString::fromStdString(bucket());
        QVERIFY(dtest::run_in_loop([&] {
            auto c = client();
            for (const char *key : {"one", "two", "three"})
                c.put(b.toStdString(), key, std::string("value of ") + key);
        }));
        WorkspaceController workspace;
        RiakController *node = addNode(workspace);
        RiakConsole console;
        console.setController(node);
        console.bucketField()->setText(b);
        click(console, "riakListKeys");
        QTRY_COMPARE_WITH_TIMEOUT(
            console.keys().stringList(),
            (QStringList{QStringLiteral("one"), QStringLiteral("three"), QStringLiteral("two")}),
            20000);
        QVERIFY(node->summary().contains(QLatin1String("3 keys")));

        console.keyField()->setText(QStringLiteral("two"));
        click(console, "riakDelete");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*node, QStringLiteral("delete %1/two").arg(b)), 20000);
        QCOMPARE(console.keys().stringList(),
                 (QStringList{QStringLiteral("one"), QStringLiteral("three")}));
        click(console, "riakGet");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*node, QStringLiteral("get %1/two").arg(b)), 20000);
        QCOMPARE(node->operations().last().outcome, QStringLiteral("not found"));
        // The node agrees: a fresh listing has two keys.
        click(console, "riakListKeys");
        QTRY_VERIFY_WITH_TIMEOUT(lastOk(*node, QStringLiteral("list keys of %1").arg(b)), 20000);
        QCOMPARE(console.keys().stringList(),
                 (QStringList{QStringLiteral("one"), QStringLiteral("three")}));
        // A call without a key is refused in the log, not sent.
        console.keyField()->clear();
        click(console, "riakGet");
        QVERIFY(node->operations().last().error);
        QCOMPARE(node->operations().last().outcome,
                 QStringLiteral("a bucket and a key are needed"));
        QCOMPARE(console.operations()
                     ->model()
                     .item(console.operations()->model().rowCount() - 1, 2)
                     ->text(),
                 QStringLiteral("a bucket and a key are needed"));
    }

    void refusedConnectionIsAnErrorOnTheItem()
    {
        WorkspaceController workspace;
        RiakSpec spec;
        spec.port = dtest::free_port();
        spec.requestTimeout = 5;
        RiakController *node = addRiak(workspace, spec);
        RiakEditor editor(workspace);
        editor.setController(node);
        editor.show();
        RiakConsole console;
        console.setController(node);
        QVERIFY(node->start());
        QTRY_COMPARE_WITH_TIMEOUT(toString(node->state()), toString(ItemState::Error), 20000);
        QVERIFY(!node->errorText().isEmpty());
        QCOMPARE(editor.errorText(), node->errorText());
        QVERIFY(node->operations().last().error);
        // A call fails the same way, as an error row; the GUI carries on.
        console.keyField()->setText(QStringLiteral("k"));
        const auto rows = node->operations().rows().size();
        click(console, "riakGet");
        QTRY_VERIFY_WITH_TIMEOUT(node->operations().rows().size() > rows, 20000);
        QVERIFY(node->operations().last().error);
        QCOMPARE(toString(node->state()), toString(ItemState::Error));
        node->stop();
        QCOMPARE(toString(node->state()), toString(ItemState::Stopped));
    }

    void settingsSaveAndLoad()
    {
        RiakSpec spec;
        spec.name = QStringLiteral("cluster");
        spec.host = QStringLiteral("10.0.0.5");
        spec.port = 18087;
        spec.requestTimeout = 2.5;
        spec.autostart = true;
        QCOMPARE(readRiakSpec(riakJson(spec), QStringLiteral("items[0]")), spec);
    }
};

QTEST_MAIN(TestAppRiak)
#include "tst_app_riak.moc"
