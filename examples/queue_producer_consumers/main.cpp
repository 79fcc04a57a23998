// SPDX-License-Identifier: MIT
// The guide's producer and two consumers coordinating work over a Queue. The producer makes an
// item every 0.5 s, each consumer takes 1 s per item: together they keep up. After the 20 items
// the consumers wait for more forever, as in the guide: stop it with Ctrl-C.
//
//   queue_producer_consumers
#include <diesel/diesel.h>

#include <iostream>
#include <string>

namespace {

void producer(diesel::Queue<std::string> &queue)
{
    for (int i = 0; i < 20; ++i) {
        queue.put("Item " + std::to_string(i));
        diesel::sleep(0.5);
    }
}

// The guide's listing also calls queue.get() once before its loop, throwing the first item
// away; its text says every item reaches a consumer, so this port leaves that stray call out.
void consumer(const std::string &ident, diesel::Queue<std::string> &queue)
{
    for (;;) {
        const std::string item = queue.get();
        std::cout << ident << " got " << item << std::endl;
        diesel::sleep(1);
    }
}

} // namespace

int main()
{
    diesel::Queue<std::string> q("items");
    diesel::quickstart([&] { producer(q); }, [&] { consumer("A", q); }, [&] { consumer("B", q); });
}
