// SPDX-License-Identifier: MIT
// A WebSocket echo: the server answers every message on /echo with the same message (and serves
// a page at / whose script talks to it from a browser); the client sends each line it reads
// from the terminal and prints what comes back.
//
//   http_websocket_echo [port]                       the server (default 8080)
//   http_websocket_echo --client [url]               a client (default ws://localhost:8080/echo)
//   node -e "const W=require('ws');const w=new W('ws://localhost:8080/echo');
//            w.on('open',()=>w.send('hi'));w.on('message',m=>{console.log(''+m);w.close()})"
#include "../common/stdin_lines.h"

#include <diesel/diesel.h>
#include <diesel/http.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace http = diesel::http;

namespace {

constexpr const char *kPage = R"(<!doctype html>
<title>diesel WebSocket echo</title>
<input id=text autofocus placeholder="type and press Enter"><pre id=log></pre>
<script>
const ws = new WebSocket(`ws://${location.host}/echo`);
const log = (line) => document.getElementById('log').textContent += line + '\n';
ws.onmessage = (e) => log('echo: ' + e.data);
ws.onclose = (e) => log('closed ' + e.code);
document.getElementById('text').onkeydown = (e) => {
    if (e.key === 'Enter') { ws.send(e.target.value); e.target.value = ''; }
};
</script>
)";

int serve(std::uint16_t port)
{
    http::App app;
    app.use(http::access_log());
    app.get("/", [](http::Request &, const http::Params &) {
        return http::Response(200, kPage, "text/html; charset=utf-8");
    });
    app.websocket("/echo", [](http::WebSocket &ws, const http::Request &, const http::Params &) {
        // receive() ends with WebSocketClosed when the client closes; the Loop ends with it.
        for (;;)
            ws.send(ws.receive());
    });
    std::cout << "WebSocket echo on ws://localhost:" << port << "/echo (page at /)" << std::endl;
    try {
        diesel::quickstart(app.service(port));
    } catch (const diesel::Error &e) {
        std::cerr << "http_websocket_echo: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}

int client(const std::string &url)
{
    int status = 0;
    diesel::quickstart([&] {
        try {
            http::WebSocket ws = http::websocket_connect(url);
            while (const auto line = examples::read_line("> ")) {
                ws.send_text(*line);
                std::cout << ws.receive().data << std::endl;
            }
            ws.close();
        } catch (const diesel::Error &e) {
            std::cerr << "http_websocket_echo: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--client") == 0)
        return client(argc > 2 ? argv[2] : "ws://localhost:8080/echo");
    return serve(static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 8080));
}
