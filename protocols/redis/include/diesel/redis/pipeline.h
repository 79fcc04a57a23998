// SPDX-License-Identifier: MIT
// Pipelines (many commands, one write, all replies) and the MULTI/EXEC transaction guard.
//
//     auto p = client.pipeline();
//     p.set("a", "1");
//     p.incr("n");
//     p.call({"GET", "a"});
//     std::vector<Reply> replies = p.execute(); // +OK, :1, "1"
//
//     client.watch({"balance"});
//     const long long balance = std::stoll(client.get("balance").value_or("0"));
//     diesel::redis::Transaction tx(client);
//     tx.set("balance", std::to_string(balance - 10));
//     tx.exec(); // throws RedisTransactionError if "balance" changed since watch()
#pragma once

#include <diesel/core/request_channel.h>
#include <diesel/redis/commands/families.h>
#include <diesel/redis/export.h>
#include <diesel/redis/reply.h>

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

class RedisClient;

/// Commands collected locally and sent in one write by execute(). Its typed methods only queue
/// (they return empty values and never suspend); execute() returns every reply in order.
class DIESEL_REDIS_EXPORT Pipeline : public detail::CommandFamilies
{
public:
    /// An empty pipeline for `client` (also: RedisClient::pipeline()). With transaction = true
    /// execute() wraps the commands in MULTI/EXEC.
    explicit Pipeline(RedisClient &client, bool transaction = false);
    /// Moves the queued commands.
    Pipeline(Pipeline &&) noexcept;
    Pipeline &operator=(Pipeline &&) noexcept;
    /// Drops queued commands: nothing is sent unless execute() was called.
    ~Pipeline() override;

    /// Queues one command given as words; returns an empty Reply.
    Reply call(std::initializer_list<std::string_view> words);
    /// Queues the command made of `words` (any range).
    Reply command(const Args &words);
    /// Number of queued commands.
    std::size_t size() const noexcept { return m_count; }
    /// True when nothing is queued.
    bool empty() const noexcept { return m_count == 0; }
    /// Sends every queued command in one write and suspends the calling Loop until all replies
    /// came; the pipeline is then empty and reusable. With raise_on_error, throws RedisError
    /// for the first error reply (after reading them all, so the connection stays usable);
    /// without it, error replies are returned as Reply::Type::Error. A transaction pipeline
    /// throws RedisTransactionError when a watched key changed.
    std::vector<Reply> execute(bool raise_on_error = true);
    /// Drops the queued commands.
    void reset() noexcept;

protected:
    /// Queues the command; returns a "QUEUED" status (typed methods turn it into empty values).
    Reply run_command(std::span<const std::string_view> args) override;

private:
    RedisClient *m_client;
    bool m_transaction;
    std::size_t m_count = 0;
    // The queued commands are its first m_used bytes; the rest is room for the next ones.
    std::string m_buffer;
    std::size_t m_used = 0;
};

/// MULTI on construction, EXEC by exec(), DISCARD on destruction unless exec() or discard() ran
/// (when the block throws). While it lives it holds the client for the calling Loop, so other
/// Loops sharing the client wait instead of having their commands queued into the transaction.
/// Its typed methods are the client's: the server queues them and they return empty values.
class DIESEL_REDIS_EXPORT Transaction : public detail::CommandFamilies
{
public:
    /// Sends MULTI: suspends the calling Loop until the reply (and while another Loop uses the
    /// client).
    explicit Transaction(RedisClient &client);
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    /// Discards the transaction if it is still open (never suspends: DISCARD is sent and its
    /// reply skipped later) and releases the client.
    ~Transaction() override;

    /// Queues one command given as words.
    Reply call(std::initializer_list<std::string_view> words);
    /// Queues the command made of `words`.
    Reply command(const Args &words);
    /// EXEC: suspends the calling Loop until the queued commands ran; returns their replies.
    /// Throws RedisTransactionError if a watched key changed (nothing ran), RedisError when the
    /// server refused a queued command (EXECABORT).
    std::vector<Reply> exec();
    /// DISCARD now (suspends until the reply).
    void discard();
    /// Whether neither exec() nor discard() ran yet.
    bool open() const noexcept { return m_open; }

protected:
    /// Sends the command inside MULTI: suspends the calling Loop until "QUEUED".
    Reply run_command(std::span<const std::string_view> args) override;

private:
    RedisClient *m_client;
    RequestChannel::Hold m_turn; // other Loops' commands wait instead of joining the transaction
    bool m_open = true;
};

} // namespace diesel::redis
