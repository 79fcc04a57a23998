// SPDX-License-Identifier: MIT
// What every command family builds on: one virtual hook that runs a command. RedisClient runs it
// on its connection, Pipeline queues it, Transaction sends it inside MULTI.
#pragma once

#include <diesel/redis/args.h>
#include <diesel/redis/export.h>
#include <diesel/redis/reply.h>
#include <diesel/redis/types.h>

#include <initializer_list>
#include <span>
#include <string_view>

namespace diesel::redis::detail {

/// Base of the command families (internal). Typed methods of a family turn their arguments into
/// the command's words, hand them to run_command() and convert the reply.
class DIESEL_REDIS_EXPORT CommandSink
{
public:
    CommandSink() = default;
    CommandSink(const CommandSink &) = default;
    CommandSink &operator=(const CommandSink &) = default;
    virtual ~CommandSink() = default;

protected:
    /// Runs (or queues) one command. A RedisClient suspends the calling Loop until the reply
    /// came and throws RedisError for an error reply; a Pipeline returns a "QUEUED" status.
    virtual Reply run_command(std::span<const std::string_view> args) = 0;
    Reply run(std::initializer_list<std::string_view> args)
    {
        return run_command(std::span<const std::string_view>(args.begin(), args.size()));
    }
};

} // namespace diesel::redis::detail
