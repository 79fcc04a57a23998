// SPDX-License-Identifier: MIT
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/server.h>

namespace diesel::redis {

using namespace detail;

void ServerCommands::auth(std::string_view password, std::string_view username)
{
    if (username.empty())
        to_ok(run({"AUTH", password}));
    else
        to_ok(run({"AUTH", username, password}));
}

void ServerCommands::bgsave()
{
    to_ok(run({"BGSAVE"}));
}

std::optional<std::string> ServerCommands::client_getname()
{
    return to_opt_string(run({"CLIENT", "GETNAME"}));
}

long long ServerCommands::client_id()
{
    return to_int(run({"CLIENT", "ID"}));
}

std::string ServerCommands::client_list()
{
    return to_string(run({"CLIENT", "LIST"}));
}

void ServerCommands::client_setname(std::string_view name)
{
    to_ok(run({"CLIENT", "SETNAME", name}));
}

std::unordered_map<std::string, std::string> ServerCommands::config_get(std::string_view pattern)
{
    return to_map(run({"CONFIG", "GET", pattern}));
}

void ServerCommands::config_resetstat()
{
    to_ok(run({"CONFIG", "RESETSTAT"}));
}

void ServerCommands::config_set(std::string_view parameter, std::string_view value)
{
    to_ok(run({"CONFIG", "SET", parameter, value}));
}

long long ServerCommands::dbsize()
{
    return to_int(run({"DBSIZE"}));
}

std::string ServerCommands::echo(std::string_view message)
{
    return to_string(run({"ECHO", message}));
}

void ServerCommands::flushall(bool async)
{
    to_ok(async ? run({"FLUSHALL", "ASYNC"}) : run({"FLUSHALL"}));
}

void ServerCommands::flushdb(bool async)
{
    to_ok(async ? run({"FLUSHDB", "ASYNC"}) : run({"FLUSHDB"}));
}

std::unordered_map<std::string, std::string> ServerCommands::info(std::string_view section)
{
    const std::string text = info_text(section);
    std::unordered_map<std::string, std::string> fields;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const std::size_t colon = line.find(':');
        if (!line.empty() && line.front() != '#' && colon != std::string_view::npos)
            fields.insert_or_assign(std::string(line.substr(0, colon)),
                                    std::string(line.substr(colon + 1)));
        pos = end + 1;
    }
    return fields;
}

std::string ServerCommands::info_text(std::string_view section)
{
    return to_string(section.empty() ? run({"INFO"}) : run({"INFO", section}));
}

long long ServerCommands::lastsave()
{
    return to_int(run({"LASTSAVE"}));
}

std::optional<long long> ServerCommands::memory_usage(std::string_view key)
{
    return to_opt_int(run({"MEMORY", "USAGE", key}));
}

std::string ServerCommands::ping(std::string_view message)
{
    return to_string(message.empty() ? run({"PING"}) : run({"PING", message}));
}

long long ServerCommands::publish(std::string_view channel, std::string_view message)
{
    return to_int(run({"PUBLISH", channel, message}));
}

std::vector<std::string> ServerCommands::pubsub_channels(std::string_view pattern)
{
    return to_strings(pattern.empty() ? run({"PUBSUB", "CHANNELS"})
                                      : run({"PUBSUB", "CHANNELS", pattern}));
}

long long ServerCommands::pubsub_numpat()
{
    return to_int(run({"PUBSUB", "NUMPAT"}));
}

std::vector<std::pair<std::string, long long>> ServerCommands::pubsub_numsub(const Args &channels)
{
    Command c("PUBSUB");
    c.add("NUMSUB").add(channels);
    Reply reply = run_command(c.span());
    std::vector<std::pair<std::string, long long>> out;
    if (reply.is_queued())
        return out;
    const auto &e = reply.elements();
    for (std::size_t i = 0; i + 1 < e.size(); i += 2)
        out.emplace_back(e[i].as_string(), e[i + 1].as_int());
    return out;
}

void ServerCommands::select(int db)
{
    to_ok(run({"SELECT", Num(db)}));
}

void ServerCommands::swapdb(int db1, int db2)
{
    to_ok(run({"SWAPDB", Num(db1), Num(db2)}));
}

std::chrono::system_clock::time_point ServerCommands::time()
{
    Reply reply = run({"TIME"});
    if (reply.is_queued())
        return {};
    const auto seconds = std::chrono::seconds(reply[0].as_int());
    const auto micros = std::chrono::microseconds(reply[1].as_int());
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(seconds + micros));
}

} // namespace diesel::redis
