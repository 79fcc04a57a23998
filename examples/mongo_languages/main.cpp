// SPDX-License-Identifier: MIT
// The guide's MongoDB example: insert three languages with their type, then print the
// functional ones and the imperative ones, reading each cursor batch by batch with more()
// until it is finished.
//
//   mongo_languages [host] [port]     (default localhost 27017)
#include <diesel/diesel.h>
#include <diesel/mongodb.h>

#include <cstdlib>
#include <iostream>

using diesel::mongodb::Document;
using diesel::mongodb::MongoClient;

namespace {

void print_all(MongoClient &conn, const Document &query)
{
    auto cursor = conn["dieselsample"]["test"].find(query);
    while (!cursor.finished())
        for (const Document &res : cursor.more())
            std::cout << res["language"].as_string() << "\n";
}

} // namespace

int main(int argc, char **argv)
{
    const std::string host = argc > 1 ? argv[1] : "localhost";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 27017);
    int status = 0;
    diesel::quickstart([&] {
        try {
            MongoClient d(host, port);
            d.drop_database("dieselsample");
            const std::pair<const char *, const char *> langs[] = {
                {"Python", "imperative"}, {"Haskell", "functional"}, {"C", "imperative"}};
            for (const auto &[lang, ltype] : langs)
                d["dieselsample"]["test"].insert({{"language", lang}, {"type", ltype}});
            std::cout << "type == functional\n";
            print_all(d, {{"type", "functional"}});
            std::cout << "type == imperative\n";
            print_all(d, {{"type", "imperative"}});
        } catch (const diesel::Error &e) {
            std::cerr << "mongo_languages: " << e.what() << std::endl;
            status = 1;
        }
        diesel::quickstop();
    });
    return status;
}
