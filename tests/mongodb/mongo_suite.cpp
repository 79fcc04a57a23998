// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "mongo_suite.h"

#include <QTest>

namespace dtest {

std::string MongoSuite::database() const
{
    return "test" + std::to_string(m_test) + "_" + QTest::currentTestFunction();
}

diesel::mongodb::MongoOptions MongoSuite::options()
{
    diesel::mongodb::MongoOptions out;
    out.request_timeout = diesel::Seconds(20);
    out.connect_timeout = diesel::Seconds(10);
    return out;
}

diesel::mongodb::MongoClient MongoSuite::client() const
{
    return diesel::mongodb::MongoClient(m_peer->host(), m_peer->port(), options());
}

void MongoSuite::initTestCase()
{
    try {
        m_peer = std::make_unique<MongoPeer>(peer_args());
    } catch (const std::exception &e) {
        QFAIL(e.what());
    }
}

void MongoSuite::cleanupTestCase()
{
    m_peer.reset();
}

void MongoSuite::init()
{
    ++m_test;
    if (!m_peer->running()) // a test may have killed it
        m_peer->restart();
}

void MongoSuite::cleanup()
{
    expect_clean();
}

} // namespace dtest
