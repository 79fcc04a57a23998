// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "riak_suite.h"

#include <QTest>

namespace dtest {

std::string RiakSuite::bucket() const
{
    return "test" + std::to_string(m_test) + "_" + QTest::currentTestFunction();
}

diesel::riak::RiakOptions RiakSuite::options()
{
    diesel::riak::RiakOptions out;
    out.request_timeout = diesel::Seconds(20);
    return out;
}

void RiakSuite::initTestCase()
{
    try {
        m_peer = std::make_unique<RiakPeer>(std::vector<std::string>{"--list-keys-batch", "100"});
    } catch (const std::exception &e) {
        QFAIL(e.what());
    }
}

void RiakSuite::cleanupTestCase()
{
    m_peer.reset();
}

void RiakSuite::init()
{
    ++m_test;
    if (!m_peer->running()) // a test may have killed it
        m_peer->restart();
}

void RiakSuite::cleanup()
{
    expect_clean();
}

} // namespace dtest
