// SPDX-License-Identifier: MIT
// RiakClient: Riak's Protocol Buffers (PBC) API on core's request channel. Many Loops share one
// connection: their requests pipeline and each reads its own reply; a lost connection is
// replaced on the next call.
//
//     diesel::riak::RiakClient c;                       // localhost:8087
//     c.put("testing", "foo", "1", {.return_body = true});
//     diesel::riak::Object o = c.get("testing", "foo");  // o.siblings[0].value == "1"
#pragma once

#include <diesel/core/client.h>
#include <diesel/core/request_channel.h>
#include <diesel/core/types.h>
#include <diesel/riak/error.h>
#include <diesel/riak/export.h>
#include <diesel/riak/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace diesel::riak {

namespace detail {
struct ClientState;
}

/// How a RiakClient connects and what it accepts.
struct DIESEL_RIAK_EXPORT RiakOptions
{
    /// Bounds each call from its request to the end of its (streamed) reply; past it the
    /// connection is dropped and the call throws diesel::RequestTimeout. None: unbounded.
    std::optional<Seconds> request_timeout;
    /// Longest frame accepted; a longer declared length throws RiakProtocolError.
    std::size_t max_frame = 64 * 1024 * 1024;
    /// Sent (RpbSetClientIdReq) on every new connection when not empty.
    std::string client_id;
    /// Connect timeout, TLS, label.
    ClientOptions client;
};

/// Called with each key or bucket name of a streamed listing.
using NameCallback = std::function<void(std::string_view)>;
/// Called with each result of an index query: the term (with return_terms, else empty) and key.
using IndexCallback = std::function<void(std::string_view term, std::string_view key)>;
/// Called with each batch of a MapReduce phase's results (a JSON array).
using PhaseCallback = std::function<void(std::uint32_t phase, std::string_view json)>;

/// A client of one Riak node. Calls suspend the calling Loop; they throw RiakError for Riak's
/// error responses, RiakProtocolError, ConnectionClosed, RequestTimeout and what connecting throws.
class DIESEL_RIAK_EXPORT RiakClient
{
public:
    /// A client of host:port; it connects on the first call.
    explicit RiakClient(std::string host = "localhost", std::uint16_t port = 8087,
                        RiakOptions options = {});
    RiakClient(const RiakClient &) = delete;
    RiakClient &operator=(const RiakClient &) = delete;
    ~RiakClient();

    /// Suspends the calling Loop until Riak answers a ping.
    void ping();
    /// Suspends the calling Loop; the node's name and version.
    ServerInfo server_info();
    /// Suspends the calling Loop; this connection's client id.
    std::string client_id();
    /// Suspends the calling Loop while setting the client id; it is sent again on reconnects.
    void set_client_id(std::string id);

    /// Suspends the calling Loop; the object at bucket/key with all its siblings (none when not
    /// found).
    Object get(std::string_view bucket, std::string_view key, const GetOptions &options = {});
    /// Suspends the calling Loop while storing `content` at bucket/key; an empty key lets Riak
    /// choose one (returned in PutResult::key).
    PutResult put(std::string_view bucket, std::string_view key, Content content,
                  const PutOptions &options = {});
    /// put() of a value with no content type (the guide's put(bucket, key, value)).
    PutResult put(std::string_view bucket, std::string_view key, std::string_view value,
                  const PutOptions &options = {});
    /// Suspends the calling Loop while deleting bucket/key (leaving a tombstone).
    void delete_(std::string_view bucket, std::string_view key, const DeleteOptions &options = {});

    /// Suspends the calling Loop while Riak streams the bucket names to `each`, frame by frame.
    void list_buckets(const NameCallback &each);
    /// Suspends the calling Loop while Riak streams the bucket's keys to `each`, frame by frame:
    /// never all in memory at once. If `each` throws, the rest of the stream is discarded.
    void list_keys(std::string_view bucket, const NameCallback &each);

    /// Suspends the calling Loop; the bucket's properties.
    BucketProps bucket_props(std::string_view bucket);
    /// Suspends the calling Loop while setting the properties that are set in `props`.
    void set_bucket_props(std::string_view bucket, const BucketProps &props);
    /// Suspends the calling Loop while resetting the bucket's properties to the defaults.
    void reset_bucket_props(std::string_view bucket);

    /// Suspends the calling Loop while the query's results stream to `each`; returns the
    /// continuation of the next page, if any.
    IndexPage index(const IndexQuery &query, const IndexCallback &each);
    /// Suspends the calling Loop while a MapReduce job (JSON by default: inputs and query phases
    /// in JavaScript or Erlang) runs; each kept phase's results stream to `each`.
    void map_reduce(std::string_view job, const PhaseCallback &each,
                    std::string_view content_type = "application/json");

    /// Drops the connection; the next call reconnects.
    void close() noexcept;
    /// The request channel underneath (connection count, name, in-flight requests).
    RequestChannel &channel() noexcept;

private:
    std::unique_ptr<detail::ClientState> m_state;
};

} // namespace diesel::riak
