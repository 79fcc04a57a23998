// SPDX-License-Identifier: MIT
// The base of the MongoDB suites: the suite's peer, a client of it, a fresh database for each
// test, and a clean end to each test.
#pragma once

#include "mongo_peer.h"

#include <diesel/mongodb/client.h>

#include <QObject>

#include <memory>
#include <string>
#include <vector>

namespace dtest {

/// Derive a MongoDB suite from it and declare its tests as private slots. The peer starts in
/// initTestCase() with peer_args(); each test gets database() to itself.
class MongoSuite : public QObject
{
    Q_OBJECT

protected:
    /// Extra peer arguments (--max-batch N).
    virtual std::vector<std::string> peer_args() const { return {}; }
    /// A database name no earlier test of this suite used.
    std::string database() const;
    /// A client of the peer with a generous request timeout, so a broken test fails, not hangs.
    diesel::mongodb::MongoClient client() const;
    /// MongoOptions with that timeout.
    static diesel::mongodb::MongoOptions options();

    std::unique_ptr<MongoPeer> m_peer;

protected Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

private:
    int m_test = 0;
};

} // namespace dtest
