// SPDX-License-Identifier: MIT
// Owns one workspace MongoDB item: a diesel::mongodb::MongoClient of its server. Start pings the
// server and reads its databases and their collections; the console's find, insert, update and
// delete each run in a Loop of their own and report back here, so the GUI never waits on a
// socket. After a write the tree is read again and the last find on that collection repeated.
#pragma once

#include "documenttable.h"
#include "mongospec.h"
#include "serveritemcontroller.h"

#include <diesel/mongodb/document.h>

#include <memory>
#include <optional>
#include <vector>

namespace diesel::mongodb {
class MongoClient;
}

namespace workbench {

/// A database and its collections, as the tree shows them.
struct MongoDatabaseEntry
{
    QString name;
    QStringList collections;

    friend bool operator==(const MongoDatabaseEntry &, const MongoDatabaseEntry &) = default;
};

/// A find as the console asks for it: the documents already parsed.
struct MongoQuery
{
    QString database;
    QString collection;
    diesel::mongodb::Document filter;
    std::optional<diesel::mongodb::Document> projection;
    std::optional<diesel::mongodb::Document> sort;
    int limit = 100; ///< 0: no limit
};

/// What the last find returned.
struct MongoFindResult
{
    QString database;
    QString collection;
    DocumentTable table;
    std::uint64_t serial = 0; ///< counts the finds that returned
};

class MongoController : public ServerItemController
{
    Q_OBJECT

public:
    explicit MongoController(MongoSpec spec, QObject *parent = nullptr);
    ~MongoController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autostart; }
    /// Makes the client (Error at once for a URI the driver refuses) and pings the server in a
    /// Loop: Running once it answers, then the tree is read; Error if it does not answer.
    bool start() override;
    /// Drops the client (its connections close) and cancels the calls under way.
    void stop() override;
    QJsonObject settings() const override { return mongoJson(m_spec); }

    const MongoSpec &spec() const noexcept { return m_spec; }
    /// New settings; a started item restarts with them.
    void setSpec(const MongoSpec &spec);

    /// The console's calls: each runs in a Loop (starting the item first if needed) and ends in
    /// a row of operations() and a changed().
    void refreshTree();
    void find(MongoQuery query);
    void insert(const QString &database, const QString &collection,
                std::vector<diesel::mongodb::Document> documents);
    void update(const QString &database, const QString &collection,
                diesel::mongodb::Document filter, diesel::mongodb::Document update, bool many);
    void remove(const QString &database, const QString &collection,
                diesel::mongodb::Document filter, bool many);

    const std::vector<MongoDatabaseEntry> &tree() const noexcept { return m_tree; }
    const MongoFindResult &found() const noexcept { return m_found; }

private:
    std::shared_ptr<diesel::mongodb::MongoClient> client();
    /// The client for a call on database.collection, or nullptr (with an error row) when a name
    /// is missing or the item cannot start.
    std::shared_ptr<diesel::mongodb::MongoClient>
    clientFor(const QString &operation, const QString &database, const QString &collection);
    /// After a write to database.collection: the tree again, and the last find if it was there.
    void afterWrite(const QString &database, const QString &collection);

    MongoSpec m_spec;
    std::shared_ptr<diesel::mongodb::MongoClient> m_client;
    std::vector<MongoDatabaseEntry> m_tree;
    MongoFindResult m_found;
    std::optional<MongoQuery> m_lastQuery;
};

} // namespace workbench
