// SPDX-License-Identifier: MIT
// What diesel::mongodb reads from a server's bytes: Document::from_bson (validated as the driver
// validates replies), every value read through Value (nested documents, arrays, other types
// through Extended JSON) and the JSON round trip; the same bytes as Extended JSON text. Anything
// but a diesel::Error is a bug, as is a crash or a leak.
#include <diesel/core/error.h>
#include <diesel/mongodb/document.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace {
using namespace diesel::mongodb;

void walk(const Value &v, int depth)
{
    if (depth > 200)
        return;
    switch (v.type()) {
    case Value::Type::Nested:
        for (const std::string &key : v.as_document().keys())
            if (std::optional<Value> child = v.as_document().get(key))
                walk(*child, depth + 1);
        break;
    case Value::Type::List:
        for (const Value &item : v.as_array())
            walk(item, depth + 1);
        break;
    case Value::Type::Other:
        (void)Document{{"v", v}};
        break;
    default:
        break;
    }
}

void check(const Document &d)
{
    walk(Value(d), 0);
    // Parsed back too: a key such as "$date" makes libbson read a different document, which is
    // libbson's Extended JSON ambiguity, not an error.
    try {
        (void)Document::from_json(d.to_json());
    } catch (const diesel::Error &) {
    }
    (void)d.to_relaxed_json();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        check(Document::from_bson(std::span(data, size)));
    } catch (const diesel::Error &) {
    }
    try {
        check(Document::from_json(std::string_view(reinterpret_cast<const char *>(data), size)));
    } catch (const diesel::Error &) {
    }
    return 0;
}
