// SPDX-License-Identifier: MIT
// The guide's first Riak example: put then get with a RiakClient, printing every sibling of the
// answer (several when writers conflicted).
//
//   riak_put_get [host] [port]     (default localhost 8087)
#include <diesel/diesel.h>
#include <diesel/riak.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 8087);
    int status = 0;
    diesel::quickstart([&] {
        try {
            diesel::riak::RiakClient c(host, port);
            c.put("testing", "foo", "1", {.return_body = true});
            const diesel::riak::Object o = c.get("testing", "foo");
            std::cout << "vclock: " << o.vclock.size() << " bytes, " << o.siblings.size()
                      << " sibling(s)\n";
            for (const diesel::riak::Content &s : o.siblings)
                std::cout << "  value: " << s.value << "  vtag: " << s.vtag << "\n";
        } catch (const diesel::Error &e) {
            std::cerr << "riak_put_get: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
