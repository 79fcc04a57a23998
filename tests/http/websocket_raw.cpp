// SPDX-License-Identifier: MIT
#include "websocket_raw.h"

#include <diesel/core/error.h>
#include <diesel/core/io.h>

#include <chrono>
#include <stdexcept>

namespace dtest {

namespace {
constexpr std::uint8_t kMask[4] = {0x37, 0xfa, 0x21, 0x3d};

diesel::Clock::time_point after(diesel::Seconds wait)
{
    return diesel::Clock::now() + std::chrono::duration_cast<diesel::Clock::duration>(wait);
}
} // namespace

int RawFrame::close_code() const
{
    if (payload.size() < 2)
        return 1005;
    return (static_cast<std::uint8_t>(payload[0]) << 8) | static_cast<std::uint8_t>(payload[1]);
}

std::string raw_frame(std::uint8_t b0, std::string_view payload, bool masked,
                      std::optional<std::uint64_t> declared)
{
    const std::uint64_t length = declared.value_or(payload.size());
    std::string out(1, static_cast<char>(b0));
    const char mask_bit = masked ? char(0x80) : 0;
    if (length < 126) {
        out += static_cast<char>(mask_bit | static_cast<char>(length));
    } else if (length < 65536) {
        out += static_cast<char>(mask_bit | 126);
        out += static_cast<char>(length >> 8);
        out += static_cast<char>(length & 0xff);
    } else {
        out += static_cast<char>(mask_bit | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            out += static_cast<char>((length >> shift) & 0xff);
    }
    if (masked)
        out.append(reinterpret_cast<const char *>(kMask), 4);
    for (std::size_t i = 0; i < payload.size(); ++i)
        out += masked ? static_cast<char>(payload[i] ^ kMask[i % 4]) : payload[i];
    return out;
}

RawWebSocket::RawWebSocket(std::uint16_t port, const std::string &target)
    : client("127.0.0.1", port)
{
    client.call([&] {
        diesel::send("GET " + target +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        const std::string head = diesel::until("\r\n\r\n");
        // RFC 6455 §1.3's example key and its accept value.
        if (!head.starts_with("HTTP/1.1 101 ") ||
            head.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") == std::string::npos)
            throw std::runtime_error("no upgrade: " + head);
    });
}

void RawWebSocket::send_raw(std::string_view bytes)
{
    client.call([&] { diesel::send(bytes); });
}

void RawWebSocket::send_frame(std::uint8_t b0, std::string_view payload, bool masked,
                              std::optional<std::uint64_t> declared)
{
    send_raw(raw_frame(b0, payload, masked, declared));
}

std::optional<RawFrame> RawWebSocket::read_frame(diesel::Seconds wait)
{
    if (!client.is_connected())
        return std::nullopt;
    client.connection().set_deadline(after(wait));
    try {
        return client.call([] {
            const std::string head = diesel::receive(2);
            RawFrame frame;
            frame.fin = (head[0] & 0x80) != 0;
            frame.opcode = head[0] & 0x0f;
            std::uint64_t length = static_cast<std::uint8_t>(head[1]) & 0x7f;
            if (length >= 126) {
                const std::string ext = diesel::receive(length == 126 ? 2 : 8);
                length = 0;
                for (const char c : ext)
                    length = (length << 8) | static_cast<std::uint8_t>(c);
            }
            if (length > 64 * 1024 * 1024)
                throw std::runtime_error("server frame of " + std::to_string(length) + " bytes");
            frame.payload = diesel::receive(static_cast<std::size_t>(length));
            return std::optional<RawFrame>(std::move(frame));
        });
    } catch (const diesel::ConnectionClosed &) {
        client.close();
        return std::nullopt;
    }
}

int RawWebSocket::read_close(diesel::Seconds wait)
{
    const auto until = after(wait);
    while (const auto frame = read_frame(
               std::chrono::duration_cast<diesel::Seconds>(until - diesel::Clock::now()))) {
        if (frame->opcode == 0x8)
            return frame->close_code();
    }
    return -1;
}

bool RawWebSocket::closed_by_server(diesel::Seconds wait)
{
    const auto until = after(wait);
    while (read_frame(std::chrono::duration_cast<diesel::Seconds>(until - diesel::Clock::now()))) {
    }
    return diesel::Clock::now() < until;
}

} // namespace dtest
