// SPDX-License-Identifier: MIT
// The guide's HttpClient example: one GET, then the status, the header fields and the start of
// the body. There is no internet here, so it asks a local server by default (run http_hello).
//
//   http_client [host] [port] [path]        (default localhost 8080 /)
#include <diesel/diesel.h>
#include <diesel/http.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 8080);
    const std::string path = argc > 3 ? argv[3] : "/";
    int status = 0;
    diesel::quickstart([&] {
        try {
            diesel::http::HttpClient client(host, port);
            diesel::http::Headers headers;
            headers.add("Accept", "*/*");
            const diesel::http::Response response = client.request("GET", path, headers);
            std::cout << response.status << '\n';
            for (const diesel::http::Field &field : response.headers)
                std::cout << field.name << ": " << field.value << '\n';
            std::cout << response.body.substr(0, 200) << " ..." << std::endl;
        } catch (const diesel::Error &e) {
            std::cerr << "http_client: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
