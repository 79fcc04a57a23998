// SPDX-License-Identifier: MIT
// The guide's RedisSubHub example, plus a publisher Loop so that it visibly does something:
// one Loop listens to chan.a and chan.b through the hub and acts on each message; another
// publishes to both (and to chan.c, which nobody hears) twice a second. Runs until Ctrl-C.
//
//   redis_subhub [host] [port]     (default localhost 6379)
#include <diesel/diesel.h>
#include <diesel/redis.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

void act_on_a(const std::string &message)
{
    std::cout << "a got: " << message << std::endl;
}

void act_on_b(const std::string &message)
{
    std::cout << "b got: " << message << std::endl;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 6379);

    // As in the guide, the hub is made once, outside any Loop; its reader Loop starts with the
    // first subscription.
    diesel::redis::RedisSubHub subhub(host, port);

    auto subscriber = [&] {
        diesel::label("subscriber");
        try {
            auto messages = subhub.sub({"chan.a", "chan.b"});
            for (;;) {
                auto [chan, message] = messages.fetch();
                if (chan == "chan.a")
                    act_on_a(message);
                else if (chan == "chan.b")
                    act_on_b(message);
                else
                    std::abort(); // aaahhh! should never happen
            }
        } catch (const diesel::Error &e) {
            std::cerr << "redis_subhub: " << e.what() << std::endl;
            diesel::quickstop();
        }
    };

    auto publisher = [&] {
        diesel::label("publisher");
        try {
            diesel::redis::RedisClient c(host, port);
            diesel::sleep(0.2); // give the subscriber a moment to subscribe
            for (long n = 1;; ++n) {
                const std::string channel = n % 3 == 0 ? "chan.c" : n % 2 ? "chan.a" : "chan.b";
                const long long heard = c.publish(channel, "message " + std::to_string(n));
                std::cout << "published to " << channel << " (" << heard << " listening)"
                          << std::endl;
                diesel::sleep(0.5);
            }
        } catch (const diesel::Error &e) {
            std::cerr << "redis_subhub: " << e.what() << std::endl;
            diesel::quickstop();
        }
    };

    auto stopper = [] {
        diesel::signal(SIGINT);
        std::cout << "\nbye" << std::endl;
        diesel::quickstop();
    };

    diesel::quickstart(subscriber, publisher, stopper);
}
