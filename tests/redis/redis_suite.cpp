// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "redis_suite.h"

#include <QTest>

namespace dtest {

diesel::redis::RedisClient RedisSuite::client() const
{
    return diesel::redis::RedisClient(m_server->host(), m_server->port());
}

void RedisSuite::initTestCase()
{
    QVERIFY(start_redis(m_server));
}

void RedisSuite::cleanupTestCase()
{
    m_server.reset();
}

void RedisSuite::init()
{
    flush_redis(*m_server);
}

void RedisSuite::cleanup()
{
    expect_clean();
}

} // namespace dtest
