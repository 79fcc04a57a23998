// SPDX-License-Identifier: MIT
// A static file server: the files of a folder under /, with MIME types, ETag, Range and the
// access log.
//
//   http_static [folder] [port]        (default: the current folder, 8080)
//   curl -i localhost:8080/README.md   curl -r 0-99 localhost:8080/README.md
#include <diesel/diesel.h>
#include <diesel/http.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string folder = argc > 1 ? argv[1] : ".";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 8080);
    diesel::http::App app;
    app.use(diesel::http::access_log());
    app.static_files("/", folder);
    std::cout << "serving " << folder << " on http://localhost:" << port << "/" << std::endl;
    try {
        diesel::quickstart(app.service(port));
    } catch (const diesel::Error &e) {
        std::cerr << "http_static: " << e.what() << std::endl;
        return 1;
    }
}
