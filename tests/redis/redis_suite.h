// SPDX-License-Identifier: MIT
// The base of the Redis suites: the suite's redis-server, a clean database for each test, and
// clients of that server.
#pragma once

#include "redis_server.h"

#include <diesel/redis/client.h>

#include <QObject>

#include <memory>

namespace dtest {

/// Derive a Redis suite from it and declare its tests as private slots. It starts the suite's
/// redis-server in initTestCase(), FLUSHALLs it before each test and checks that each test ended
/// clean. A suite that needs more before each test declares its own init() and calls this one.
class RedisSuite : public QObject
{
    Q_OBJECT

protected:
    /// A client of the suite's server; construct it inside a Loop.
    diesel::redis::RedisClient client() const;

    std::unique_ptr<RedisServer> m_server;

protected Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
};

} // namespace dtest
