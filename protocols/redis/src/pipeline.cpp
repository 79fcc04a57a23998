// SPDX-License-Identifier: MIT
#include "client_io.h"
#include "client_state.h"
#include "format.h"

#include <diesel/redis/client.h>
#include <diesel/redis/error.h>
#include <diesel/redis/pipeline.h>

#include <array>

namespace diesel::redis {

Pipeline::Pipeline(RedisClient &client, bool transaction)
    : m_client(&client)
    , m_transaction(transaction)
{}

Pipeline::Pipeline(Pipeline &&) noexcept = default;
Pipeline &Pipeline::operator=(Pipeline &&) noexcept = default;
Pipeline::~Pipeline() = default;

Reply Pipeline::run_command(std::span<const std::string_view> args)
{
    if (args.empty())
        throw Error("a Redis command needs at least its name");
    m_used = detail::put_command(m_buffer, m_used, args);
    ++m_count;
    return Reply::status("QUEUED");
}

Reply Pipeline::call(std::initializer_list<std::string_view> words)
{
    return run_command(std::span<const std::string_view>(words.begin(), words.size()));
}

Reply Pipeline::command(const Args &words)
{
    return run_command(words.items());
}

void Pipeline::reset() noexcept
{
    m_used = 0; // m_buffer's bytes stay as room for the next commands
    m_count = 0;
}

std::vector<Reply> Pipeline::execute(bool raise_on_error)
{
    std::vector<Reply> replies;
    if (m_count == 0)
        return replies;
    RedisClient &client = *m_client;
    detail::ClientState &state = *client.d;
    std::string bytes;
    std::size_t used = m_used;
    if (m_transaction) {
        static constexpr std::array<std::string_view, 1> multi{"MULTI"};
        static constexpr std::array<std::string_view, 1> exec{"EXEC"};
        detail::append_command(bytes, multi);
        bytes.append(m_buffer, 0, m_used);
        detail::append_command(bytes, exec);
        used = bytes.size();
    } else {
        // Keep the pipeline's buffer (and its capacity) for the next batch.
        bytes.swap(m_buffer);
    }
    const std::size_t count = m_count + (m_transaction ? 2 : 0);
    reset();

    RequestChannel::Ticket ticket;
    {
        const RequestChannel::Hold turn = state.channel->hold();
        ticket = client.send_under_turn(turn, std::string_view(bytes.data(), used), count, {});
    }
    replies.resize(count); // each reply is built in its place
    detail::read_replies(state, ticket, count,
                         [&](std::size_t k) -> Reply & { return replies[k]; });
    ticket.finish();
    if (!m_transaction && m_count == 0)
        m_buffer.swap(bytes); // its room, unless a command was queued meanwhile

    if (m_transaction) {
        // MULTI's +OK, one +QUEUED (or a refusal) per command, then EXEC's reply.
        Reply exec = std::move(replies.back());
        if (replies.front().is_error())
            throw RedisError(replies.front().str());
        if (exec.is_nil())
            throw RedisTransactionError(
                "EXEC: a watched key changed since WATCH; the transaction did not run");
        if (exec.is_error()) {
            // EXECABORT: name the command the server refused.
            for (std::size_t i = 1; i + 1 < replies.size(); ++i)
                if (replies[i].is_error())
                    throw RedisError(exec.str() + " (command " + std::to_string(i) + ": " +
                                     replies[i].str() + ")");
            throw RedisError(exec.str());
        }
        replies = std::move(exec.elements());
    }
    if (raise_on_error)
        for (std::size_t i = 0; i < replies.size(); ++i)
            if (replies[i].is_error())
                throw RedisError(replies[i].str());
    return replies;
}

Transaction::Transaction(RedisClient &client)
    : m_client(&client)
    , m_turn(client.d->channel->hold())
{
    client.multi();
}

Transaction::~Transaction()
{
    detail::ClientState &state = *m_client->d;
    if (m_open && state.in_multi) {
        static constexpr std::string_view discard = "*1\r\n$7\r\nDISCARD\r\n";
        // A destructor must not suspend (it may run while the Loop unwinds a cancellation), so
        // DISCARD's ticket is dropped at once: the next reader discards its reply.
        if (!state.channel->try_send(discard))
            state.channel->close();
        state.in_multi = false;
    }
    state.multi_lost = false; // whatever happened, this transaction is over
}

Reply Transaction::run_command(std::span<const std::string_view> args)
{
    return m_client->run_command(args);
}

Reply Transaction::call(std::initializer_list<std::string_view> words)
{
    return run_command(std::span<const std::string_view>(words.begin(), words.size()));
}

Reply Transaction::command(const Args &words)
{
    return run_command(words.items());
}

std::vector<Reply> Transaction::exec()
{
    m_open = false;
    return m_client->exec();
}

void Transaction::discard()
{
    m_open = false;
    m_client->discard();
}

} // namespace diesel::redis
