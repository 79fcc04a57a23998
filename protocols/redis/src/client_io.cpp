// SPDX-License-Identifier: MIT
#include "blocking.h"
#include "client_io.h"
#include "format.h"

#include <diesel/core/connection.h>
#include <diesel/core/detail/deadline.h>
#include <diesel/core/detail/seconds_text.h>
#include <diesel/core/error.h>
#include <diesel/redis/error.h>

#include <charconv>
#include <new>
#include <vector>

namespace diesel::redis::detail {

namespace {
std::string describe(std::span<const std::string_view> args)
{
    return args.empty() ? std::string("a pipeline") : command_name(args);
}

// The channel's request timeout is the command timeout; a blocking command adds its own.
RequestTime time_of(std::span<const std::string_view> args)
{
    const BlockingTime blocking = blocking_time(args);
    return RequestTime{blocking.extra, blocking.forever};
}

std::string timeout_text(const ClientState &state, std::span<const std::string_view> args)
{
    const std::optional<Seconds> &timeout = state.options.command_timeout;
    const Clock::duration base =
        timeout ? diesel::detail::duration_of(*timeout) : Clock::duration{};
    return diesel::detail::seconds_text(base + blocking_time(args).extra);
}

// AUTH, SELECT and CLIENT SETNAME in one write, on every new connection before anything else;
// the first refusal throws, and the channel drops the connection.
void handshake(ClientState &state)
{
    std::vector<std::vector<std::string_view>> commands;
    const RedisOptions &o = state.options;
    if (!o.password.empty()) {
        if (o.username.empty())
            commands.push_back({"AUTH", o.password});
        else
            commands.push_back({"AUTH", o.username, o.password});
    }
    const Num db(o.db);
    if (o.db != 0)
        commands.push_back({"SELECT", db.view()});
    if (!o.client_name.empty())
        commands.push_back({"CLIENT", "SETNAME", o.client_name});
    if (o.readonly)
        commands.push_back({"READONLY"});
    if (commands.empty())
        return;
    // Not state.out: the command that made the channel connect is formatted there.
    std::string bytes;
    for (const auto &command : commands)
        append_command(bytes, command);
    // on_connect runs under the turn of the Loop that connects: taking it again is re-entrant.
    RequestChannel::Ticket ticket;
    {
        const RequestChannel::Hold turn = state.channel->hold();
        ticket = send_commands(state, turn, bytes, commands.size(), {});
    }
    for (const auto &command : commands) {
        const Reply reply = read_reply(state, ticket, command);
        if (reply.is_error())
            throw RedisError(command_name(command) + " refused by " +
                             state.channel->options().host + ":" +
                             std::to_string(state.channel->options().port) + ": " + reply.str());
    }
    ticket.finish();
}
} // namespace

ReplyLimits limits_of(const RedisOptions &options) noexcept
{
    return ReplyLimits{options.max_array_count, options.max_bulk_length, options.max_reply_size};
}

void format_into(ClientState &state, std::span<const std::string_view> args)
{
    state.out.clear();
    append_command(state.out, args);
}

void open_channel(ClientState &state, const std::string &host, std::uint16_t port)
{
    state.name = "redis " + host + ":" + std::to_string(port);
    RequestChannelOptions options;
    options.host = host;
    options.port = port;
    options.name = state.name;
    options.client.timeout = state.options.connect_timeout;
    options.client.tls = state.options.tls;
    options.client.label = state.options.label.empty() ? state.name : state.options.label;
    options.request_timeout = state.options.command_timeout;
    options.reconnect = state.options.reconnect;
    options.on_connect = [&state](RequestChannel &) { handshake(state); };
    options.on_disconnect = [&state] {
        // A new connection starts a new stream; a transaction in progress died with this one.
        state.reader.reset();
        if (state.in_multi)
            state.multi_lost = true;
        state.in_multi = false;
    };
    state.channel.emplace(std::move(options),
                          [&state](Connection &conn) { state.reader.read(conn); });
}

RequestChannel::Ticket send_commands(ClientState &state, const RequestChannel::Hold &turn,
                                     std::string_view bytes, std::size_t commands,
                                     std::span<const std::string_view> args)
{
    try {
        return state.channel->send(turn, bytes, commands, time_of(args));
    } catch (const RequestTimeout &) {
        throw RedisTimeout(state.name + ": the server took no bytes within " +
                           timeout_text(state, args) +
                           " (RedisOptions::command_timeout); connection closed");
    }
}

Reply read_reply(ClientState &state, RequestChannel::Ticket &ticket,
                 std::span<const std::string_view> args)
{
    Reply reply;
    read_reply(state, ticket, args, reply);
    return reply;
}

void read_reply(ClientState &state, RequestChannel::Ticket &ticket,
                std::span<const std::string_view> args, Reply &into)
{
    Connection &conn = await_reply(state, ticket, args);
    try {
        state.reader.read(conn, into);
        ticket.replied();
    } catch (...) {
        reading_failed(state, ticket, args);
    }
}

Connection &await_reply(ClientState &state, RequestChannel::Ticket &ticket,
                        std::span<const std::string_view> args)
{
    try {
        return ticket.await(); // a connection lost before the reply throws as it is
    } catch (const RequestTimeout &) {
        throw RedisTimeout(state.name + ": no reply to " + describe(args) + " within " +
                           timeout_text(state, args) +
                           " (RedisOptions::command_timeout); connection closed");
    }
}

void reading_failed(ClientState &state, RequestChannel::Ticket &ticket,
                    std::span<const std::string_view> args)
{
    try {
        throw;
    } catch (const ConnectionTimeout &) {
        ticket.abort();
        throw RedisTimeout(state.name + ": no reply to " + describe(args) + " within " +
                           timeout_text(state, args) +
                           " (RedisOptions::command_timeout); connection closed");
    } catch (const ConnectionClosed &e) {
        ticket.abort();
        throw ConnectionClosed(state.name + ": connection lost while waiting for the reply to " +
                                   describe(args) + ": " + e.what(),
                               e.buffered());
    } catch (const RedisProtocolError &e) {
        // The stream cannot be resynchronised: start over on a new connection.
        ticket.abort();
        throw RedisProtocolError(state.name + ": " + e.what() + " (reply to " + describe(args) +
                                 "; connection closed)");
    } catch (const std::bad_alloc &) {
        ticket.abort();
        throw RedisProtocolError(state.name + ": out of memory reading the reply to " +
                                 describe(args) + " (connection closed)");
    } catch (...) {
        // Cancelled while waiting. A blocking command would keep the server from answering
        // anything else on this connection until it returns (forever, for a timeout of 0):
        // drop it. Any other reply is left for the next reader to discard.
        const BlockingTime blocking = blocking_time(args);
        if (blocking.forever || blocking.extra != Clock::duration{})
            ticket.abort();
        throw;
    }
}

void track_state(ClientState &state, std::span<const std::string_view> args, const Reply &reply)
{
    const std::string_view word = args.front();
    switch (word.size()) {
    case 4:
        if (is_word(word, "EXEC")) {
            state.in_multi = false;
        } else if (is_word(word, "AUTH") && !reply.is_error()) {
            if (args.size() == 2) {
                state.options.password.assign(args[1]);
                state.options.username.clear();
            } else if (args.size() == 3) {
                state.options.username.assign(args[1]);
                state.options.password.assign(args[2]);
            }
        }
        break;
    case 5:
        if (is_word(word, "MULTI") && !reply.is_error())
            state.in_multi = true;
        break;
    case 6:
        if (is_word(word, "SELECT") && !reply.is_error() && args.size() == 2) {
            int db = 0;
            const auto r = std::from_chars(args[1].data(), args[1].data() + args[1].size(), db);
            if (r.ec == std::errc())
                state.options.db = db;
        }
        break;
    case 7:
        if (is_word(word, "DISCARD"))
            state.in_multi = false;
        break;
    default:
        break;
    }
}

} // namespace diesel::redis::detail
