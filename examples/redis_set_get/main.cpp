// SPDX-License-Identifier: MIT
// The guide's Redis example: SET then GET with a RedisClient.
//
//   redis_set_get [host] [port]     (default localhost 6379)
#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 6379);
    int status = 0;
    diesel::quickstart([&] {
        try {
            diesel::redis::RedisClient c(host, port);
            // SET
            c.set("mykey", "myvalue");
            // GET
            std::cout << "mykey = " << c.get("mykey").value_or("(nil)") << std::endl;
        } catch (const diesel::Error &e) {
            std::cerr << "redis_set_get: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
