// SPDX-License-Identifier: MIT
// The guide's Bucket example, with the conflict it talks about made on purpose: two writers
// read 'bar' at the same time and each add an item; Riak (allow_mult) keeps both versions, and
// the resolver merges them when the next reader gets the key.
//
//   riak_bucket [host] [port]     (default localhost 8087)
#include <diesel/diesel.h>
#include <diesel/riak.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>

namespace {
// Merges two comma-separated lists of items: nothing either writer added is lost.
std::string resolve_union(diesel::riak::Timestamp, std::string_view v1, diesel::riak::Timestamp,
                          std::string_view v2)
{
    std::set<std::string> items;
    for (std::string_view v : {v1, v2}) {
        std::stringstream in{std::string(v)};
        for (std::string item; std::getline(in, item, ',');)
            items.insert(item);
    }
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}
} // namespace

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 8087);
    int status = 0;
    diesel::quickstart([&] {
        try {
            diesel::riak::RiakClient c(host, port);
            c.set_bucket_props("diesel.testing", {.allow_mult = true});
            diesel::riak::Bucket b(c, "diesel.testing", resolve_union);
            // A little cleanup in case we've been run before ...
            b.delete_("bar");
            b.put("bar", "apples");
            std::cout << "bar = " << b.get("bar").value_or("(not found)") << "\n";

            // Two writers, each with a Bucket of its own, read 'bar' before either writes.
            diesel::Countdown read(2);
            diesel::Countdown written(2);
            for (const char *item : {"bread", "cheese"}) {
                diesel::fork([&, item] {
                    diesel::riak::Bucket mine(c, "diesel.testing", resolve_union);
                    const std::string list = mine.get("bar").value_or("");
                    read.tick();
                    read.wait();
                    mine.put("bar", list + "," + item);
                    written.tick();
                });
            }
            written.wait();
            std::cout << "siblings after two writers: "
                      << c.get("diesel.testing", "bar").siblings.size() << "\n";
            std::cout << "bar = " << b.get("bar").value_or("(not found)") << " (resolved)\n";
            std::cout << "siblings now: " << c.get("diesel.testing", "bar").siblings.size() << "\n";
        } catch (const diesel::Error &e) {
            std::cerr << "riak_bucket: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
