// SPDX-License-Identifier: MIT
// The guide's first Loop: prints "hi" and stops the application.
#include <diesel/diesel.h>

#include <iostream>

void say_hi()
{
    std::cout << "hi" << std::endl;
    diesel::quickstop();
}

int main()
{
    diesel::quickstart(say_hi);
}
