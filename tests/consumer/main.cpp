// SPDX-License-Identifier: MIT
// Links the installed diesel::core and runs a holla round trip through it.
#include <diesel/diesel.h>

#include <iostream>

int main()
{
    int status = 1;
    diesel::Service service(
        [](const diesel::Address &) {
            for (;;)
                diesel::send(diesel::until_eol());
        },
        0, "127.0.0.1");
    diesel::quickstart([&] {
        service.start();
        diesel::Client client("127.0.0.1", service.port());
        const std::string reply = client.call([] {
            diesel::send("consumer\n");
            return diesel::until_eol();
        });
        std::cout << "reply: " << reply;
        status = reply == "consumer\n" ? 0 : 1;
        service.stop();
        diesel::quickstop();
    });
    return status;
}
