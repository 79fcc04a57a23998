// SPDX-License-Identifier: MIT
// The guide's HollaClient, TCP and UDP: send a line, wait up to 5 s for the shouted reply.
// Shared by tcp_holla_client, udp_holla_client and holla_pool, as the guide imports it.
#pragma once

#include <diesel/diesel.h>

#include <string>
#include <variant>

namespace examples {

inline std::string strip(std::string s)
{
    const auto begin = s.find_first_not_of(" \t\r\n");
    const auto end = s.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? std::string() : s.substr(begin, end - begin + 1);
}

// class HollaClient(diesel.Client) with @diesel.call def holla(self, message)
class HollaClient : public diesel::Client
{
public:
    using diesel::Client::Client;

    std::string holla(const std::string &message)
    {
        return call([&] {
            diesel::send(message + "\r\n");
            auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::until_eol());
            return strip(r.index() == 0 ? std::string("nothing :-(") : std::get<1>(r));
        });
    }
};

// class HollaClient(diesel.UDPClient): the same with datagram=True.
class UdpHollaClient : public diesel::UDPClient
{
public:
    using diesel::UDPClient::UDPClient;

    std::string holla(const std::string &message)
    {
        return call([&] {
            diesel::send(message + "\r\n");
            auto r = diesel::first(diesel::cond::sleep(5.0), diesel::cond::datagram());
            return strip(r.index() == 0 ? std::string("nothing :-(") : std::get<1>(r));
        });
    }
};

} // namespace examples
