// SPDX-License-Identifier: MIT
// Riak PBC frames from arbitrary bytes: frames are cut as the client cuts them (limit, length 0,
// unknown codes), and every frame's body goes through every decoder the client has. Anything
// but a diesel::Error is a bug, as is a crash, a leak or an allocation past the frame limit.
#include "codec.h"
#include "frame.h"

#include <diesel/core/error.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
using namespace diesel::riak::detail;

template<class F>
void quietly(F &&f)
{
    try {
        f();
    } catch (const diesel::Error &) {
    }
}

void decode_every_way(std::string_view body)
{
    quietly([&] { (void)decode_error(body); });
    quietly([&] { (void)decode_server_info(body); });
    quietly([&] { (void)decode_client_id(body); });
    quietly([&] { (void)decode_get(body); });
    quietly([&] { (void)decode_put(body); });
    quietly([&] { (void)decode_bucket_props(body); });
    quietly([&] { (void)decode_names(body); });
    quietly([&] { (void)decode_index(body); });
    quietly([&] { (void)decode_map_reduce(body); });
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view bytes(reinterpret_cast<const char *>(data), size);
    // The first byte picks the frame limit, so that both sides of it are explored.
    const std::size_t limit = bytes.empty() ? 16 : 16 + std::size_t(std::uint8_t(bytes[0])) * 64;
    if (!bytes.empty())
        bytes.remove_prefix(1);
    quietly([&] {
        while (auto frame = parse_frame(bytes, limit)) {
            decode_every_way(frame->body);
            quietly([&] { (void)ends_reply(*frame); });
            bytes.remove_prefix(frame->size);
        }
    });
    return 0;
}
