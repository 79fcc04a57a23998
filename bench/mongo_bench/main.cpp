// SPDX-License-Identifier: MIT
// mongo_bench: inserts, then find_one by _id, from 50 Loops sharing one MongoClient (its pool
// lends each Loop a driver client), as requests per second. With -s it instead compares, from one
// Loop, MongoClient (the driver on diesel's sockets) against the driver alone on its own
// blocking sockets, on the same workload (alternating rounds; rates and CPU per request). -o
// diesel or -o driver runs only that side of -s (to profile one side, e.g. under callgrind).
//
//   mongo_bench [-h host] [-p port] [-c loops] [-n requests] [-s [-o diesel|driver]]
//
// Prints lines like
//   INSERT: 9000.00 requests per second
#include <diesel/diesel.h>
#include <diesel/mongodb.h>

#include <mongoc/mongoc.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace {

using diesel::mongodb::Document;

struct Settings
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 27017;
    int loops = 50;
    long long requests = 20000;
    bool stream_only = false;
    std::string only; // with -s: "diesel" or "driver" runs that side alone
};

Settings parse(int argc, char **argv)
{
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : "";
        if (arg == "-s") {
            s.stream_only = true;
            continue;
        }
        if (arg == "-h")
            s.host = value;
        else if (arg == "-p")
            s.port = std::uint16_t(std::atoi(value));
        else if (arg == "-c")
            s.loops = std::atoi(value);
        else if (arg == "-n")
            s.requests = std::atoll(value);
        else if (arg == "-o" && (std::string(value) == "diesel" || std::string(value) == "driver"))
            s.only = value;
        else {
            std::cerr << "usage: mongo_bench [-h host] [-p port] [-c loops] [-n requests] "
                         "[-s [-o diesel|driver]]\n";
            std::exit(2);
        }
        ++i;
    }
    return s;
}

const std::string kPayload(100, 'x');

Document document(long long i)
{
    return {{"_id", std::int64_t(i)}, {"x", std::int64_t(i)}, {"s", kPayload}};
}

// User and system CPU time of this process so far.
double cpu_seconds()
{
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return double(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           double(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `requests` calls of op(i) spread over `loops` Loops; returns requests per second.
template<class Op>
double run(int loops, long long requests, Op op)
{
    diesel::Countdown done{std::size_t(loops)};
    long long next = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int l = 0; l < loops; ++l) {
        diesel::fork([&] {
            for (long long i = next++; i < requests; i = next++)
                op(i);
            done.tick();
        });
    }
    done.wait();
    return double(requests) / seconds_since(start);
}

void check_found(const std::optional<Document> &d, long long i)
{
    if (!d || (*d)["x"].as_int() != i)
        throw diesel::Error("mongo_bench: find_one(" + std::to_string(i) + ") found the wrong one");
}

// INSERT and FIND_ONE through MongoClient from `loops` Loops.
std::pair<double, double> diesel_figures(const Settings &s, int loops, const std::string &db)
{
    diesel::mongodb::MongoOptions options;
    options.pool_size = std::size_t(loops);
    diesel::mongodb::MongoClient client(s.host, s.port, options);
    client.drop_database(db);
    diesel::mongodb::Collection c = client[db]["bench"];
    const double insert = run(loops, s.requests, [&](long long i) { c.insert(document(i)); });
    const double find = run(loops, s.requests, [&](long long i) {
        check_found(c.find_one({{"_id", std::int64_t(i)}}), i);
    });
    client.drop_database(db);
    return {insert, find};
}

// The same from one Loop with the driver alone on its own (blocking) socket stream.
std::pair<double, double> driver_figures(const Settings &s, const std::string &db)
{
    const std::string uri = "mongodb://" + s.host + ":" + std::to_string(s.port) + "/";
    mongoc_client_t *client = mongoc_client_new(uri.c_str());
    mongoc_collection_t *coll = mongoc_client_get_collection(client, db.c_str(), "bench");
    bson_error_t error;
    auto start = std::chrono::steady_clock::now();
    for (long long i = 0; i < s.requests; ++i)
        if (!mongoc_collection_insert_one(coll, document(i).bson(), nullptr, nullptr, &error))
            throw diesel::Error(std::string("mongo_bench: driver insert: ") + error.message);
    const double insert = double(s.requests) / seconds_since(start);
    start = std::chrono::steady_clock::now();
    for (long long i = 0; i < s.requests; ++i) {
        const Document filter{{"_id", std::int64_t(i)}};
        const Document opts{{"limit", 1}};
        mongoc_cursor_t *cursor =
            mongoc_collection_find_with_opts(coll, filter.bson(), opts.bson(), nullptr);
        const bson_t *doc = nullptr;
        std::optional<Document> found;
        if (mongoc_cursor_next(cursor, &doc))
            found = Document::copy_of(doc);
        mongoc_cursor_destroy(cursor);
        check_found(found, i);
    }
    const double find = double(s.requests) / seconds_since(start);
    mongoc_collection_destroy(coll);
    mongoc_client_destroy(client);
    return {insert, find};
}

} // namespace

int main(int argc, char **argv)
{
    const Settings s = parse(argc, argv);
    int status = 0;
    diesel::quickstart([&] {
        try {
            if (!s.stream_only) {
                const auto [insert, find] = diesel_figures(s, s.loops, "mongo_bench");
                std::printf("INSERT: %.2f requests per second\n", insert);
                std::printf("FIND_ONE: %.2f requests per second\n", find);
            } else {
                // Three alternating rounds, best of each (the peer's JIT warms up in the first),
                // and the process's CPU time per request of each side: on a loaded machine the
                // rates measure the scheduler as much as the client.
                double d_insert = 0, d_find = 0, m_insert = 0, m_find = 0;
                double d_cpu = 0, m_cpu = 0;
                for (int round = 0; round < 3; ++round) {
                    double cpu = cpu_seconds();
                    const auto [di, df] = s.only != "driver"
                                              ? diesel_figures(s, 1, "mongo_bench_diesel")
                                              : std::pair(1.0, 1.0);
                    d_cpu += cpu_seconds() - cpu;
                    diesel::mongodb::MongoClient(s.host, s.port)
                        .drop_database("mongo_bench_driver");
                    cpu = cpu_seconds();
                    const auto [mi, mf] = s.only != "diesel"
                                              ? driver_figures(s, "mongo_bench_driver")
                                              : std::pair(1.0, 1.0);
                    m_cpu += cpu_seconds() - cpu;
                    d_insert = std::max(d_insert, di);
                    d_find = std::max(d_find, df);
                    m_insert = std::max(m_insert, mi);
                    m_find = std::max(m_find, mf);
                }
                const double per_request = 1e6 / (3.0 * 2.0 * double(s.requests));
                std::printf(
                    "one Loop, diesel stream: INSERT %.2f FIND_ONE %.2f requests per second, "
                    "%.1f us CPU per request\n",
                    d_insert, d_find, d_cpu * per_request);
                std::printf(
                    "one Loop, driver socket: INSERT %.2f FIND_ONE %.2f requests per second, "
                    "%.1f us CPU per request\n",
                    m_insert, m_find, m_cpu * per_request);
                std::printf("diesel/driver: INSERT %.2fx FIND_ONE %.2fx\n", d_insert / m_insert,
                            d_find / m_find);
            }
        } catch (const diesel::Error &e) {
            std::cerr << "mongo_bench: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
