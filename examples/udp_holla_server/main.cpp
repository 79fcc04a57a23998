// SPDX-License-Identifier: MIT
// The guide's udp_holla_server.py: answers every datagram with it IN ALL CAPS.
//
//   udp_holla_server [port]        (default 1234)
#include <diesel/diesel.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>

void holla_back()
{
    for (;;) {
        std::string message = diesel::receive(diesel::datagram);
        std::transform(message.begin(), message.end(), message.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        diesel::send(message);
    }
}

int main(int argc, char **argv)
{
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 1234);
    try {
        diesel::quickstart(diesel::UDPService(holla_back, port));
    } catch (const diesel::Error &e) {
        std::cerr << "udp_holla_server: " << e.what() << std::endl;
        return 1;
    }
}
