// SPDX-License-Identifier: MIT
// The base of the Riak suites: the suite's Riak peer, a fresh bucket name for each test, and a
// clean end to each test.
#pragma once

#include "riak_peer.h"

#include <diesel/riak/client.h>

#include <QObject>

#include <memory>
#include <string>

namespace dtest {

/// Derive a Riak suite from it and declare its tests as private slots. The peer starts in
/// initTestCase() and keeps its data across tests: use bucket() for names of your own.
class RiakSuite : public QObject
{
    Q_OBJECT

protected:
    /// A bucket name no earlier test of this suite used.
    std::string bucket() const;
    /// RiakOptions with a generous request timeout, so a broken test fails instead of hanging.
    static diesel::riak::RiakOptions options();

    std::unique_ptr<RiakPeer> m_peer;

protected Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

private:
    int m_test = 0;
};

} // namespace dtest
