// SPDX-License-Identifier: MIT
#include "codec.h"
#include "frame.h"

#include <diesel/riak/error.h>

namespace diesel::riak::detail {

namespace {
constexpr std::size_t kHeader = 4;

std::uint32_t big_endian(std::string_view bytes) noexcept
{
    return (std::uint32_t(std::uint8_t(bytes[0])) << 24) |
           (std::uint32_t(std::uint8_t(bytes[1])) << 16) |
           (std::uint32_t(std::uint8_t(bytes[2])) << 8) | std::uint32_t(std::uint8_t(bytes[3]));
}
} // namespace

bool is_known_reply(std::uint8_t code) noexcept
{
    switch (Code(code)) {
    case Code::ErrorResp:
    case Code::PingResp:
    case Code::GetClientIdResp:
    case Code::SetClientIdResp:
    case Code::GetServerInfoResp:
    case Code::GetResp:
    case Code::PutResp:
    case Code::DelResp:
    case Code::ListBucketsResp:
    case Code::ListKeysResp:
    case Code::GetBucketResp:
    case Code::SetBucketResp:
    case Code::MapRedResp:
    case Code::IndexResp:
    case Code::ResetBucketResp:
        return true;
    default:
        return false;
    }
}

std::optional<Frame> parse_frame(std::string_view bytes, std::size_t max_frame)
{
    if (bytes.size() < kHeader)
        return std::nullopt;
    const std::uint32_t length = big_endian(bytes);
    if (length == 0)
        throw RiakProtocolError("riak: a frame of length 0 (no message code)");
    if (length > max_frame)
        throw RiakProtocolError("riak: a frame of " + std::to_string(length) +
                                " bytes, over the limit of " + std::to_string(max_frame));
    if (bytes.size() < kHeader + 1)
        return std::nullopt;
    const auto code = std::uint8_t(bytes[kHeader]);
    if (!is_known_reply(code))
        throw RiakProtocolError("riak: unknown message code " + std::to_string(code));
    if (bytes.size() < kHeader + length)
        return std::nullopt;
    return Frame{code, bytes.substr(kHeader + 1, length - 1), kHeader + length};
}

Frame peek_frame(Connection &conn, std::size_t max_frame)
{
    std::size_t want = kHeader;
    for (;;) {
        const std::string_view buffered = conn.peek(want);
        if (auto frame = parse_frame(buffered, max_frame))
            return *frame;
        // The header is in (else parse_frame would have asked for it): wait for the whole frame.
        want = buffered.size() < kHeader + 1 ? kHeader + 1 : kHeader + big_endian(buffered);
    }
}

std::string frame_header(Code code, std::size_t body_size)
{
    const auto length = std::uint32_t(body_size + 1);
    return {char(length >> 24), char(length >> 16), char(length >> 8), char(length), char(code)};
}

bool ends_reply(const Frame &frame)
{
    switch (Code(frame.code)) {
    case Code::ListBucketsResp:
    case Code::ListKeysResp:
        return decode_names(frame.body).done;
    case Code::IndexResp:
        return decode_index(frame.body).done;
    case Code::MapRedResp:
        return decode_map_reduce(frame.body).done;
    default:
        return true;
    }
}

void discard_reply(Connection &conn, std::size_t max_frame)
{
    for (;;) {
        const Frame frame = peek_frame(conn, max_frame);
        const bool last = ends_reply(frame);
        conn.consume(frame.size);
        if (last)
            return;
    }
}

} // namespace diesel::riak::detail
