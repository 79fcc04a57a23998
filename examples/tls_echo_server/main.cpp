// SPDX-License-Identifier: MIT
// A TLS echo Service. With certificate and key files it serves them; without, it makes a
// self-signed certificate for "localhost" and writes it to ./tls_echo_cert.pem so that
// tls_echo_client can trust it.
//
//   tls_echo_server [port] [cert.pem key.pem]      (default port 4443)
#include <diesel/diesel.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

void echo(const diesel::Address &peer)
{
    std::cout << "TLS connection from " << peer.to_string() << std::endl;
    for (;;)
        diesel::send(diesel::until_eol());
}

int main(int argc, char **argv)
{
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 4443);
    try {
        diesel::ServiceOptions options;
        if (argc > 3) {
            options.tls = diesel::TlsContext::server(argv[2], argv[3]);
        } else {
            options.tls = diesel::TlsContext::server_self_signed("localhost");
            std::ofstream("tls_echo_cert.pem") << options.tls->certificate_pem();
            std::cout << "self-signed certificate written to tls_echo_cert.pem" << std::endl;
        }
        diesel::quickstart(diesel::Service(echo, port, {}, options));
    } catch (const diesel::Error &e) {
        std::cerr << "tls_echo_server: " << e.what() << std::endl;
        return 1;
    }
}
