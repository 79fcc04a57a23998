// SPDX-License-Identifier: MIT
// The guide's holla_pool.py: six actors share the HollaClients of a ConnectionPool that keeps up
// to three connected. Run tcp_holla_server first; this runs until Ctrl-C. `ss -tn | grep 4321`
// shows the pool's connections ESTABLISHED (each twice: our end and the server's), and now and
// then one in TIME-WAIT: an extra client made on demand and closed on return. The pool connects
// only when actors overlap; a request takes well under a millisecond here, so overlaps are rare
// and the pool may hold one or two connections for minutes before it reaches the guide's three.
//
//   holla_pool [host] [port]     (default localhost 4321)
#include "../common/holla_client.h"

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 4321);

    auto make_client = [&] { return examples::HollaClient(host, port); };
    auto close_client = [](examples::HollaClient &c) { c.close(); };
    diesel::ConnectionPool holla_pool(make_client, close_client, 3, 0, std::nullopt, "holla");

    int counter = 0;
    std::mt19937 rng(std::random_device{}());
    auto actor = [&] {
        std::uniform_real_distribution<double> random(0.0, 1.0);
        try {
            for (;;) {
                diesel::sleep(random(rng));
                const std::string msg = "Message " + std::to_string(counter++);
                auto client = holla_pool.connection();
                std::cout << client->holla(msg) << std::endl;
            }
        } catch (const diesel::ClientConnectionError &e) {
            std::cerr << "holla_pool: " << e.what() << " (is tcp_holla_server running?)"
                      << std::endl;
            diesel::quickstop();
        }
    };
    diesel::quickstart(actor, actor, actor, actor, actor, actor);
    return 1; // only a failed connection ends it
}
