// SPDX-License-Identifier: MIT
// The guide's tcp_holla_client.py: prompts for messages and prints the server's shouted replies.
//
//   tcp_holla_client [host] [port]     (default localhost 4321; run tcp_holla_server first)
#include "../common/holla_client.h"
#include "../common/stdin_lines.h"

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 4321);
    diesel::quickstart([&] {
        try {
            examples::HollaClient client(host, port);
            while (auto msg = examples::read_line("message> "))
                std::cout << "reply> " << client.holla(*msg) << std::endl;
        } catch (const diesel::Error &e) {
            std::cerr << "tcp_holla_client: " << e.what() << std::endl;
        }
        diesel::quickstop();
    });
}
