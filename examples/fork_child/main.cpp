// SPDX-License-Identifier: MIT
// fork_child: "child loops that will die if their parent dies. Poor children."
// The parent works for 2.5 s while its child ticks every half second; when the parent ends, the
// child gets ParentDied. A plain fork()ed sibling keeps going until the program stops.
#include <diesel/diesel.h>

#include <iostream>

void child()
{
    try {
        for (int tick = 1;; ++tick) {
            diesel::sleep(0.5);
            std::cout << "  child: tick " << tick << std::endl;
        }
    } catch (const diesel::ParentDied &) {
        std::cout << "  child: my parent died, so do I" << std::endl;
        throw;
    }
}

void orphan()
{
    diesel::sleep(3.5);
    std::cout << "  forked sibling: still here after the parent ended" << std::endl;
    diesel::quickstop();
}

void parent()
{
    diesel::fork_child(child);
    diesel::fork(orphan);
    diesel::sleep(2.5);
    std::cout << "parent: done" << std::endl;
}

int main()
{
    diesel::quickstart(parent);
}
