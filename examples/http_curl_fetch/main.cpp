// SPDX-License-Identifier: MIT
// The guide's "make a blocking library cooperative", with libcurl: every URL is fetched by a
// Loop of its own, all at once on one thread, and each prints its status, size and time as it
// finishes. There is no internet here, so by default it starts a local server (a small page, a
// 1 MiB file and a page that takes half a second) and fetches from it.
//
//   http_curl_fetch [URL ...]
#include <diesel/diesel.h>
#include <diesel/http.h>
#include <diesel/http/curl.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace http = diesel::http;

namespace {

http::Response serve(http::Request &request)
{
    if (request.path == "/large")
        return http::Response::text(std::string(1024 * 1024, 'x'));
    if (request.path == "/slow")
        diesel::sleep(0.5);
    else if (request.path != "/")
        return http::Response::error(404);
    return http::Response::text("Hello from " + request.path + "\n");
}

double seconds_since(diesel::Clock::time_point start)
{
    return std::chrono::duration<double>(diesel::Clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> urls(argv + 1, argv + argc);
    std::optional<http::HttpServer> local;
    int failures = 0;
    diesel::quickstart([&] {
        if (urls.empty()) {
            local.emplace(&serve, 0, "127.0.0.1");
            local->start();
            const std::string base = "http://127.0.0.1:" + std::to_string(local->port());
            for (const char *path : {"/", "/large", "/slow", "/slow", "/missing"})
                urls.push_back(base + path);
        }
        const auto start = diesel::Clock::now();
        auto left = std::make_shared<diesel::Countdown>(urls.size());
        for (const std::string &url : urls)
            diesel::fork([&, url, left] {
                const auto began = diesel::Clock::now();
                try {
                    http::CurlOptions options;
                    options.max_redirects = 5;
                    const http::CurlResponse r = http::curl_get(url, options);
                    std::printf("%3d %9zu bytes %6.3f s  %s\n", r.status, r.body.size(),
                                seconds_since(began), url.c_str());
                } catch (const http::CurlError &e) {
                    std::printf("ERR %6.3f s  %s\n", seconds_since(began), e.what());
                    ++failures;
                } catch (const diesel::RequestTimeout &e) {
                    std::printf("ERR %6.3f s  %s\n", seconds_since(began), e.what());
                    ++failures;
                }
                std::fflush(stdout);
                left->tick();
            });
        left->wait();
        std::printf("%zu URLs in %.3f s (one thread, one Loop per URL)\n", urls.size(),
                    seconds_since(start));
        http::curl_reset();
        if (local)
            local->stop();
        diesel::quickstop();
    });
    return failures == 0 ? 0 : 1;
}
