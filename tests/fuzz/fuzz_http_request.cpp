// SPDX-License-Identifier: MIT
// The HTTP request parser (llhttp with the server's limits) fed arbitrary bytes the way the
// server feeds it: the head kept until complete, the body consumed as parsed, pipelined
// requests one after another. Fed in pieces it must yield exactly what it yields fed whole, keep
// every request within its limits and never let CR or LF into a header value.
#include "request_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
using namespace diesel::http;
using namespace diesel::http::detail;

constexpr RequestLimits kLimits{64, 1024, 16, 4096};

struct Outcome
{
    std::vector<std::string> requests; // one line per complete request
    bool failed = false;
};

void check(bool ok)
{
    if (!ok)
        std::abort();
}

std::string summary(const Request &r)
{
    check(r.target.size() <= kLimits.max_target);
    check(r.headers.size() <= kLimits.max_headers);
    check(r.body.size() <= kLimits.max_body);
    std::string line = r.method + ' ' + r.target + ' ' + std::to_string(r.version_major) + '.' +
                       std::to_string(r.version_minor);
    for (const Field &f : r.headers) {
        check(f.value.find_first_of("\r\n") == std::string::npos);
        line += '|' + f.name + ':' + f.value;
    }
    return line + '|' + r.body;
}

// Parses `bytes` arriving `piece` bytes at a time, as serve_connection() does over a connection.
Outcome parse(std::string_view bytes, std::size_t piece)
{
    Outcome outcome;
    RequestParser parser(kLimits);
    std::string buffer; // the connection's unconsumed bytes
    std::size_t fed = 0;
    std::size_t arrived = 0;
    Request request;
    parser.start(request);
    for (;;) {
        if (fed == buffer.size()) {
            if (arrived == bytes.size())
                return outcome;
            const std::string_view more = bytes.substr(arrived, piece);
            buffer.append(more);
            arrived += more.size();
        }
        const auto result = parser.feed(std::string_view(buffer).substr(fed));
        check(result.parsed <= buffer.size() - fed);
        fed += result.parsed;
        switch (result.step) {
        case RequestParser::Step::Failed:
            check(parser.status() == 400 || parser.status() == 413 || parser.status() == 414 ||
                  parser.status() == 431);
            outcome.failed = true;
            return outcome;
        case RequestParser::Step::NeedMore:
            check(fed == buffer.size());
            break;
        case RequestParser::Step::HeadComplete:
            break;
        case RequestParser::Step::MessageComplete:
            outcome.requests.push_back(summary(request));
            request = Request();
            parser.start(request);
            break;
        }
        // The head stays buffered until it is complete; afterwards what was parsed goes.
        if (result.step != RequestParser::Step::NeedMore || parser.head_bytes() == 0) {
            buffer.erase(0, fed);
            fed = 0;
        }
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte sets the piece size (1..256), so that every split point gets tried.
    const std::size_t piece = std::size_t(data[0]) + 1;
    const std::string_view bytes(reinterpret_cast<const char *>(data) + 1, size - 1);
    const Outcome whole = parse(bytes, bytes.size() + 1);
    const Outcome pieces = parse(bytes, piece);
    check(whole.failed == pieces.failed);
    check(whole.requests == pieces.requests);
    return 0;
}
