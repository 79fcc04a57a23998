// SPDX-License-Identifier: MIT
// The guide's udp_holla_client.py: like the TCP one, over datagrams ("nothing :-(" after 5 s).
//
//   udp_holla_client [host] [port]     (default localhost 1234; run udp_holla_server first)
#include "../common/holla_client.h"
#include "../common/stdin_lines.h"

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 1234);
    diesel::quickstart([&] {
        try {
            examples::UdpHollaClient client(host, port);
            while (auto msg = examples::read_line("message> "))
                std::cout << "reply> " << client.holla(*msg) << std::endl;
        } catch (const diesel::Error &e) {
            std::cerr << "udp_holla_client: " << e.what() << std::endl;
        }
        diesel::quickstop();
    });
}
