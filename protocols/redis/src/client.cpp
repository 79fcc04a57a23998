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

using detail::ClientMutex;

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
    connect(host, port);
}

RedisClient::RedisClient(RedisClient &&) noexcept = default;
RedisClient &RedisClient::operator=(RedisClient &&) noexcept = default;
RedisClient::~RedisClient() = default;

void RedisClient::connect(const std::string &host, std::uint16_t port)
{
    ClientMutex::Guard guard(d->mutex, d->name);
    detail::drop_connection(*this, *d);
    d->host = host;
    d->port = port;
    d->name = "redis " + host + ":" + std::to_string(port);
    ClientOptions client_options;
    client_options.timeout = d->options.connect_timeout;
    client_options.tls = d->options.tls;
    client_options.label = d->options.label.empty() ? d->name : d->options.label;
    Client::connect(host, port, std::move(client_options));
    d->connected_once = true;
    handshake();
}

void RedisClient::handshake()
{
    // AUTH, SELECT and CLIENT SETNAME go in one write; the first refusal closes the connection.
    std::vector<std::vector<std::string_view>> commands;
    const RedisOptions &o = d->options;
    if (!o.password.empty()) {
        if (o.username.empty())
            commands.push_back({"AUTH", o.password});
        else
            commands.push_back({"AUTH", o.username, o.password});
    }
    const detail::Num db(o.db);
    if (o.db != 0)
        commands.push_back({"SELECT", db.view()});
    if (!o.client_name.empty())
        commands.push_back({"CLIENT", "SETNAME", o.client_name});
    if (commands.empty())
        return;
    d->out.clear();
    for (const auto &command : commands)
        detail::append_command(d->out, command);
    call([&] {
        const std::uint64_t first =
            detail::send_commands(*this, *d, d->out, static_cast<std::uint64_t>(commands.size()));
        for (std::size_t i = 0; i < commands.size(); ++i) {
            Reply reply = detail::read_reply(*this, *d, first + i, commands[i]);
            if (reply.is_error()) {
                const std::string what = detail::command_name(commands[i]);
                detail::drop_connection(*this, *d);
                throw RedisError(what + " refused by " + d->host + ":" + std::to_string(d->port) +
                                 ": " + reply.str());
            }
        }
    });
}

void RedisClient::notice_closed()
{
    if (!is_connected())
        return;
    // A connection the server closed while idle (restart, timeout, CLIENT KILL) is noticed
    // here, before a command is sent on it, so that it costs a reconnect and not an error.
    // Without pending input this is a flag test, not a system call.
    bool closed = false;
    try {
        if (std::optional<std::string> bytes = connection().try_receive_any())
            d->reader.feed(*bytes);
    } catch (const ConnectionClosed &) {
        closed = true;
    } catch (const RedisProtocolError &) {
        closed = true; // unsolicited garbage: this connection cannot be trusted
    }
    if (closed)
        detail::drop_connection(*this, *d);
}

void RedisClient::ensure_connected()
{
    notice_closed();
    if (d->multi_lost)
        throw ConnectionClosed(d->name +
                               ": the connection was lost after MULTI; call discard() (or "
                               "exec()) before sending more commands");
    if (is_connected())
        return;
    if (d->connected_once && !d->options.reconnect)
        throw ConnectionClosed(d->name + ": not connected (reconnecting is turned off)");
    connect(d->host, d->port);
}

Reply RedisClient::run_command(std::span<const std::string_view> args)
{
    if (args.empty())
        throw Error("a Redis command needs at least its name");
    ClientMutex::Guard guard(d->mutex, d->name);
    notice_closed();
    if (d->multi_lost && settle_lost_multi(args))
        return Reply::status("OK");
    ensure_connected();
    detail::format_into(*d, args);
    Reply reply = call([&] {
        const std::uint64_t index = detail::send_commands(*this, *d, d->out, 1);
        return detail::read_reply(*this, *d, index, args);
    });
    detail::track_state(*d, args, reply);
    if (reply.is_error())
        throw RedisError(reply.str());
    return reply;
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
