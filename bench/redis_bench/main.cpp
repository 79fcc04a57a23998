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
// redis-benchmark runs with --cluster, which runs a thread per primary). --threads N splits the
// clients and requests over N threads, each with a Hub of its own. The default is
// redis-benchmark's shape: one Hub, or with --cluster a Hub per primary.
//
//   redis_bench [-h host] [-p port] [-c clients] [-n requests] [-P pipeline] [-d bytes]
//               [-t set,get] [--rounds N] [--compare] [--cluster] [--threads N]
#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <latch>
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
    int threads = 0; // 0: as redis-benchmark (1, or one per primary with --cluster)
};

struct Result
{
    double rps = 0;
    double p50_ms = 0;
};

[[noreturn]] void usage()
{
    std::cerr << "usage: redis_bench [-h host] [-p port] [-c clients] [-n requests] [-P pipeline]"
                 " [-d bytes] [-t set,get] [--rounds N] [--compare] [--cluster]"
                 " [--threads N]\n";
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
        else if (arg == "--threads")
            s.threads = std::max(1, std::stoi(value()));
        else
            usage();
    }
    return s;
}

// What one Hub measured: the latency of each request (or pipeline) and when its Loops started
// sending and when the last one finished.
struct Share
{
    std::vector<double> latencies;
    diesel::Clock::time_point start;
    diesel::Clock::time_point end;
};

// One Hub's part of a test: `clients` Loops (numbered from `first_client`) share `requests`, each
// sending `pipeline` at a time through its own Client (a RedisClient or a RedisCluster).
// `connected` runs once every client is connected, before the clock starts.
template<class Client>
Share run_share(const Settings &s, const std::string &test, int clients_here, int first_client,
                long long requests, const std::function<void()> &connected)
{
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < clients_here; ++i) {
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
                    primaries[(static_cast<std::size_t>(first_client) + i) % primaries.size()]) {
                    keys[i] = std::move(key);
                    break;
                }
            }
    }
    connected();
    const std::string value(static_cast<std::size_t>(s.data_size), 'x');
    const bool is_set = test == "set";
    long long remaining = requests;
    int running = clients_here;
    Share share;
    share.latencies.reserve(static_cast<std::size_t>(requests / s.pipeline + clients_here));
    const std::string done_event = "redis_bench done";

    share.start = diesel::Clock::now();
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
                share.latencies.push_back(took.count());
            }
            if (--running == 0)
                diesel::fire(done_event);
        });
    diesel::wait(done_event);
    share.end = diesel::Clock::now();
    return share;
}

// The shares of --threads N Hubs, each on a thread of its own, started together once every
// thread's clients are connected. Runs on a worker thread (diesel::thread), so the calling
// Hub stays free. Rethrows the first thread's error.
template<class Client>
std::vector<Share> run_threads(const Settings &s, const std::string &test)
{
    const int n = s.threads;
    std::vector<Share> shares(static_cast<std::size_t>(n));
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(n));
    std::latch all_connected(n);
    // QThreads: Qt's socket notifiers, which a Hub uses, refuse threads Qt did not start.
    std::vector<std::unique_ptr<QThread>> workers;
    int first_client = 0;
    for (int t = 0; t < n; ++t) {
        const int clients = s.clients / n + (t < s.clients % n ? 1 : 0);
        const long long requests = s.requests / n + (t < s.requests % n ? 1 : 0);
        workers.emplace_back(QThread::create([&, t, clients, first_client, requests] {
            bool arrived = false;
            diesel::Hub hub;
            diesel::quickstart([&] {
                try {
                    shares[static_cast<std::size_t>(t)] =
                        run_share<Client>(s, test, clients, first_client, requests, [&] {
                            arrived = true;
                            all_connected.arrive_and_wait();
                        });
                } catch (...) {
                    errors[static_cast<std::size_t>(t)] = std::current_exception();
                    if (!arrived)
                        all_connected.count_down(); // the others must not wait for this one
                }
                diesel::quickstop();
            });
        }));
        workers.back()->start();
        first_client += clients;
    }
    for (const std::unique_ptr<QThread> &worker : workers)
        worker->wait();
    for (const std::exception_ptr &error : errors)
        if (error)
            std::rethrow_exception(error);
    return shares;
}

// One run of one test on this thread's Hub, or with --threads N over N Hubs.
template<class Client>
Result run_test(const Settings &s, const std::string &test)
{
    std::vector<Share> shares;
    if (s.threads == 1)
        shares.push_back(run_share<Client>(s, test, s.clients, 0, s.requests, [] {}));
    else
        shares = diesel::thread([&] { return run_threads<Client>(s, test); });

    std::vector<double> latencies;
    auto start = shares.front().start;
    auto end = shares.front().end;
    for (const Share &share : shares) {
        latencies.insert(latencies.end(), share.latencies.begin(), share.latencies.end());
        start = std::min(start, share.start);
        end = std::max(end, share.end);
    }
    const std::chrono::duration<double> elapsed = end - start;
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
    Settings s = parse(argc, argv);
    int status = 0;
    diesel::quickstart([&] {
        try {
            if (s.threads == 0)
                s.threads =
                    s.cluster
                        ? static_cast<int>(
                              diesel::redis::RedisCluster({{s.host, s.port}}).primaries().size())
                        : 1;
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
                std::printf("\nbest of %d round(s), -c %d -n %lld -P %d, %d thread(s):\n", s.rounds,
                            s.clients, s.requests, s.pipeline, s.threads);
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
