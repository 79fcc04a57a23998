// SPDX-License-Identifier: MIT
#include "websocket_frame.h"

#include <diesel/http/websocket.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstring>

namespace diesel::http::detail {

namespace {
FrameParse failed(const char *why)
{
    FrameParse r;
    r.status = FrameParse::Status::Failed;
    r.code = close_code::protocol_error;
    r.why = why;
    return r;
}

bool known_opcode(std::uint8_t op) noexcept
{
    return op <= 0x2 || (op >= 0x8 && op <= 0xA);
}
} // namespace

FrameParse parse_frame_header(std::string_view bytes, bool expect_masked) noexcept
{
    FrameParse r;
    if (bytes.size() < 2)
        return r;
    const auto b0 = static_cast<std::uint8_t>(bytes[0]);
    const auto b1 = static_cast<std::uint8_t>(bytes[1]);
    if ((b0 & 0x70) != 0)
        return failed("reserved bits set without an extension");
    const std::uint8_t op = b0 & 0x0F;
    if (!known_opcode(op))
        return failed("unknown opcode");
    FrameHeader &h = r.header;
    h.fin = (b0 & 0x80) != 0;
    h.opcode = static_cast<Opcode>(op);
    h.masked = (b1 & 0x80) != 0;
    if (h.masked != expect_masked)
        return failed(expect_masked ? "client frame not masked" : "server frame masked");
    const std::uint8_t len7 = b1 & 0x7F;
    const std::size_t extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
    h.header_size = 2 + extended + (h.masked ? 4 : 0);
    if (h.is_control() && (!h.fin || len7 > 125))
        return failed(h.fin ? "control frame longer than 125 bytes" : "fragmented control frame");
    if (bytes.size() < h.header_size) {
        r.need = h.header_size;
        return r;
    }
    if (extended == 0) {
        h.length = len7;
    } else {
        h.length = 0;
        for (std::size_t i = 0; i < extended; ++i)
            h.length = (h.length << 8) | static_cast<std::uint8_t>(bytes[2 + i]);
        if (extended == 8 && (h.length >> 63) != 0)
            return failed("64-bit payload length with its top bit set");
    }
    if (h.masked)
        std::memcpy(h.mask.data(), bytes.data() + 2 + extended, 4);
    r.status = FrameParse::Status::Complete;
    return r;
}

std::size_t write_frame_header(std::uint8_t *out, Opcode opcode, bool fin, std::uint64_t length,
                               const std::array<std::uint8_t, 4> *mask) noexcept
{
    out[0] = static_cast<std::uint8_t>((fin ? 0x80 : 0) | static_cast<std::uint8_t>(opcode));
    const std::uint8_t mask_bit = mask ? 0x80 : 0;
    std::size_t n = 2;
    if (length < 126) {
        out[1] = static_cast<std::uint8_t>(mask_bit | length);
    } else if (length <= 0xFFFF) {
        out[1] = mask_bit | 126;
        out[2] = static_cast<std::uint8_t>(length >> 8);
        out[3] = static_cast<std::uint8_t>(length);
        n = 4;
    } else {
        out[1] = mask_bit | 127;
        for (int i = 0; i < 8; ++i)
            out[2 + i] = static_cast<std::uint8_t>(length >> (8 * (7 - i)));
        n = 10;
    }
    if (mask) {
        std::memcpy(out + n, mask->data(), 4);
        n += 4;
    }
    return n;
}

void apply_mask(char *data, std::size_t n, const std::array<std::uint8_t, 4> &mask,
                std::uint64_t offset) noexcept
{
    // The key rotated to this piece's offset, repeated over 8 bytes, masks a word at a time.
    std::array<std::uint8_t, 8> key8{};
    for (std::size_t i = 0; i < 8; ++i)
        key8[i] = mask[(offset + i) % 4];
    std::uint64_t key;
    std::memcpy(&key, key8.data(), 8);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        word ^= key;
        std::memcpy(data + i, &word, 8);
    }
    for (; i < n; ++i)
        data[i] = static_cast<char>(static_cast<std::uint8_t>(data[i]) ^ key8[i % 8]);
}

bool valid_utf8(std::string_view text) noexcept
{
    const auto *s = reinterpret_cast<const std::uint8_t *>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII runs are the common case: skip them 8 bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) != 0)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        const std::uint8_t c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra;
        std::uint8_t lo = 0x80, hi = 0xBF; // the allowed range of the second byte (RFC 3629 §4)
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (std::size_t k = 2; k <= extra; ++k)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        i += extra + 1;
    }
    return true;
}

CloseParse parse_close_payload(std::string_view payload) noexcept
{
    CloseParse r;
    if (payload.empty())
        return r;
    if (payload.size() == 1) {
        r.error = close_code::protocol_error;
        return r;
    }
    r.code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(payload[0]) << 8) |
                                        static_cast<std::uint8_t>(payload[1]));
    r.reason = payload.substr(2);
    if (!valid_close_code(r.code))
        r.error = close_code::protocol_error;
    else if (!valid_utf8(r.reason))
        r.error = close_code::invalid_payload;
    return r;
}

std::string websocket_accept(std::string_view key)
{
    static constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    std::string input;
    input.reserve(key.size() + kGuid.size());
    input.append(key).append(kGuid);
    std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
    SHA1(reinterpret_cast<const unsigned char *>(input.data()), input.size(), digest.data());
    std::array<unsigned char, 4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1> text{};
    const int n = EVP_EncodeBlock(text.data(), digest.data(), SHA_DIGEST_LENGTH);
    return std::string(reinterpret_cast<const char *>(text.data()), static_cast<std::size_t>(n));
}

} // namespace diesel::http::detail

namespace diesel::http {

bool valid_close_code(std::uint16_t code) noexcept
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

} // namespace diesel::http
