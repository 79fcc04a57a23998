// SPDX-License-Identifier: MIT
// The guide's second Loop: prints "hi" every second, forever (or until Ctrl-C).
#include <diesel/diesel.h>

#include <iostream>

void say_hi_forever()
{
    for (;;) {
        std::cout << "hi" << std::endl;
        diesel::sleep(1.0);
    }
}

int main()
{
    diesel::quickstart(say_hi_forever);
}
