// SPDX-License-Identifier: MIT
// Every command family in one base, so that RedisClient, Pipeline and Transaction list them once
// and a new family reaches all three.
#pragma once

#include <diesel/redis/commands/hashes.h>
#include <diesel/redis/commands/hll_bits.h>
#include <diesel/redis/commands/keys.h>
#include <diesel/redis/commands/lists.h>
#include <diesel/redis/commands/scripting.h>
#include <diesel/redis/commands/server.h>
#include <diesel/redis/commands/sets.h>
#include <diesel/redis/commands/streams.h>
#include <diesel/redis/commands/strings.h>
#include <diesel/redis/commands/zsets.h>
#include <diesel/redis/export.h>

namespace diesel::redis::detail {

// The typed methods of every family (internal). Each family has its own CommandSink; the one
// run_command() override of a class deriving from this serves them all.
class DIESEL_REDIS_EXPORT CommandFamilies : public StringCommands,
                                            public KeyCommands,
                                            public ListCommands,
                                            public SetCommands,
                                            public SortedSetCommands,
                                            public HashCommands,
                                            public HyperLogLogCommands,
                                            public BitmapCommands,
                                            public StreamCommands,
                                            public ScriptingCommands,
                                            public ServerCommands
{};

} // namespace diesel::redis::detail
