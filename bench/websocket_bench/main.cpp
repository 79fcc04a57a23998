// SPDX-License-Identifier: MIT
// websocket_bench: Loops, each with its own WebSocket, sending a message and waiting for its
// echo, over and over, against an echo server (http_websocket_echo); prints messages/s.
// bench/websocket_bench.sh compares it with the npm `ws` client doing the same.
//
//   websocket_bench url [-c loops] [-n messages] [-s size]
#include <diesel/diesel.h>
#include <diesel/http.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cerr << "usage: websocket_bench url [-c loops] [-n messages] [-s size]\n";
        return 2;
    }
    const std::string url = argv[1];
    int loops = 50;
    long long messages = 200000;
    std::size_t size = 32;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "-c")
            loops = std::atoi(argv[i + 1]);
        else if (arg == "-n")
            messages = std::atoll(argv[i + 1]);
        else if (arg == "-s")
            size = static_cast<std::size_t>(std::atoll(argv[i + 1]));
    }
    const long long per_loop = messages / loops;
    int status = 0;
    diesel::quickstart([&] {
        diesel::Countdown done(static_cast<std::size_t>(loops));
        const std::string payload(size, 'm');
        long long echoed = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int l = 0; l < loops; ++l) {
            diesel::fork([&] {
                try {
                    diesel::http::WebSocket ws = diesel::http::websocket_connect(url);
                    for (long long i = 0; i < per_loop; ++i) {
                        ws.send_text(payload);
                        if (ws.receive().data.size() == size)
                            ++echoed;
                    }
                    ws.close();
                } catch (const diesel::Error &e) {
                    std::cerr << "websocket_bench: " << e.what() << std::endl;
                    status = 1;
                }
                done.tick();
            });
        }
        done.wait();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("diesel: %d Loops, %lld echoes of %zu bytes in %.2f s: %.0f messages/s\n",
                    loops, echoed, size, seconds, static_cast<double>(echoed) / seconds);
        diesel::quickstop();
    });
    return status;
}
