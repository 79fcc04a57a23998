// SPDX-License-Identifier: MIT
#include "client_io.h"
#include "client_state.h"
#include "format.h"

#include <diesel/core/error.h>
#include <diesel/redis/client.h>
#include <diesel/redis/error.h>
#include <diesel/redis/pipeline.h>

#include <array>

namespace diesel::redis {

RedisClient::RedisClient(const std::string &host, std::uint16_t port, int db, std::string password,
                         std::string username)
    : RedisClient(host, port, [&] {
        RedisOptions options;
        options.db = db;
        options.password = std::move(password);
        options.username = std::move(username);
        return options;
    }())
{}

RedisClient::RedisClient(const std::string &host, std::uint16_t port, RedisOptions options)
    : d(std::make_unique<detail::ClientState>())
{
    d->options = std::move(options);
    d->reader.set_limits(detail::limits_of(d->options));
    detail::open_channel(*d, host, port);
    d->channel->connect();
}

RedisClient RedisClient::from_sentinel(std::vector<RedisNode> sentinels, std::string master,
                                       RedisOptions options, SentinelRole role)
{
    auto source = std::make_unique<detail::SentinelSource>();
    source->sentinels = std::move(sentinels);
    source->master = std::move(master);
    source->role = role;
    source->options.connect_timeout = options.connect_timeout;
    source->options.tls = options.tls;
    source->options.command_timeout = options.command_timeout;
    const RedisNode server = detail::resolve(*source);
    RedisClient client(server.host, server.port, std::move(options));
    detail::watch_switches(*source);
    client.d->sentinel = std::move(source);
    return client;
}

void RedisClient::follow_sentinel()
{
    detail::SentinelSource &source = *d->sentinel;
    if (!source.stale && d->channel->is_connected())
        return;
    source.stale = false;
    const RedisNode server = detail::resolve(source);
    if (server.host == host() && server.port == port() && d->channel->is_connected())
        return;
    connect(server.host, server.port);
}

RedisClient::RedisClient(RedisClient &&) noexcept = default;
RedisClient &RedisClient::operator=(RedisClient &&) noexcept = default;
RedisClient::~RedisClient() = default;

void RedisClient::connect(const std::string &host, std::uint16_t port)
{
    d->channel->connect(host, port);
    d->name = "redis " + host + ":" + std::to_string(port); // the channel keeps its first name
}

void RedisClient::close() noexcept
{
    d->channel->close();
}

bool RedisClient::is_connected() const noexcept
{
    return d->channel->is_connected();
}

const std::string &RedisClient::host() const noexcept
{
    return d->channel->options().host;
}

std::uint16_t RedisClient::port() const noexcept
{
    return d->channel->options().port;
}

Connection &RedisClient::connection()
{
    return d->channel->endpoint().connection();
}

Endpoint &RedisClient::endpoint() noexcept
{
    return d->channel->endpoint();
}

RequestChannel::Ticket RedisClient::send_under_turn(const RequestChannel::Hold &turn,
                                                    std::string_view bytes, std::size_t commands,
                                                    std::span<const std::string_view> args)
{
    // A connection lost after MULTI must be noticed before a command that belongs to the
    // transaction goes out on a new one.
    if (d->in_multi)
        d->channel->connect();
    if (d->multi_lost)
        throw ConnectionClosed(d->name +
                               ": the connection was lost after MULTI; call discard() (or "
                               "exec()) before sending more commands");
    if (d->sentinel && !d->in_multi)
        follow_sentinel();
    return detail::send_commands(*d, turn, bytes, commands, args);
}

Reply RedisClient::run_command(std::span<const std::string_view> args)
{
    if (args.empty())
        throw Error("a Redis command needs at least its name");
    for (int attempt = 0;; ++attempt) {
        RequestChannel::Ticket ticket;
        {
            // The turn covers formatting into the shared buffer and the write, not the reply:
            // Loops sharing the client pipeline their commands.
            const RequestChannel::Hold turn = d->channel->hold();
            if (d->in_multi)
                d->channel->connect();
            if (d->multi_lost && settle_lost_multi(args))
                return Reply::status("OK");
            detail::format_into(*d, args);
            ticket = send_under_turn(turn, d->out, 1, args);
        }
        Reply reply = detail::read_reply(*d, ticket, args);
        ticket.finish();
        detail::track_state(*d, args, reply);
        if (!reply.is_error())
            return reply;
        if (d->sentinel && d->sentinel->role == SentinelRole::Primary &&
            reply.str().starts_with("READONLY ")) {
            // A demoted primary refused the command without running it: the next send asks
            // the Sentinels again. Outside a transaction it is sent once more at once.
            d->sentinel->stale = true;
            if (attempt == 0 && !d->in_multi)
                continue;
        }
        throw RedisError(reply.str());
    }
}

bool RedisClient::settle_lost_multi(std::span<const std::string_view> args)
{
    const std::string_view word = args.front();
    if (detail::is_word(word, "DISCARD")) {
        d->multi_lost = false;
        return true; // nothing left to discard
    }
    if (detail::is_word(word, "MULTI")) {
        d->multi_lost = false; // starting over
        return false;
    }
    if (detail::is_word(word, "EXEC")) {
        d->multi_lost = false;
        throw ConnectionClosed(d->name +
                               ": the connection was lost after MULTI; the transaction did "
                               "not run");
    }
    throw ConnectionClosed(d->name +
                           ": the connection was lost after MULTI; call discard() (or exec()) "
                           "before sending more commands");
}

Reply RedisClient::call(std::initializer_list<std::string_view> words)
{
    return run_command(std::span<const std::string_view>(words.begin(), words.size()));
}

Reply RedisClient::command(const Args &words)
{
    return run_command(words.items());
}

Pipeline RedisClient::pipeline(bool transaction)
{
    return Pipeline(*this, transaction);
}

Transaction RedisClient::transaction()
{
    return Transaction(*this);
}

void RedisClient::multi()
{
    call({"MULTI"});
}

std::vector<Reply> RedisClient::exec()
{
    Reply reply = call({"EXEC"});
    if (reply.is_nil())
        throw RedisTransactionError(
            "EXEC: a watched key changed since WATCH; the transaction did not run");
    return std::move(reply.elements());
}

void RedisClient::discard()
{
    call({"DISCARD"});
}

void RedisClient::watch(const Args &keys)
{
    detail::Command command("WATCH");
    command.add(keys);
    run_command(command.span());
}

void RedisClient::unwatch()
{
    call({"UNWATCH"});
}

const RedisOptions &RedisClient::options() const noexcept
{
    return d->options;
}

bool RedisClient::in_multi() const noexcept
{
    return d->in_multi;
}

} // namespace diesel::redis
