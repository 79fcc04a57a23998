// SPDX-License-Identifier: MIT
#include "client_state.h"

#include <diesel/riak/client.h>

namespace diesel::riak {

namespace detail {

namespace {
RequestChannelOptions channel_options(std::string host, std::uint16_t port,
                                      const RiakOptions &options, ClientState &state)
{
    RequestChannelOptions out;
    out.host = std::move(host);
    out.port = port;
    out.client = options.client;
    if (out.client.label.empty())
        out.client.label = "riak client";
    out.request_timeout = options.request_timeout;
    out.name = "riak " + out.host + ":" + std::to_string(port);
    // A client id belongs to the connection: a new one needs it again, before anything else.
    out.on_connect = [&state](RequestChannel &) {
        if (!state.client_id.empty())
            state.call_empty(encode_set_client_id(state.client_id), Code::SetClientIdResp);
    };
    return out;
}
} // namespace

ClientState::ClientState(std::string host, std::uint16_t port, RiakOptions opts)
    : options(std::move(opts))
    , client_id(options.client_id)
    , channel(channel_options(std::move(host), port, options, *this),
              [max = options.max_frame](Connection &conn) { discard_reply(conn, max); })
{}

void ClientState::call_empty(const std::string &frame, Code expected)
{
    call(
        frame, expected, [](std::string_view) { return 0; }, [](int) { return true; });
}

} // namespace detail

RiakClient::RiakClient(std::string host, std::uint16_t port, RiakOptions options)
    : m_state(std::make_unique<detail::ClientState>(std::move(host), port, std::move(options)))
{}

RiakClient::~RiakClient() = default;

void RiakClient::ping()
{
    m_state->call_empty(detail::encode_empty(detail::Code::PingReq), detail::Code::PingResp);
}

ServerInfo RiakClient::server_info()
{
    return m_state->call_one(detail::encode_empty(detail::Code::GetServerInfoReq),
                             detail::Code::GetServerInfoResp, detail::decode_server_info);
}

std::string RiakClient::client_id()
{
    return m_state->call_one(detail::encode_empty(detail::Code::GetClientIdReq),
                             detail::Code::GetClientIdResp, detail::decode_client_id);
}

void RiakClient::set_client_id(std::string id)
{
    m_state->call_empty(detail::encode_set_client_id(id), detail::Code::SetClientIdResp);
    m_state->client_id = std::move(id);
}

Object RiakClient::get(std::string_view bucket, std::string_view key, const GetOptions &options)
{
    return m_state->call_one(detail::encode_get(bucket, key, options), detail::Code::GetResp,
                             detail::decode_get);
}

PutResult RiakClient::put(std::string_view bucket, std::string_view key, Content content,
                          const PutOptions &options)
{
    return m_state->call_one(detail::encode_put(bucket, key, content, options),
                             detail::Code::PutResp, detail::decode_put);
}

PutResult RiakClient::put(std::string_view bucket, std::string_view key, std::string_view value,
                          const PutOptions &options)
{
    Content content;
    content.value = value;
    return put(bucket, key, std::move(content), options);
}

void RiakClient::delete_(std::string_view bucket, std::string_view key,
                         const DeleteOptions &options)
{
    m_state->call_empty(detail::encode_delete(bucket, key, options), detail::Code::DelResp);
}

namespace {
auto deliver_names(const NameCallback &each)
{
    return [&each](detail::NamesBatch batch) {
        for (const std::string &name : batch.names)
            each(name);
        return batch.done;
    };
}
} // namespace

void RiakClient::list_buckets(const NameCallback &each)
{
    m_state->call(detail::encode_list_buckets(), detail::Code::ListBucketsResp,
                  detail::decode_names, deliver_names(each));
}

void RiakClient::list_keys(std::string_view bucket, const NameCallback &each)
{
    m_state->call(detail::encode_list_keys(bucket), detail::Code::ListKeysResp,
                  detail::decode_names, deliver_names(each));
}

BucketProps RiakClient::bucket_props(std::string_view bucket)
{
    return m_state->call_one(detail::encode_get_bucket(bucket), detail::Code::GetBucketResp,
                             detail::decode_bucket_props);
}

void RiakClient::set_bucket_props(std::string_view bucket, const BucketProps &props)
{
    m_state->call_empty(detail::encode_set_bucket(bucket, props), detail::Code::SetBucketResp);
}

void RiakClient::reset_bucket_props(std::string_view bucket)
{
    m_state->call_empty(detail::encode_reset_bucket(bucket), detail::Code::ResetBucketResp);
}

IndexPage RiakClient::index(const IndexQuery &query, const IndexCallback &each)
{
    IndexPage page;
    m_state->call(detail::encode_index(query), detail::Code::IndexResp, detail::decode_index,
                  [&](detail::IndexBatch batch) {
                      for (const auto &[term, key] : batch.results)
                          each(term, key);
                      page.results += batch.results.size();
                      if (!batch.continuation.empty())
                          page.continuation = std::move(batch.continuation);
                      return batch.done;
                  });
    return page;
}

void RiakClient::map_reduce(std::string_view job, const PhaseCallback &each,
                            std::string_view content_type)
{
    m_state->call(detail::encode_map_reduce(job, content_type), detail::Code::MapRedResp,
                  detail::decode_map_reduce, [&](detail::PhaseBatch batch) {
                      if (!batch.json.empty())
                          each(batch.phase, batch.json);
                      return batch.done;
                  });
}

void RiakClient::close() noexcept
{
    m_state->channel.close();
}

RequestChannel &RiakClient::channel() noexcept
{
    return m_state->channel;
}

} // namespace diesel::riak
