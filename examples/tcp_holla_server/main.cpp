// SPDX-License-Identifier: MIT
// The guide's tcp_holla_server.py: echoes every line back IN ALL CAPS.
//
//   tcp_holla_server [port]        (default 4321; try: telnet localhost 4321)
#include <diesel/diesel.h>

#include <array>
#include <cstdlib>
#include <iostream>

namespace {
// ASCII letters, as the guide's byte-string upper() does, through a table as C's toupper() works:
// one load per byte (std::toupper would cost a call into the C locale for every byte).
constexpr auto kUpper = [] {
    std::array<char, 256> table{};
    for (int byte = 0; byte < 256; ++byte)
        table[byte] = static_cast<char>(byte >= 'a' && byte <= 'z' ? byte - ('a' - 'A') : byte);
    return table;
}();
} // namespace

void holla_back(const diesel::Address &)
{
    // One string for every line, as std::getline is used: it keeps its capacity, so a line costs
    // no allocation (`message = diesel::until_eol()` works too, with one per line).
    std::string message;
    for (;;) {
        diesel::until_eol(message);
        for (char &c : message)
            c = kUpper[static_cast<unsigned char>(c)];
        diesel::send(message);
    }
}

int main(int argc, char **argv)
{
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 4321);
    try {
        diesel::quickstart(diesel::Service(holla_back, port));
    } catch (const diesel::Error &e) {
        std::cerr << "tcp_holla_server: " << e.what() << std::endl;
        return 1;
    }
}
