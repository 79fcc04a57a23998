// SPDX-License-Identifier: MIT
// The Redis client in one include: RedisClient, Pipeline, Transaction, RedisCluster, RedisSubHub,
// RedisLock.
#pragma once

#include <diesel/redis/args.h>
#include <diesel/redis/client.h>
#include <diesel/redis/cluster.h>
#include <diesel/redis/error.h>
#include <diesel/redis/lock.h>
#include <diesel/redis/pipeline.h>
#include <diesel/redis/reply.h>
#include <diesel/redis/script.h>
#include <diesel/redis/sharded_subhub.h>
#include <diesel/redis/subhub.h>
#include <diesel/redis/types.h>
