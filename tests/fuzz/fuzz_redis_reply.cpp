// SPDX-License-Identifier: MIT
// The Redis reply reader fed arbitrary bytes in arbitrary pieces, every reply it yields run
// through the conversions the typed commands use. Anything but a diesel::Error is a bug, as is
// a crash, a leak or a reply past the limits.
#include "convert.h"
#include "reader.h"

#include <diesel/core/error.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
using namespace diesel::redis;
using namespace diesel::redis::detail;

template<class F>
void quietly(F &&f)
{
    try {
        f();
    } catch (const diesel::Error &) {
    }
}

// Each conversion of convert.h on its own copy of the reply.
template<class... F>
void each(const Reply &reply, F... convert)
{
    (quietly([&] { (void)convert(Reply(reply)); }), ...);
}

void convert_every_way(const Reply &reply)
{
    (void)reply.to_string();
    quietly([&] { (void)reply.as_int(); });
    quietly([&] { (void)reply.as_double(); });
    quietly([&] { (void)reply.as_bool(); });
    quietly([&] { (void)parse_u64(reply); });
    quietly([&] { to_ok(Reply(reply)); });
    each(reply, to_int, to_opt_int, to_bool, to_double, to_opt_double,
         static_cast<std::string (*)(Reply &&)>(to_string), to_opt_string, to_strings,
         to_opt_strings, to_set, to_map, to_pairs, to_scored, to_opt_doubles, to_bools, to_ints,
         to_key_value, to_key_values, to_keyed_member, to_stream_entry, to_stream_entries,
         to_stream_messages);
    quietly([&] {
        (void)to_scan<std::string>(Reply(reply),
                                   [](Reply &&items) { return to_strings(std::move(items)); });
    });
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte sets the piece size (1..256), so that every split point gets tried.
    const std::size_t piece = std::size_t(data[0]) + 1;
    const std::string_view bytes(reinterpret_cast<const char *>(data) + 1, size - 1);
    ReplyReader reader(ReplyLimits{1 << 12, 1 << 16, 1 << 20});
    try {
        for (std::size_t at = 0; at < bytes.size(); at += piece) {
            reader.feed(bytes.substr(at, piece));
            while (std::optional<Reply> reply = reader.next())
                convert_every_way(*reply);
        }
    } catch (const diesel::Error &) {
    }
    return 0;
}
