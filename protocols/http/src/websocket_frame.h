// SPDX-License-Identifier: MIT
// WebSocket frames (RFC 6455 §5): the header parsed in place from a connection's buffer, headers
// written, payloads masked, and the checks a received message or close frame must pass.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace diesel::http::detail {

enum class Opcode : std::uint8_t {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// A parsed frame header; the payload follows it in the stream.
struct FrameHeader
{
    bool fin = true;
    Opcode opcode = Opcode::Text;
    bool masked = false;
    std::array<std::uint8_t, 4> mask{};
    std::uint64_t length = 0;    ///< payload bytes
    std::size_t header_size = 0; ///< bytes of the header itself (2 to 14)

    bool is_control() const noexcept { return (static_cast<std::uint8_t>(opcode) & 0x8) != 0; }
};

/// What parse_frame_header() found.
struct FrameParse
{
    enum class Status { Complete, NeedMore, Failed };
    Status status = Status::NeedMore;
    FrameHeader header;     ///< when Complete
    std::size_t need = 2;   ///< when NeedMore: the header's size so far known
    std::uint16_t code = 0; ///< when Failed: the close code to send
    const char *why = "";   ///< when Failed: the close reason
};

/// Parses the frame header at the start of `bytes`. `expect_masked`: a server requires masked
/// frames, a client forbids them. Fails (1002) on RSV bits, unknown opcodes, a fragmented or
/// longer than 125 bytes control frame, a 64-bit length with its top bit set, wrong masking.
FrameParse parse_frame_header(std::string_view bytes, bool expect_masked) noexcept;

/// Writes a frame header for `length` payload bytes into `out` (at least 14 bytes); returns its
/// size. With `mask`, the mask bit and key are written too.
std::size_t write_frame_header(std::uint8_t *out, Opcode opcode, bool fin, std::uint64_t length,
                               const std::array<std::uint8_t, 4> *mask) noexcept;

/// XORs `n` bytes at `data` with `mask`, the first byte being payload byte `offset`.
void apply_mask(char *data, std::size_t n, const std::array<std::uint8_t, 4> &mask,
                std::uint64_t offset) noexcept;

/// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view text) noexcept;

/// A close frame's payload checked (§5.5.1, §7.4): the code (no_status when empty) and reason,
/// or a failure code (1002 for a 1-byte payload or a code not allowed, 1007 for a reason that
/// is not UTF-8).
struct CloseParse
{
    std::uint16_t code = 1005;
    std::string_view reason;
    std::uint16_t error = 0; ///< 0: valid
};
CloseParse parse_close_payload(std::string_view payload) noexcept;

/// Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + RFC 6455's GUID)).
std::string websocket_accept(std::string_view key);

} // namespace diesel::http::detail
