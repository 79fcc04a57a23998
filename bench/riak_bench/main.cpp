// SPDX-License-Identifier: MIT
// riak_bench: put then get of 1 KiB values from 50 Loops against a Riak PBC node (the test peer
// in compare.sh), as requests per second. The Loops share `-C` RiakClients (one connection each;
// default 1: every Loop pipelines on one connection).
//
//   riak_bench [-h host] [-p port] [-c loops] [-n requests] [-d bytes] [-C clients]
//
// Prints lines like
//   PUT: 21000.00 requests per second
#include <diesel/diesel.h>
#include <diesel/riak.h>

#include <chrono>
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
    std::uint16_t port = 8087;
    int loops = 50;
    long long requests = 100000;
    std::size_t data_size = 1024;
    int clients = 1;
};

Settings parse(int argc, char **argv)
{
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        const char *value = argv[i + 1];
        if (arg == "-h")
            s.host = value;
        else if (arg == "-p")
            s.port = std::uint16_t(std::atoi(value));
        else if (arg == "-c")
            s.loops = std::atoi(value);
        else if (arg == "-n")
            s.requests = std::atoll(value);
        else if (arg == "-d")
            s.data_size = std::size_t(std::atoll(value));
        else if (arg == "-C")
            s.clients = std::atoi(value);
        else {
            std::cerr << "usage: riak_bench [-h host] [-p port] [-c loops] [-n requests] [-d bytes]"
                         " [-C clients]\n";
            std::exit(2);
        }
    }
    return s;
}

// Runs `requests` calls of `op(client, i)` spread over the Loops; returns requests per second.
template<class Op>
double run(const Settings &s, std::vector<std::unique_ptr<diesel::riak::RiakClient>> &clients,
           Op op)
{
    diesel::Countdown done(std::size_t(s.loops));
    long long next = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int l = 0; l < s.loops; ++l) {
        diesel::fork([&, l] {
            diesel::riak::RiakClient &c = *clients[std::size_t(l % s.clients)];
            for (long long i = next++; i < s.requests; i = next++)
                op(c, i);
            done.tick();
        });
    }
    done.wait();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    return double(s.requests) / took.count();
}

} // namespace

int main(int argc, char **argv)
{
    const Settings s = parse(argc, argv);
    int status = 0;
    diesel::quickstart([&] {
        try {
            std::vector<std::unique_ptr<diesel::riak::RiakClient>> clients;
            for (int i = 0; i < s.clients; ++i) {
                clients.push_back(std::make_unique<diesel::riak::RiakClient>(s.host, s.port));
                clients.back()->ping();
            }
            const std::string value(s.data_size, 'x');
            const auto key = [](long long i) { return "key:" + std::to_string(i % 10000); };
            const double put = run(s, clients, [&](diesel::riak::RiakClient &c, long long i) {
                c.put("bench", key(i), value);
            });
            std::printf("PUT: %.2f requests per second\n", put);
            const double get = run(s, clients, [&](diesel::riak::RiakClient &c, long long i) {
                if (c.get("bench", key(i)).siblings.at(0).value.size() != s.data_size)
                    throw diesel::Error("riak_bench: a value of the wrong size");
            });
            std::printf("GET: %.2f requests per second\n", get);
        } catch (const diesel::Error &e) {
            std::cerr << "riak_bench: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
