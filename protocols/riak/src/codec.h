// SPDX-License-Identifier: MIT
// Riak PBC messages to and from the public types. Encoders return whole frames; decoders take a
// frame's body, copy what they need out of it and throw RiakProtocolError when it does not parse.
// The generated protobuf classes stay inside codec.cpp.
#pragma once

#include "codes.h"

#include <diesel/riak/error.h>
#include <diesel/riak/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::riak::detail {

/// A frame with no message (ping, server info, client id requests).
std::string encode_empty(Code code);
std::string encode_set_client_id(std::string_view id);
std::string encode_get(std::string_view bucket, std::string_view key, const GetOptions &options);
std::string encode_put(std::string_view bucket, std::string_view key, const Content &content,
                       const PutOptions &options);
std::string encode_delete(std::string_view bucket, std::string_view key,
                          const DeleteOptions &options);
/// Streamed listing of the buckets.
std::string encode_list_buckets();
std::string encode_list_keys(std::string_view bucket);
std::string encode_get_bucket(std::string_view bucket);
std::string encode_set_bucket(std::string_view bucket, const BucketProps &props);
std::string encode_reset_bucket(std::string_view bucket);
/// A streamed index query.
std::string encode_index(const IndexQuery &query);
std::string encode_map_reduce(std::string_view job, std::string_view content_type);

/// The error an RpbErrorResp carries.
RiakError decode_error(std::string_view body);
ServerInfo decode_server_info(std::string_view body);
std::string decode_client_id(std::string_view body);
Object decode_get(std::string_view body);
PutResult decode_put(std::string_view body);
BucketProps decode_bucket_props(std::string_view body);

/// One frame of a streamed listing of names (keys or buckets).
struct NamesBatch
{
    std::vector<std::string> names;
    bool done = false;
};
NamesBatch decode_names(std::string_view body);

/// One frame of a streamed index query: (term, key) results.
struct IndexBatch
{
    std::vector<std::pair<std::string, std::string>> results;
    std::string continuation;
    bool done = false;
};
IndexBatch decode_index(std::string_view body);

/// One frame of a MapReduce reply.
struct PhaseBatch
{
    std::uint32_t phase = 0;
    std::string json; ///< empty when the frame carries none
    bool done = false;
};
PhaseBatch decode_map_reduce(std::string_view body);

} // namespace diesel::riak::detail
