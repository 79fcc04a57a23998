// SPDX-License-Identifier: MIT
// The MongoDB item against the project's wire-protocol peer, driven through its console: the
// tree lists a database and collection once documents are inserted; find with a filter shows
// only the matches, projection, sort and limit take effect; update and delete change what find
// shows (a delete asks first); JSON that does not parse is an error at its editor and nothing is
// sent; a server that refuses the connection is an error on the item.
#include "dieseltest.h"
#include "jsonfield.h"
#include "jsonfields.h"
#include "mongo_suite.h"
#include "mongoconsole.h"
#include "mongocontroller.h"
#include "mongoeditor.h"
#include "mongotype.h"
#include "operationlog.h"
#include "workspacecontroller.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

using namespace workbench;

namespace {

QStringList headers(const QStandardItemModel &model)
{
    QStringList out;
    for (int c = 0; c < model.columnCount(); ++c)
        out << model.headerData(c, Qt::Horizontal).toString();
    return out;
}

// The texts of one column of the results, by its header.
QStringList column(const QStandardItemModel &model, const QString &header)
{
    const int c = headers(model).indexOf(header);
    QStringList out;
    for (int row = 0; c >= 0 && row < model.rowCount(); ++row)
        out << model.item(row, c)->text();
    return out;
}

// The tree's databases, each with its collections: "db: a, b".
QStringList treeOf(const QStandardItemModel &tree)
{
    QStringList out;
    for (int row = 0; row < tree.rowCount(); ++row) {
        const QStandardItem *db = tree.item(row);
        QStringList collections;
        for (int c = 0; c < db->rowCount(); ++c)
            collections << db->child(c)->text();
        out << db->text() + QStringLiteral(": ") + collections.join(QStringLiteral(", "));
    }
    return out;
}

} // namespace

class TestAppMongo : public dtest::MongoSuite
{
    Q_OBJECT

private:
    // A started item of the peer and its console, aimed at this test's database.
    struct Bench
    {
        WorkspaceController workspace;
        MongoController *server = nullptr;
        MongoConsole console;
    };
    std::unique_ptr<Bench> bench() const
    {
        auto b = std::make_unique<Bench>();
        MongoSpec spec;
        spec.uri = QString::fromStdString(m_peer->uri());
        b->server = addMongo(b->workspace, spec);
        b->console.setController(b->server);
        b->console.databaseField()->setText(QString::fromStdString(database()));
        b->console.collectionField()->setText(QStringLiteral("people"));
        return b;
    }
    // Waits until the newest log row is `operation`, done without error.
    static bool done(const MongoController &server, const QString &operation)
    {
        const OperationRow row = server.operations().last();
        return row.operation.startsWith(operation) && !row.error && server.pending() == 0;
    }
    void insertPeople(Bench &b) const
    {
        b.console.insertField()->setText(QStringLiteral(
            "[{\"name\": \"ada\", \"age\": 36, \"lang\": \"c\"},"
            " {\"name\": \"bob\", \"age\": 25, \"lang\": \"py\"},"
            " {\"name\": \"cy\", \"age\": 41, \"lang\": \"c\", \"tags\": [\"x\", \"y\"]}]"));
        QVERIFY(b.console.insert());
        QTRY_VERIFY_WITH_TIMEOUT(b.server->operations().rows().size() >= 1 &&
                                     done(*b.server, QStringLiteral("list databases")),
                                 20000);
        const bool inserted = std::any_of(
            b.server->operations().rows().begin(), b.server->operations().rows().end(),
            [](const OperationRow &r) { return r.outcome == QLatin1String("3 inserted"); });
        QVERIFY(inserted);
    }
    void find(Bench &b, const QString &filter, const QString &projection = {},
              const QString &sort = {}, int limit = 100) const
    {
        b.console.filterField()->setText(filter);
        b.console.projectionField()->setText(projection);
        b.console.sortField()->setText(sort);
        b.console.limitField()->setValue(limit);
        const std::uint64_t before = b.server->found().serial;
        QVERIFY(b.console.find());
        QTRY_VERIFY_WITH_TIMEOUT(b.server->found().serial > before && b.server->pending() == 0,
                                 20000);
        QVERIFY(!b.server->operations().last().error);
    }

private Q_SLOTS:
    void treeListsTheDatabaseAndCollectionAfterInserts()
    {
        auto b = bench();
        MongoEditor editor(b->workspace);
        editor.setController(b->server);
        QVERIFY(b->server->start());
        QTRY_COMPARE_WITH_TIMEOUT(toString(b->server->state()), toString(ItemState::Running),
                                  20000);
        const QString db = QString::fromStdString(database());
        QVERIFY(!treeOf(b->console.tree()).join(QLatin1Char(';')).contains(db));
        insertPeople(*b);
        QTRY_VERIFY_WITH_TIMEOUT(
            treeOf(b->console.tree()).contains(db + QStringLiteral(": people")), 20000);
        // A second collection joins it.
        b->console.collectionField()->setText(QStringLiteral("pets"));
        b->console.insertField()->setText(QStringLiteral("{\"name\": \"rex\"}"));
        QVERIFY(b->console.insert());
        QTRY_VERIFY_WITH_TIMEOUT(
            treeOf(b->console.tree()).contains(db + QStringLiteral(": people, pets")), 20000);
        QVERIFY(editor.errorText().isEmpty());
        QVERIFY(b->server->summary().contains(QLatin1String("databases")));
    }

    void findWithFilterProjectionSortAndLimit()
    {
        auto b = bench();
        insertPeople(*b); // starts the item too
        find(*b, QStringLiteral("{\"lang\": \"c\"}"));
        QCOMPARE(b->console.results().rowCount(), 2);
        QStringList names = column(b->console.results(), QStringLiteral("name"));
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("\"ada\""), QStringLiteral("\"cy\"")}));
        // Columns are the documents' top-level keys in order; values relaxed Extended JSON.
        QCOMPARE(headers(b->console.results()),
                 (QStringList{QStringLiteral("_id"), QStringLiteral("name"), QStringLiteral("age"),
                              QStringLiteral("lang"), QStringLiteral("tags")}));
        QVERIFY2(column(b->console.results(), QStringLiteral("_id"))
                     .first()
                     .startsWith(QLatin1String("{\"$oid\":\"")),
                 qPrintable(column(b->console.results(), QStringLiteral("_id")).first()));
        QVERIFY(column(b->console.results(), QStringLiteral("tags"))
                    .contains(QStringLiteral("[\"x\",\"y\"]")));
        QVERIFY(column(b->console.results(), QStringLiteral("age")).contains(QStringLiteral("36")));

        find(*b, QStringLiteral("{\"lang\": \"c\"}"), QStringLiteral("{\"name\": 1, \"_id\": 0}"));
        QCOMPARE(headers(b->console.results()), QStringList{QStringLiteral("name")});
        QCOMPARE(b->console.results().rowCount(), 2);

        find(*b, QString(), QStringLiteral("{\"name\": 1, \"_id\": 0}"),
             QStringLiteral("{\"age\": -1}"), 2);
        QCOMPARE(column(b->console.results(), QStringLiteral("name")),
                 (QStringList{QStringLiteral("\"cy\""), QStringLiteral("\"ada\"")}));
        find(*b, QString(), QStringLiteral("{\"name\": 1, \"_id\": 0}"),
             QStringLiteral("{\"age\": 1}"), 0);
        QCOMPARE(column(b->console.results(), QStringLiteral("name")),
                 (QStringList{QStringLiteral("\"bob\""), QStringLiteral("\"ada\""),
                              QStringLiteral("\"cy\"")}));
    }

    void updateAndDeleteChangeWhatFindShows()
    {
        auto b = bench();
        insertPeople(*b);
        find(*b, QString(), QStringLiteral("{\"name\": 1, \"age\": 1, \"_id\": 0}"),
             QStringLiteral("{\"name\": 1}"));
        QCOMPARE(column(b->console.results(), QStringLiteral("age")),
                 (QStringList{QStringLiteral("36"), QStringLiteral("25"), QStringLiteral("41")}));

        // The find is repeated after each write to its collection.
        std::uint64_t shown = b->server->found().serial;
        b->console.updateFilterField()->setText(QStringLiteral("{\"name\": \"bob\"}"));
        b->console.updateField()->setText(QStringLiteral("{\"$set\": {\"age\": 26}}"));
        QVERIFY(b->console.update());
        QTRY_VERIFY_WITH_TIMEOUT(b->server->found().serial > shown && b->server->pending() == 0,
                                 20000);
        QVERIFY(std::any_of(b->server->operations().rows().begin(),
                            b->server->operations().rows().end(), [](const OperationRow &r) {
                                return r.outcome == QLatin1String("matched 1, modified 1");
                            }));
        QCOMPARE(column(b->console.results(), QStringLiteral("age")),
                 (QStringList{QStringLiteral("36"), QStringLiteral("26"), QStringLiteral("41")}));

        // Every match: both "c" people a year older.
        shown = b->server->found().serial;
        b->console.updateFilterField()->setText(QStringLiteral("{\"lang\": \"c\"}"));
        b->console.updateField()->setText(QStringLiteral("{\"$inc\": {\"age\": 1}}"));
        b->console.updateManyBox()->setChecked(true);
        QVERIFY(b->console.update());
        QTRY_VERIFY_WITH_TIMEOUT(b->server->found().serial > shown && b->server->pending() == 0,
                                 20000);
        QCOMPARE(column(b->console.results(), QStringLiteral("age")),
                 (QStringList{QStringLiteral("37"), QStringLiteral("26"), QStringLiteral("42")}));

        // A delete asks first; "no" sends nothing.
        QStringList asked;
        bool answer = false;
        b->console.setConfirm([&](QWidget *, const QString &question) {
            asked << question;
            return answer;
        });
        b->console.deleteFilterField()->setText(QStringLiteral("{\"lang\": \"c\"}"));
        b->console.deleteManyBox()->setChecked(true);
        const auto rows = b->server->operations().rows().size();
        QVERIFY(!b->console.remove());
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked[0].contains(QLatin1String("every document")) &&
                     asked[0].contains(QLatin1String("people")),
                 qPrintable(asked[0]));
        QCOMPARE(b->server->operations().rows().size(), rows);
        answer = true;
        shown = b->server->found().serial;
        QVERIFY(b->console.remove());
        QTRY_VERIFY_WITH_TIMEOUT(b->server->found().serial > shown && b->server->pending() == 0,
                                 20000);
        QVERIFY(std::any_of(
            b->server->operations().rows().begin(), b->server->operations().rows().end(),
            [](const OperationRow &r) { return r.outcome == QLatin1String("2 deleted"); }));
        QCOMPARE(column(b->console.results(), QStringLiteral("name")),
                 QStringList{QStringLiteral("\"bob\"")});
    }

    void badJsonIsAnErrorAtTheEditor()
    {
        auto b = bench();
        insertPeople(*b);
        const auto rows = b->server->operations().rows().size();
        b->console.filterField()->setText(QStringLiteral("{\"name\": "));
        QVERIFY(!b->console.find());
        QVERIFY2(b->console.filterField()->errorText().startsWith(QLatin1String("filter: ")),
                 qPrintable(b->console.filterField()->errorText()));
        // Editing clears the error; a projection that is not an object is refused the same way.
        b->console.filterField()->setText(QStringLiteral("{}"));
        QVERIFY(b->console.filterField()->errorText().isEmpty());
        b->console.projectionField()->setText(QStringLiteral("[1, 2"));
        QVERIFY(!b->console.find());
        QVERIFY(
            b->console.projectionField()->errorText().startsWith(QLatin1String("projection: ")));

        b->console.insertField()->setText(QStringLiteral("[{\"ok\": 1}, 2]"));
        QVERIFY(!b->console.insert());
        QCOMPARE(b->console.insertField()->errorText(),
                 QStringLiteral("documents: element 2 of the array is not a document"));
        b->console.updateField()->setText(QStringLiteral("not json"));
        QVERIFY(!b->console.update());
        QVERIFY(b->console.updateField()->errorText().startsWith(QLatin1String("update: ")));

        // Nothing was sent, and the item is fine.
        QCOMPARE(b->server->operations().rows().size(), rows);
        QCOMPARE(toString(b->server->state()), toString(ItemState::Running));
    }

    void refusedConnectionIsAnErrorOnTheItem()
    {
        WorkspaceController workspace;
        MongoSpec spec;
        spec.uri = QStringLiteral("mongodb://127.0.0.1:%1/").arg(dtest::free_port());
        spec.requestTimeout = 5;
        MongoController *server = addMongo(workspace, spec);
        MongoEditor editor(workspace);
        editor.setController(server);
        editor.show();
        QVERIFY(server->start());
        QTRY_COMPARE_WITH_TIMEOUT(toString(server->state()), toString(ItemState::Error), 20000);
        QVERIFY(!server->errorText().isEmpty());
        QCOMPARE(editor.errorText(), server->errorText());
        QVERIFY(server->operations().last().error);
        server->stop();
        QCOMPARE(toString(server->state()), toString(ItemState::Stopped));
    }

    void settingsSaveAndLoad()
    {
        MongoSpec spec;
        spec.name = QStringLiteral("replica");
        spec.uri = QStringLiteral("mongodb://a:1,b:2/?replicaSet=rs0");
        spec.requestTimeout = 3;
        spec.autostart = true;
        QCOMPARE(readMongoSpec(mongoJson(spec), QStringLiteral("items[0]")), spec);
        QJsonObject bad = mongoJson(spec);
        bad.insert(QStringLiteral("uri"), QStringLiteral("http://example.com"));
        try {
            readMongoSpec(bad, QStringLiteral("items[0]"));
            QFAIL("an http:// URI was accepted");
        } catch (const Invalid &e) {
            QVERIFY2(e.message.startsWith(QLatin1String("items[0].uri: ")), qPrintable(e.message));
        }
    }
};

QTEST_MAIN(TestAppMongo)
#include "tst_app_mongodb.moc"
