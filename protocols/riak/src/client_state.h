// SPDX-License-Identifier: MIT
// What a RiakClient holds: its options and the request channel, and the one way every call goes
// through it (call()).
#pragma once

#include "codec.h"
#include "frame.h"

#include <diesel/core/request_channel.h>
#include <diesel/riak/client.h>

#include <optional>
#include <string>
#include <string_view>

namespace diesel::riak::detail {

struct ClientState
{
    ClientState(std::string host, std::uint16_t port, RiakOptions options);

    // Sends `frame` and reads its reply: an RpbErrorResp ends it as RiakError; frames of
    // `expected` are decoded with decode(body) (which copies) and, once consumed, handed to
    // deliver(value), which returns true at the reply's last frame. A RiakError is thrown only
    // after the channel has the whole reply, so the connection stays in step; a
    // RiakProtocolError drops the connection.
    template<class Decode, class Deliver>
    void call(const std::string &frame, Code expected, Decode decode, Deliver deliver)
    {
        std::optional<RiakError> error;
        const std::string_view part = frame;
        try {
            channel.request(std::span<const std::string_view>(&part, 1), [&](Connection &conn) {
                for (;;) {
                    const Frame f = peek_frame(conn, options.max_frame);
                    if (f.code == std::uint8_t(Code::ErrorResp)) {
                        error = decode_error(f.body);
                        conn.consume(f.size);
                        return;
                    }
                    if (f.code != std::uint8_t(expected)) {
                        throw RiakProtocolError("riak: message code " + std::to_string(f.code) +
                                                " in reply to a request expecting " +
                                                std::to_string(int(expected)));
                    }
                    auto value = decode(f.body);
                    conn.consume(f.size);
                    if (deliver(std::move(value)))
                        return;
                }
            });
        } catch (const RiakProtocolError &) {
            channel.close();
            throw;
        }
        if (error)
            throw *error;
    }

    // call() of a request answered by one frame, decoded.
    template<class Decode>
    auto call_one(const std::string &frame, Code expected, Decode decode)
    {
        std::optional<std::invoke_result_t<Decode, std::string_view>> out;
        call(frame, expected, decode, [&](auto value) {
            out = std::move(value);
            return true;
        });
        return std::move(*out);
    }

    // call() of a request answered by one frame with no message worth reading.
    void call_empty(const std::string &frame, Code expected);

    RiakOptions options;
    std::string client_id; // sent again on every new connection
    RequestChannel channel;
};

} // namespace diesel::riak::detail
