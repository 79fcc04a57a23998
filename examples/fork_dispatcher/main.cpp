// SPDX-License-Identifier: MIT
// The guide's fork example: a dispatcher that forks work off to another Loop.
#include <diesel/diesel.h>

#include <iostream>
#include <string>

void work_on(const std::string &v)
{
    diesel::sleep(2.0);
    std::cout << "Done working on '" << v << "'" << std::endl;
    diesel::quickstop();
}

bool dispatch(const std::string &v)
{
    diesel::fork(work_on, v);
    return true;
}

void main_loop()
{
    const bool was_dispatched = dispatch("x");
    std::cout << "Dispatched: " << (was_dispatched ? "True" : "False") << std::endl;
}

int main()
{
    diesel::quickstart(main_loop);
}
