// SPDX-License-Identifier: MIT
// The guide's Event example: three consumers wait until the coordinator sets the Event after 3 s;
// a late consumer, arriving after 4 s, finds it set and does not wait at all, then stops it all.
//
//   event_coordinator
#include <diesel/diesel.h>

#include <iostream>

int main()
{
    diesel::Event ev("coordinator done");

    auto coordinator = [&] {
        diesel::sleep(3); // pretend to do something ...
        std::cout << "Coordinator done." << std::endl;
        ev.set();
    };
    auto consumer = [&] {
        std::cout << "Waiting ..." << std::endl;
        ev.wait();
        std::cout << "The event was triggered!" << std::endl;
    };
    auto late_consumer = [&] {
        diesel::sleep(4);
        consumer();
        diesel::quickstop();
    };
    diesel::quickstart(coordinator, consumer, consumer, consumer, late_consumer);
}
