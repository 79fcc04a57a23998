// SPDX-License-Identifier: MIT
// The guide's Countdown example: "done" is set only after three ticks, a second apart; the Loop
// waiting for it then says "Boom!" and stops the program.
//
//   countdown
#include <diesel/diesel.h>

#include <iostream>

int main()
{
    diesel::Countdown done(3, "done"); // won't be set until it is ticked 3 times

    auto ticker = [&] {
        for (int i = 0; i < 3; ++i) {
            std::cout << "Tick ..." << std::endl;
            diesel::sleep(1);
            done.tick();
        }
    };
    auto stop_when_done = [&] {
        done.wait();
        std::cout << "Boom!" << std::endl;
        diesel::quickstop();
    };
    diesel::quickstart(ticker, stop_when_done);
}
