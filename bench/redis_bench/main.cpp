// SPDX-License-Identifier: MIT
// redis_bench: the C++ twin of `redis-benchmark -t set,get -c 50 -n 200000 [-P 16] -q`.
// Each client is a Loop with its own RedisClient; a request is client.set(key, value) or
// client.get(key), or with -P a Pipeline of that many. Prints redis-benchmark's lines:
//
//   SET: 104712.05 requests per second, p50=0.431 msec
//
// With --compare it runs redis-benchmark itself with the same options against the same server,
// alternating with its own rounds (--rounds), and prints both figures and their ratio. With
// --cluster host:port is a seed of a Redis Cluster: each client is a RedisCluster (and
// redis-benchmark runs with --cluster).
//
//   redis_bench [-h host] [-p port] [-c clients] [-n requests] [-P pipeline] [-d bytes]
//               [-t set,get] [--rounds N] [--compare] [--cluster]
#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

struct Settings
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 6379;
    int clients = 50;
    long long requests = 200000;
    int pipeline = 1;
    int data_size = 3;
    std::vector<std::string> tests{"set", "get"};
    int rounds = 1;
    bool compare = false;
    bool cluster = false;
};

struct Result
{
    double rps = 0;
    double p50_ms = 0;
};

[[noreturn]] void usage()
{
    std::cerr << "usage: redis_bench [-h host] [-p port] [-c clients] [-n requests] [-P pipeline]"
                 " [-d bytes] [-t set,get] [--rounds N] [--compare] [--cluster]\n";
    std::exit(2);
}

Settings parse(int argc, char **argv)
{
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage();
            return argv[++i];
        };
        if (arg == "-h")
            s.host = value();
        else if (arg == "-p")
            s.port = static_cast<std::uint16_t>(std::stoi(value()));
        else if (arg == "-c")
            s.clients = std::max(1, std::stoi(value()));
        else if (arg == "-n")
            s.requests = std::max(1LL, std::stoll(value()));
        else if (arg == "-P")
            s.pipeline = std::max(1, std::stoi(value()));
        else if (arg == "-d")
            s.data_size = std::max(1, std::stoi(value()));
        else if (arg == "-t") {
            s.tests.clear();
            std::stringstream list(value());
            for (std::string t; std::getline(list, t, ',');)
                s.tests.push_back(t);
        } else if (arg == "--rounds")
            s.rounds = std::max(1, std::stoi(value()));
        else if (arg == "--compare")
            s.compare = true;
        else if (arg == "--cluster")
            s.cluster = true;
        else
            usage();
    }
    return s;
}

// One run of one test: `clients` Loops share the requests, each sending `pipeline` at a time
// through its own Client (a RedisClient or a RedisCluster).
template<class Client>
Result run_test(const Settings &s, const std::string &test)
{
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < s.clients; ++i) {
        if constexpr (std::is_same_v<Client, diesel::redis::RedisCluster>)
            clients.push_back(
                std::make_unique<Client>(std::vector<diesel::redis::RedisNode>{{s.host, s.port}}));
        else
            clients.push_back(std::make_unique<Client>(s.host, s.port));
    }

    // What redis-benchmark uses without -r. With --cluster it tags each client's key for one
    // node, clients spread over the primaries in turn; so do we.
    std::vector<std::string> keys(clients.size(), "key:__rand_int__");
    if constexpr (std::is_same_v<Client, diesel::redis::RedisCluster>) {
        const std::vector<std::string> primaries = clients.front()->primaries();
        for (std::size_t i = 0; i < keys.size(); ++i)
            for (int tag = 0;; ++tag) {
                std::string key = "key:{" + std::to_string(tag) + "}:__rand_int__";
                if (clients.front()->primary_of(Client::slot_of(key)) ==
                    primaries[i % primaries.size()]) {
                    keys[i] = std::move(key);
                    break;
                }
            }
    }
    const std::string value(static_cast<std::size_t>(s.data_size), 'x');
    const bool is_set = test == "set";
    long long remaining = s.requests;
    int running = s.clients;
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(s.requests / s.pipeline + s.clients));
    const std::string done_event = "redis_bench done";

    const auto start = diesel::Clock::now();
    for (std::size_t i = 0; i < clients.size(); ++i)
        diesel::fork([&, c = clients[i].get(), &key = keys[i]] {
            auto pipeline = c->pipeline();
            while (remaining > 0) {
                const long long batch = std::min<long long>(s.pipeline, remaining);
                remaining -= batch;
                const auto t0 = diesel::Clock::now();
                if (s.pipeline == 1) {
                    if (is_set)
                        c->set(key, value);
                    else
                        c->get(key);
                } else {
                    for (long long queued = 0; queued < batch; ++queued) {
                        if (is_set)
                            pipeline.set(key, value);
                        else
                            pipeline.get(key);
                    }
                    pipeline.execute();
                }
                const std::chrono::duration<double, std::milli> took = diesel::Clock::now() - t0;
                latencies.push_back(took.count());
            }
            if (--running == 0)
                diesel::fire(done_event);
        });
    diesel::wait(done_event);
    const std::chrono::duration<double> elapsed = diesel::Clock::now() - start;

    Result r;
    r.rps = static_cast<double>(s.requests) / elapsed.count();
    auto middle = latencies.begin() + static_cast<std::ptrdiff_t>(latencies.size() / 2);
    std::nth_element(latencies.begin(), middle, latencies.end());
    r.p50_ms = latencies.empty() ? 0 : *middle;
    return r;
}

std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Runs redis-benchmark with the same settings (on a worker thread, so the Hub stays free);
// returns its requests per second per test.
std::map<std::string, double> run_redis_benchmark(const Settings &s)
{
    std::string tests;
    for (const std::string &t : s.tests)
        tests += (tests.empty() ? "" : ",") + t;
    const std::string command = "redis-benchmark -h " + s.host + " -p " + std::to_string(s.port) +
                                " -c " + std::to_string(s.clients) + " -n " +
                                std::to_string(s.requests) + " -P " + std::to_string(s.pipeline) +
                                " -d " + std::to_string(s.data_size) + " -t " + tests +
                                (s.cluster ? " --cluster" : "") + " -q 2>/dev/null";
    const std::string output = diesel::thread([&] {
        std::string text;
        if (FILE *pipe = ::popen(command.c_str(), "r")) {
            char buf[4096];
            std::size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
                text.append(buf, n);
            ::pclose(pipe);
        }
        return text;
    });
    // redis-benchmark -q rewrites its progress line with '\r'; keep the final text of each line.
    std::map<std::string, double> results;
    std::stringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (const auto cr = line.rfind('\r'); cr != std::string::npos)
            line = line.substr(cr + 1);
        const auto colon = line.find(": ");
        if (colon == std::string::npos || line.find("requests per second") == std::string::npos)
            continue;
        results[line.substr(0, colon)] = std::atof(line.c_str() + colon + 2);
    }
    return results;
}

} // namespace

int main(int argc, char **argv)
{
    const Settings s = parse(argc, argv);
    int status = 0;
    diesel::quickstart([&] {
        try {
            std::map<std::string, std::vector<double>> ours;
            std::map<std::string, std::vector<double>> theirs;
            for (int round = 0; round < s.rounds; ++round) {
                for (const std::string &test : s.tests) {
                    const Result r = s.cluster ? run_test<diesel::redis::RedisCluster>(s, test)
                                               : run_test<diesel::redis::RedisClient>(s, test);
                    std::printf("%s: %.2f requests per second, p50=%.3f msec\n",
                                upper(test).c_str(), r.rps, r.p50_ms);
                    std::fflush(stdout);
                    ours[upper(test)].push_back(r.rps);
                }
                if (s.compare)
                    for (const auto &[name, rps] : run_redis_benchmark(s)) {
                        std::printf("redis-benchmark %s: %.2f requests per second\n", name.c_str(),
                                    rps);
                        std::fflush(stdout);
                        theirs[name].push_back(rps);
                    }
            }
            if (s.compare) {
                std::printf("\nbest of %d round(s), -c %d -n %lld -P %d:\n", s.rounds, s.clients,
                            s.requests, s.pipeline);
                for (const auto &[name, values] : ours) {
                    const double mine = *std::max_element(values.begin(), values.end());
                    const auto it = theirs.find(name);
                    if (it == theirs.end() || it->second.empty()) {
                        std::printf("%s: redis_bench %.0f/s, redis-benchmark: no result\n",
                                    name.c_str(), mine);
                        continue;
                    }
                    const double other = *std::max_element(it->second.begin(), it->second.end());
                    std::printf("%s: redis_bench %.0f/s, redis-benchmark %.0f/s, ratio %.2fx\n",
                                name.c_str(), mine, other, mine / other);
                }
            }
        } catch (const diesel::Error &e) {
            std::fprintf(stderr, "redis_bench: %s\n", e.what());
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
