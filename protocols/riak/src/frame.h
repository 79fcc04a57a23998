// SPDX-License-Identifier: MIT
// Riak PBC framing: a 4-byte big-endian length (covering the code and the message), a 1-byte
// message code, the protobuf message. Frames are read in place from a connection's buffer and
// consumed whole, so a reader stopped between frames can be resumed by another (the channel's
// discard).
#pragma once

#include "codes.h"

#include <diesel/core/connection.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::riak::detail {

/// One frame as it lies in a buffer: valid until the buffer changes.
struct Frame
{
    std::uint8_t code = 0;
    std::string_view body; ///< the protobuf message
    std::size_t size = 0;  ///< bytes the frame takes, header included
};

/// The first frame of `bytes`, or nullopt while it is incomplete. Throws RiakProtocolError for a
/// zero length, a length over `max_frame` (as soon as the header is in) or a code that is not a
/// reply code.
std::optional<Frame> parse_frame(std::string_view bytes, std::size_t max_frame);

/// Suspends the calling Loop until a whole frame is buffered on `conn`; returns it unconsumed.
/// Throws as parse_frame, and ConnectionClosed.
Frame peek_frame(Connection &conn, std::size_t max_frame);

/// The 5-byte header of a frame carrying `code` and a message of `body_size` bytes.
std::string frame_header(Code code, std::size_t body_size);

/// Whether `frame` is the last of its reply: a non-streamed reply, an error, or a stream's frame
/// with done set. Throws RiakProtocolError if a streamed frame does not parse.
bool ends_reply(const Frame &frame);

/// Reads and drops one whole reply (all frames of a streamed one): the channel's discard.
void discard_reply(Connection &conn, std::size_t max_frame);

} // namespace diesel::riak::detail
