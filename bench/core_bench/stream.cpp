// SPDX-License-Identifier: MIT
// Reading in place: a parser taking the 100-byte length-prefixed frames in view from peek() and
// consuming them, against a plain recv() loop into a fixed buffer parsing the same frames, on the
// same TCP connection fed by a Service Loop. Compare their bytes_per_second.
#include "../common/in_loop.h"

#include <diesel/diesel.h>

#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

constexpr std::size_t kFrame = 100;

// A 4-byte little-endian body length, then the body.
std::uint32_t body_length(const char *frame)
{
    std::uint32_t length = 0;
    std::memcpy(&length, frame, sizeof length);
    return length;
}

// 64 KiB worth of frames, sent over and over.
std::string frames()
{
    std::string block;
    while (block.size() + kFrame <= 64 * 1024) {
        const std::uint32_t length = kFrame - 4;
        block.append(reinterpret_cast<const char *>(&length), 4);
        block.append(kFrame - 4, 'f');
    }
    return block;
}

// Runs `reader` on a Client connected to a Service that sends frames until the client leaves.
template<class Reader>
void with_feed(Reader reader)
{
    bench::in_loop([&] {
        const std::string block = frames();
        diesel::Service feed(
            [&](const diesel::Address &) {
                for (;;)
                    diesel::send(block);
            },
            0, "127.0.0.1");
        feed.start();
        diesel::Client client("127.0.0.1", feed.port());
        reader(client.connection());
    });
}

void BM_PeekParserFrames(benchmark::State &state)
{
    with_feed([&](diesel::Connection &conn) {
        std::uint64_t checksum = 0;
        std::int64_t bytes = 0;
        std::size_t want = 1;
        for (auto _ : state) {
            // Parse every complete frame in view, consume them, ask for more only when stuck.
            const std::string_view view = conn.peek(want);
            std::size_t at = 0;
            while (view.size() - at >= 4 && view.size() - at >= 4 + body_length(view.data() + at)) {
                const std::size_t size = 4 + body_length(view.data() + at);
                checksum += static_cast<unsigned char>(view[at + size - 1]);
                at += size;
            }
            conn.consume(at);
            want = view.size() - at + 1;
            bytes += static_cast<std::int64_t>(at);
        }
        benchmark::DoNotOptimize(checksum);
        state.SetBytesProcessed(bytes);
    });
}
BENCHMARK(BM_PeekParserFrames);

void BM_RecvLoopFrames(benchmark::State &state)
{
    with_feed([&](diesel::Connection &conn) {
        std::array<char, 16 * 1024> buffer;
        std::size_t kept = 0; // an incomplete frame carried to the front
        std::uint64_t checksum = 0;
        std::int64_t bytes = 0;
        for (auto _ : state) {
            const ssize_t n =
                ::recv(conn.native_handle(), buffer.data() + kept, buffer.size() - kept, 0);
            if (n <= 0) {
                if (n < 0 && errno != EAGAIN && errno != EINTR)
                    state.SkipWithError("recv failed");
                diesel::sleep(0); // let the feeding Loop write
                continue;
            }
            const std::size_t end = kept + static_cast<std::size_t>(n);
            std::size_t at = 0;
            while (end - at >= 4 && end - at >= 4 + body_length(buffer.data() + at)) {
                const std::size_t size = 4 + body_length(buffer.data() + at);
                checksum += static_cast<unsigned char>(buffer[at + size - 1]);
                at += size;
            }
            kept = end - at;
            std::memmove(buffer.data(), buffer.data() + at, kept);
            bytes += n;
        }
        benchmark::DoNotOptimize(checksum);
        state.SetBytesProcessed(bytes);
    });
}
BENCHMARK(BM_RecvLoopFrames);

} // namespace
