// SPDX-License-Identifier: MIT
// http_client_bench: Loops making keep-alive GET requests with HttpClient, each Loop with its
// own client (one connection), against a server such as nginx. With --curl each round also runs
// the same Loops through the cooperative curl layer (http::curl_get, one multi handle, its
// connections reused). With --compare it runs wrk with as many connections against the same URL,
// alternating rounds, and prints the ratios.
//
//   http_client_bench -p port [-h host] [-c loops] [-n requests] [--path /] [--rounds N]
//                     [--curl] [--compare]
//   bench/http_client_bench.sh build     (starts nginx with one worker and compares)
#include <diesel/diesel.h>
#include <diesel/http.h>
#include <diesel/http/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct Settings
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    int loops = 50;
    long long requests = 200000;
    std::string path = "/";
    int rounds = 3;
    bool compare = false;
    bool curl = false;
};

[[noreturn]] void usage()
{
    std::cerr << "usage: http_client_bench -p port [-h host] [-c loops] [-n requests] [--path /]"
                 " [--rounds N] [--curl] [--compare]\n";
    std::exit(2);
}

Settings parse(int argc, char **argv)
{
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage();
            return argv[++i];
        };
        if (arg == "-h")
            s.host = value();
        else if (arg == "-p")
            s.port = static_cast<std::uint16_t>(std::stoi(value()));
        else if (arg == "-c")
            s.loops = std::stoi(value());
        else if (arg == "-n")
            s.requests = std::stoll(value());
        else if (arg == "--path")
            s.path = value();
        else if (arg == "--rounds")
            s.rounds = std::stoi(value());
        else if (arg == "--compare")
            s.compare = true;
        else if (arg == "--curl")
            s.curl = true;
        else
            usage();
    }
    if (s.port == 0 || s.loops < 1 || s.requests < s.loops)
        usage();
    return s;
}

// One round: every Loop its own HttpClient (or, with `curl`, the thread's curl multi handle);
// requests/s over the whole run.
double run_round(const Settings &s, bool curl)
{
    double rps = 0;
    bool failed = false;
    diesel::quickstart([&] {
        std::vector<std::unique_ptr<diesel::http::HttpClient>> clients;
        for (int i = 0; i < s.loops; ++i)
            clients.push_back(std::make_unique<diesel::http::HttpClient>(s.host, s.port));
        const std::string url = "http://" + s.host + ':' + std::to_string(s.port) + s.path;
        diesel::Countdown done(static_cast<std::size_t>(s.loops));
        const long long each = s.requests / s.loops;
        const auto start = diesel::Clock::now();
        for (auto &client : clients) {
            diesel::fork([&, c = client.get()] {
                try {
                    for (long long n = 0; n < each; ++n) {
                        const int status =
                            curl ? diesel::http::curl_get(url).status : c->get(s.path).status;
                        if (status != 200)
                            failed = true;
                    }
                } catch (const diesel::Error &e) {
                    std::cerr << "http_client_bench: " << e.what() << std::endl;
                    failed = true;
                }
                done.tick();
            });
        }
        done.wait();
        const double seconds = std::chrono::duration<double>(diesel::Clock::now() - start).count();
        rps = static_cast<double>(each * s.loops) / seconds;
        diesel::http::curl_reset();
        diesel::quickstop();
    });
    if (failed)
        std::exit(1);
    return rps;
}

// wrk with one thread and as many connections, for about as long as a round of ours.
double run_wrk(const Settings &s, double seconds)
{
    const std::string command = "wrk -t1 -c" + std::to_string(s.loops) + " -d" +
                                std::to_string(std::max(1, static_cast<int>(seconds + 0.5))) +
                                "s http://" + s.host + ':' + std::to_string(s.port) + s.path +
                                " 2>&1";
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        std::cerr << "http_client_bench: cannot run wrk\n";
        std::exit(1);
    }
    double rps = 0;
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) {
        if (std::sscanf(line, "Requests/sec: %lf", &rps) == 1)
            break;
    }
    ::pclose(pipe);
    return rps;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    const Settings s = parse(argc, argv);
    std::vector<double> ours;
    std::vector<double> curl;
    std::vector<double> theirs;
    for (int round = 0; round < s.rounds; ++round) {
        ours.push_back(run_round(s, false));
        std::printf("round %d: HttpClient %.0f requests/s", round + 1, ours.back());
        if (s.curl) {
            curl.push_back(run_round(s, true));
            std::printf(", curl layer %.0f requests/s", curl.back());
        }
        if (s.compare) {
            theirs.push_back(run_wrk(s, static_cast<double>(s.requests) / ours.back()));
            std::printf(", wrk %.0f requests/s", theirs.back());
        }
        std::printf("\n");
    }
    std::printf("HttpClient, %d Loops x keep-alive: %.0f requests/s (median of %d)\n", s.loops,
                median(ours), s.rounds);
    if (s.curl)
        std::printf("curl layer, %d Loops x curl_get: %.0f requests/s (median of %d); %.2fx "
                    "HttpClient\n",
                    s.loops, median(curl), s.rounds, median(curl) / median(ours));
    if (s.compare) {
        std::printf("wrk -t1 -c%d: %.0f requests/s; HttpClient %.2fx", s.loops, median(theirs),
                    median(ours) / median(theirs));
        if (s.curl)
            std::printf(", curl layer %.2fx", median(curl) / median(theirs));
        std::printf("\n");
    }
}
