// SPDX-License-Identifier: MIT
// The guide's fire/wait example: a pump fires 'thing' five times; three handlers see it only when
// they happen to be waiting at that moment.
#include <diesel/diesel.h>

#include <iostream>
#include <random>

void pump()
{
    for (int i = 0; i < 5; ++i) {
        diesel::fire("thing");
        std::cout << "Fired 'thing'" << std::endl;
        diesel::sleep(1.0);
    }
    diesel::quickstop();
}

auto on(std::string event)
{
    return [event] {
        std::mt19937 random{std::random_device{}()};
        std::uniform_real_distribution<double> three_seconds(0.0, 3.0);
        for (;;) {
            diesel::wait(event);
            std::cout << "Saw '" << event << "'" << std::endl;
            diesel::sleep(three_seconds(random));
        }
    };
}

int main()
{
    diesel::quickstart(pump, on("thing"), on("thing"), on("thing"));
}
