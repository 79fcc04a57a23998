// SPDX-License-Identifier: MIT
// A hand-made WebSocket client for the hostile tests: the opening handshake, then frames built
// byte by byte (or any bytes at all), and the server's frames read back. Written apart from the
// library so that a bug there cannot hide in both ends.
#pragma once

#include <diesel/core/client.h>
#include <diesel/core/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dtest {

/// One frame as the server sent it.
struct RawFrame
{
    int opcode = 0;
    bool fin = true;
    std::string payload;
    /// The code of a close frame (1005 when it has none).
    int close_code() const;
};

class RawWebSocket
{
public:
    /// From a Loop: connects to 127.0.0.1:`port` and upgrades `target`; throws
    /// std::runtime_error with the response unless it is a 101.
    explicit RawWebSocket(std::uint16_t port, const std::string &target = "/ws");

    /// Sends `bytes` as they are.
    void send_raw(std::string_view bytes);
    /// Sends one frame with first byte `b0` (FIN, RSV bits, opcode), masked unless `masked` is
    /// false; `declared` replaces the payload length written in the header.
    void send_frame(std::uint8_t b0, std::string_view payload, bool masked = true,
                    std::optional<std::uint64_t> declared = std::nullopt);
    /// The server's next frame, or nullopt when the connection closed (or `wait` passed: then
    /// it is closed).
    std::optional<RawFrame> read_frame(diesel::Seconds wait = diesel::Seconds(10));
    /// Reads frames until the server's close frame and returns its code; -1 when the connection
    /// ended without one.
    int read_close(diesel::Seconds wait = diesel::Seconds(10));
    /// Whether the server closed the connection within `wait` (reading and dropping frames).
    bool closed_by_server(diesel::Seconds wait = diesel::Seconds(10));

    diesel::Client client;
};

/// Frame bytes: `b0`, the length (as `declared` if given), a fixed masking key when `masked`.
std::string raw_frame(std::uint8_t b0, std::string_view payload, bool masked = true,
                      std::optional<std::uint64_t> declared = std::nullopt);

} // namespace dtest
