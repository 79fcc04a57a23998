// SPDX-License-Identifier: MIT
// Every traffic decoder of the workbench (RESP, HTTP, WebSocket, Riak PBC, MongoDB) fed arbitrary
// bytes in arbitrary pieces on both sides. A crash, a leak, unbounded memory or a message whose
// byte range leaves what was fed or goes backwards is a bug; stopping with a reason is not.
#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/mongodecoder.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const diesel::widgets::DecoderRegistry &registry()
{
    static const diesel::widgets::DecoderRegistry r = [] {
        auto all = diesel::widgets::DecoderRegistry::builtins();
        all.add(diesel::widgets::mongoDecoderFactory());
        return all;
    }();
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace diesel::widgets;
    if (size < 3)
        return 0;
    // The first byte picks the decoder, the second the length of the pieces, the third's bits
    // which side sends each piece; the rest are the bytes.
    const auto &factories = registry().factories();
    std::unique_ptr<TrafficDecoder> decoder = factories[data[0] % factories.size()].create();
    const std::size_t length = std::size_t(data[1]) + 1;
    std::array<std::uint64_t, 2> fed{};
    std::array<std::uint64_t, 2> covered{};
    int k = 0;
    for (std::size_t at = 3; at < size; at += length, ++k) {
        const Side side = (data[2] >> (k % 8)) & 1 ? Side::Server : Side::Client;
        std::vector<DecodedMessage> out;
        const QByteArrayView piece(reinterpret_cast<const char *>(data + at),
                                   qsizetype(std::min(length, size - at)));
        decoder->feed(side, piece, out);
        fed[std::size_t(side)] += std::uint64_t(piece.size());
        for (const DecodedMessage &m : out) {
            const auto s = std::size_t(m.side);
            if (m.begin < covered[s] || m.end < m.begin || m.end > fed[s])
                std::abort();
            covered[s] = m.end;
        }
    }
    return 0;
}
