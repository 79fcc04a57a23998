// SPDX-License-Identifier: MIT
// Links the installed diesel::core and runs a holla round trip through it; links
// diesel::mongodb (and through the package, libbson and libmongoc) and builds a Document.
#include <diesel/diesel.h>
#include <diesel/mongodb.h>

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
        const diesel::mongodb::Document doc{{"consumer", 1}};
        std::cout << "document: " << doc.to_relaxed_json() << "\n";
        status = reply == "consumer\n" && doc["consumer"].as_int() == 1 ? 0 : 1;
        service.stop();
        diesel::quickstop();
    });
    return status;
}
