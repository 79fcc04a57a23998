// SPDX-License-Identifier: MIT
// A hello-world HTTP server: every request gets "Hello, world!".
//
//   http_hello [port]        (default 8080; try: curl -i localhost:8080/)
#include <diesel/diesel.h>
#include <diesel/http.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 8080);
    try {
        diesel::quickstart(diesel::http::service(
            [](diesel::http::Request &) { return diesel::http::Response::text("Hello, world!"); },
            port));
    } catch (const diesel::Error &e) {
        std::cerr << "http_hello: " << e.what() << std::endl;
        return 1;
    }
}
