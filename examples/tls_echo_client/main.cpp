// SPDX-License-Identifier: MIT
// The client of tls_echo_server: verifies the server against a CA/certificate file (default
// ./tls_echo_cert.pem, written by the server), then echoes lines typed on stdin.
//
//   tls_echo_client [host] [port] [ca.pem]        (default localhost 4443 tls_echo_cert.pem)
#include "../common/stdin_lines.h"

#include <diesel/diesel.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 4443);
    const std::string ca = argc > 3 ? argv[3] : "tls_echo_cert.pem";
    diesel::quickstart([&] {
        try {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(true, ca);
            options.timeout = diesel::Seconds(5);
            diesel::Client client(host, port, options);
            std::cout << "connected over TLS, certificate verified" << std::endl;
            while (auto line = examples::read_line("echo> "))
                std::cout << client.call([&] {
                    diesel::send(*line + "\n");
                    return diesel::until_eol();
                });
        } catch (const diesel::Error &e) {
            std::cerr << "tls_echo_client: " << e.what() << std::endl;
        }
        diesel::quickstop();
    });
}
