// SPDX-License-Identifier: MIT
// Riak PBC message codes (basho/riak_pb, riak_pb_messages.csv): the byte after a frame's length.
#pragma once

#include <cstdint>

namespace diesel::riak::detail {

enum class Code : std::uint8_t {
    ErrorResp = 0,
    PingReq = 1,
    PingResp = 2,
    GetClientIdReq = 3,
    GetClientIdResp = 4,
    SetClientIdReq = 5,
    SetClientIdResp = 6,
    GetServerInfoReq = 7,
    GetServerInfoResp = 8,
    GetReq = 9,
    GetResp = 10,
    PutReq = 11,
    PutResp = 12,
    DelReq = 13,
    DelResp = 14,
    ListBucketsReq = 15,
    ListBucketsResp = 16,
    ListKeysReq = 17,
    ListKeysResp = 18,
    GetBucketReq = 19,
    GetBucketResp = 20,
    SetBucketReq = 21,
    SetBucketResp = 22,
    MapRedReq = 23,
    MapRedResp = 24,
    IndexReq = 25,
    IndexResp = 26,
    ResetBucketReq = 29,
    ResetBucketResp = 30,
};

/// Whether `code` is one this client knows how to read (a reply code).
bool is_known_reply(std::uint8_t code) noexcept;

} // namespace diesel::riak::detail
