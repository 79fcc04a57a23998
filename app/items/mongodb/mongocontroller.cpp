// SPDX-License-Identifier: MIT
#include "mongocontroller.h"

#include <diesel/mongodb/client.h>

namespace workbench {

namespace dm = diesel::mongodb;

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

QString where(const QString &database, const QString &collection)
{
    return database + QLatin1Char('.') + collection;
}

} // namespace

MongoController::MongoController(MongoSpec spec, QObject *parent)
    : ServerItemController(QStringLiteral("mongodb"), parent)
    , m_spec(std::move(spec))
{}

MongoController::~MongoController()
{
    stop();
}

QString MongoController::summary() const
{
    QString text = QStringLiteral("%1 \u2192 %2").arg(m_spec.name, m_spec.uri);
    if (!m_tree.empty())
        text += QStringLiteral(" \u00b7 %1 databases").arg(m_tree.size());
    return text;
}

std::shared_ptr<dm::MongoClient> MongoController::client()
{
    if (!m_client)
        start();
    return m_client;
}

bool MongoController::start()
{
    if (m_client)
        return true;
    dm::MongoOptions options;
    options.request_timeout = diesel::Seconds(m_spec.requestTimeout);
    options.connect_timeout = diesel::Seconds(m_spec.requestTimeout);
    options.label = s(trafficOwner());
    try {
        m_client =
            std::make_shared<dm::MongoClient>(dm::MongoClient::from_uri(s(m_spec.uri), options));
    } catch (const diesel::Error &e) {
        const QString error = QString::fromUtf8(e.what());
        setState(ItemState::Error, error);
        failed(QStringLiteral("connect %1").arg(m_spec.uri), error);
        Q_EMIT logLine(QStringLiteral("mongodb %1: %2").arg(m_spec.name, error));
        return false;
    }
    checkServer(
        QStringLiteral("ping %1").arg(m_spec.uri),
        [c = m_client] {
            c->command("admin", {{"ping", 1}});
        },
        [this] { refreshTree(); });
    return true;
}

void MongoController::stop()
{
    if (!m_client)
        return;
    m_client.reset();
    stopped();
}

void MongoController::setSpec(const MongoSpec &spec)
{
    if (spec == m_spec)
        return;
    takeSettings({.restart = m_client != nullptr}, [&] { m_spec = spec; });
}

std::shared_ptr<dm::MongoClient> MongoController::clientFor(const QString &operation,
                                                            const QString &database,
                                                            const QString &collection)
{
    if (database.isEmpty() || collection.isEmpty()) {
        failed(operation, QStringLiteral("a database and a collection are needed"));
        return nullptr;
    }
    auto c = client();
    if (!c)
        failed(operation, errorText()); // a connection string the driver refused
    return c;
}

void MongoController::refreshTree()
{
    const QString operation = QStringLiteral("list databases and collections");
    const auto c = client();
    if (!c)
        return failed(operation, errorText());
    call(operation, [c, this, operation]() -> LoopJobs::Done {
        std::vector<MongoDatabaseEntry> tree;
        for (const std::string &db : c->database_names()) {
            MongoDatabaseEntry entry{QString::fromStdString(db), {}};
            for (const std::string &collection : (*c)[db].collection_names())
                entry.collections << QString::fromStdString(collection);
            entry.collections.sort();
            tree.push_back(std::move(entry));
        }
        return [this, operation, tree = std::move(tree)]() mutable {
            m_tree = std::move(tree);
            succeeded(operation, QStringLiteral("%1 databases").arg(m_tree.size()));
        };
    });
}

void MongoController::find(MongoQuery query)
{
    const QString operation =
        QStringLiteral("find in %1").arg(where(query.database, query.collection));
    const auto c = clientFor(operation, query.database, query.collection);
    if (!c)
        return;
    m_lastQuery = query;
    call(operation, [c, this, query = std::move(query), operation]() -> LoopJobs::Done {
        dm::FindOptions options;
        options.projection = query.projection;
        options.sort = query.sort;
        options.limit = query.limit;
        DocumentTable table = tabulate(
            (*c)[s(query.database)][s(query.collection)].find(query.filter, options).all());
        return [this, operation, db = query.database, collection = query.collection,
                table = std::move(table)]() mutable {
            const qsizetype rows = qsizetype(table.rows.size());
            m_found = {db, collection, std::move(table), m_found.serial + 1};
            succeeded(operation, QStringLiteral("%1 documents").arg(rows));
        };
    });
}

void MongoController::insert(const QString &database, const QString &collection,
                             std::vector<dm::Document> documents)
{
    const QString operation = QStringLiteral("insert into %1").arg(where(database, collection));
    if (documents.empty())
        return failed(operation, QStringLiteral("nothing to insert"));
    const auto c = clientFor(operation, database, collection);
    if (!c)
        return;
    call(operation,
         [c, this, database, collection, documents = std::move(documents),
          operation]() -> LoopJobs::Done {
             const std::size_t n = (*c)[s(database)][s(collection)].insert(documents).size();
             return [this, operation, database, collection, n] {
                 succeeded(operation, QStringLiteral("%1 inserted").arg(n));
                 afterWrite(database, collection);
             };
         });
}

void MongoController::update(const QString &database, const QString &collection,
                             dm::Document filter, dm::Document update, bool many)
{
    const QString operation = QStringLiteral("update %1 in %2")
                                  .arg(many ? QStringLiteral("many") : QStringLiteral("one"),
                                       where(database, collection));
    const auto c = clientFor(operation, database, collection);
    if (!c)
        return;
    call(operation,
         [c, this, database, collection, filter = std::move(filter), change = std::move(update),
          many, operation]() -> LoopJobs::Done {
             dm::Collection coll = (*c)[s(database)][s(collection)];
             const dm::UpdateResult r =
                 many ? coll.update_many(filter, change) : coll.update_one(filter, change);
             return [this, operation, database, collection, r] {
                 succeeded(
                     operation,
                     QStringLiteral("matched %1, modified %2").arg(r.matched).arg(r.modified));
                 afterWrite(database, collection);
             };
         });
}

void MongoController::remove(const QString &database, const QString &collection,
                             dm::Document filter, bool many)
{
    const QString operation = QStringLiteral("delete %1 in %2")
                                  .arg(many ? QStringLiteral("many") : QStringLiteral("one"),
                                       where(database, collection));
    const auto c = clientFor(operation, database, collection);
    if (!c)
        return;
    call(operation,
         [c, this, database, collection, filter = std::move(filter), many,
          operation]() -> LoopJobs::Done {
             dm::Collection coll = (*c)[s(database)][s(collection)];
             const std::int64_t n = many ? coll.delete_many(filter) : coll.delete_one(filter);
             return [this, operation, database, collection, n] {
                 succeeded(operation, QStringLiteral("%1 deleted").arg(n));
                 afterWrite(database, collection);
             };
         });
}

void MongoController::afterWrite(const QString &database, const QString &collection)
{
    refreshTree();
    if (m_lastQuery && m_lastQuery->database == database && m_lastQuery->collection == collection)
        find(*m_lastQuery);
}

} // namespace workbench
