// SPDX-License-Identifier: MIT
#include "codec.h"
#include "frame.h"
#include "riak_pbc.pb.h"

namespace diesel::riak::detail {

namespace {

std::string frame_of(Code code, const google::protobuf::MessageLite &message)
{
    std::string body;
    message.SerializeToString(&body);
    return frame_header(code, body.size()) + body;
}

template<class Message>
Message parse(std::string_view body, const char *name)
{
    Message message;
    if (!message.ParseFromArray(body.data(), int(body.size())))
        throw RiakProtocolError(std::string("riak: a malformed ") + name);
    return message;
}

template<class Setter>
void set_if(const std::optional<std::uint32_t> &value, Setter set)
{
    if (value)
        set(*value);
}

Content content_of(const pb::RpbContent &c)
{
    Content out;
    out.value = c.value();
    out.content_type = c.content_type();
    out.charset = c.charset();
    out.content_encoding = c.content_encoding();
    out.vtag = c.vtag();
    if (c.has_last_mod()) {
        out.last_modified = Timestamp(
            std::chrono::microseconds(std::int64_t(c.last_mod()) * 1'000'000 + c.last_mod_usecs()));
    }
    for (const auto &p : c.usermeta())
        out.usermeta.push_back({p.key(), p.value()});
    for (const auto &p : c.indexes())
        out.indexes.push_back({p.key(), p.value()});
    out.deleted = c.deleted();
    return out;
}

void fill_content(pb::RpbContent &c, const Content &in)
{
    c.set_value(in.value);
    if (!in.content_type.empty())
        c.set_content_type(in.content_type);
    if (!in.charset.empty())
        c.set_charset(in.charset);
    if (!in.content_encoding.empty())
        c.set_content_encoding(in.content_encoding);
    for (const Pair &p : in.usermeta) {
        auto *pair = c.add_usermeta();
        pair->set_key(p.key);
        pair->set_value(p.value);
    }
    for (const Pair &p : in.indexes) {
        auto *pair = c.add_indexes();
        pair->set_key(p.key);
        pair->set_value(p.value);
    }
}

template<class Resp>
Object object_of(const Resp &resp)
{
    Object out;
    out.vclock = resp.vclock();
    for (const auto &c : resp.content())
        out.siblings.push_back(content_of(c));
    return out;
}

} // namespace

std::string encode_empty(Code code)
{
    return frame_header(code, 0);
}

std::string encode_set_client_id(std::string_view id)
{
    pb::RpbSetClientIdReq req;
    req.set_client_id(std::string(id));
    return frame_of(Code::SetClientIdReq, req);
}

std::string encode_get(std::string_view bucket, std::string_view key, const GetOptions &o)
{
    pb::RpbGetReq req;
    req.set_bucket(std::string(bucket));
    req.set_key(std::string(key));
    set_if(o.r, [&](auto v) { req.set_r(v); });
    set_if(o.pr, [&](auto v) { req.set_pr(v); });
    if (o.basic_quorum)
        req.set_basic_quorum(*o.basic_quorum);
    if (o.notfound_ok)
        req.set_notfound_ok(*o.notfound_ok);
    if (!o.if_modified.empty())
        req.set_if_modified(o.if_modified);
    if (o.head)
        req.set_head(true);
    if (o.deleted_vclock)
        req.set_deletedvclock(true);
    return frame_of(Code::GetReq, req);
}

std::string encode_put(std::string_view bucket, std::string_view key, const Content &content,
                       const PutOptions &o)
{
    pb::RpbPutReq req;
    req.set_bucket(std::string(bucket));
    if (!key.empty())
        req.set_key(std::string(key));
    if (!o.vclock.empty())
        req.set_vclock(o.vclock);
    fill_content(*req.mutable_content(), content);
    set_if(o.w, [&](auto v) { req.set_w(v); });
    set_if(o.dw, [&](auto v) { req.set_dw(v); });
    set_if(o.pw, [&](auto v) { req.set_pw(v); });
    if (o.return_body)
        req.set_return_body(true);
    if (o.return_head)
        req.set_return_head(true);
    if (o.if_not_modified)
        req.set_if_not_modified(true);
    if (o.if_none_match)
        req.set_if_none_match(true);
    return frame_of(Code::PutReq, req);
}

std::string encode_delete(std::string_view bucket, std::string_view key, const DeleteOptions &o)
{
    pb::RpbDelReq req;
    req.set_bucket(std::string(bucket));
    req.set_key(std::string(key));
    if (!o.vclock.empty())
        req.set_vclock(o.vclock);
    set_if(o.rw, [&](auto v) { req.set_rw(v); });
    set_if(o.r, [&](auto v) { req.set_r(v); });
    set_if(o.w, [&](auto v) { req.set_w(v); });
    set_if(o.pr, [&](auto v) { req.set_pr(v); });
    set_if(o.pw, [&](auto v) { req.set_pw(v); });
    set_if(o.dw, [&](auto v) { req.set_dw(v); });
    return frame_of(Code::DelReq, req);
}

std::string encode_list_buckets()
{
    pb::RpbListBucketsReq req;
    req.set_stream(true);
    return frame_of(Code::ListBucketsReq, req);
}

std::string encode_list_keys(std::string_view bucket)
{
    pb::RpbListKeysReq req;
    req.set_bucket(std::string(bucket));
    return frame_of(Code::ListKeysReq, req);
}

std::string encode_get_bucket(std::string_view bucket)
{
    pb::RpbGetBucketReq req;
    req.set_bucket(std::string(bucket));
    return frame_of(Code::GetBucketReq, req);
}

std::string encode_set_bucket(std::string_view bucket, const BucketProps &p)
{
    pb::RpbSetBucketReq req;
    req.set_bucket(std::string(bucket));
    auto &props = *req.mutable_props();
    set_if(p.n_val, [&](auto v) { props.set_n_val(v); });
    if (p.allow_mult)
        props.set_allow_mult(*p.allow_mult);
    if (p.last_write_wins)
        props.set_last_write_wins(*p.last_write_wins);
    set_if(p.r, [&](auto v) { props.set_r(v); });
    set_if(p.w, [&](auto v) { props.set_w(v); });
    set_if(p.pr, [&](auto v) { props.set_pr(v); });
    set_if(p.pw, [&](auto v) { props.set_pw(v); });
    set_if(p.dw, [&](auto v) { props.set_dw(v); });
    set_if(p.rw, [&](auto v) { props.set_rw(v); });
    if (p.basic_quorum)
        props.set_basic_quorum(*p.basic_quorum);
    if (p.notfound_ok)
        props.set_notfound_ok(*p.notfound_ok);
    return frame_of(Code::SetBucketReq, req);
}

std::string encode_reset_bucket(std::string_view bucket)
{
    pb::RpbResetBucketReq req;
    req.set_bucket(std::string(bucket));
    return frame_of(Code::ResetBucketReq, req);
}

std::string encode_index(const IndexQuery &q)
{
    pb::RpbIndexReq req;
    req.set_bucket(q.bucket);
    req.set_index(q.index);
    if (q.min || q.max) {
        req.set_qtype(pb::RpbIndexReq::range);
        req.set_range_min(q.min.value_or(std::string()));
        req.set_range_max(q.max.value_or(std::string()));
        if (q.return_terms)
            req.set_return_terms(true);
        if (!q.term_regex.empty())
            req.set_term_regex(q.term_regex);
    } else {
        req.set_qtype(pb::RpbIndexReq::eq);
        req.set_key(q.value);
    }
    req.set_stream(true);
    set_if(q.max_results, [&](auto v) { req.set_max_results(v); });
    if (!q.continuation.empty())
        req.set_continuation(q.continuation);
    return frame_of(Code::IndexReq, req);
}

std::string encode_map_reduce(std::string_view job, std::string_view content_type)
{
    pb::RpbMapRedReq req;
    req.set_request(std::string(job));
    req.set_content_type(std::string(content_type));
    return frame_of(Code::MapRedReq, req);
}

RiakError decode_error(std::string_view body)
{
    const auto resp = parse<pb::RpbErrorResp>(body, "RpbErrorResp");
    return RiakError(resp.errcode(), resp.errmsg());
}

ServerInfo decode_server_info(std::string_view body)
{
    const auto resp = parse<pb::RpbGetServerInfoResp>(body, "RpbGetServerInfoResp");
    return {resp.node(), resp.server_version()};
}

std::string decode_client_id(std::string_view body)
{
    return parse<pb::RpbGetClientIdResp>(body, "RpbGetClientIdResp").client_id();
}

Object decode_get(std::string_view body)
{
    const auto resp = parse<pb::RpbGetResp>(body, "RpbGetResp");
    Object out = object_of(resp);
    out.unchanged = resp.unchanged();
    return out;
}

PutResult decode_put(std::string_view body)
{
    const auto resp = parse<pb::RpbPutResp>(body, "RpbPutResp");
    return {resp.key(), object_of(resp)};
}

BucketProps decode_bucket_props(std::string_view body)
{
    const auto resp = parse<pb::RpbGetBucketResp>(body, "RpbGetBucketResp");
    const auto &p = resp.props();
    BucketProps out;
    const auto opt = [](bool has, auto value) {
        return has ? std::optional<decltype(value)>(value) : std::nullopt;
    };
    out.n_val = opt(p.has_n_val(), p.n_val());
    out.allow_mult = opt(p.has_allow_mult(), p.allow_mult());
    out.last_write_wins = opt(p.has_last_write_wins(), p.last_write_wins());
    out.r = opt(p.has_r(), p.r());
    out.w = opt(p.has_w(), p.w());
    out.pr = opt(p.has_pr(), p.pr());
    out.pw = opt(p.has_pw(), p.pw());
    out.dw = opt(p.has_dw(), p.dw());
    out.rw = opt(p.has_rw(), p.rw());
    out.basic_quorum = opt(p.has_basic_quorum(), p.basic_quorum());
    out.notfound_ok = opt(p.has_notfound_ok(), p.notfound_ok());
    return out;
}

NamesBatch decode_names(std::string_view body)
{
    // RpbListKeysResp and RpbListBucketsResp have the same shape (repeated bytes 1, done 2).
    const auto resp = parse<pb::RpbListKeysResp>(body, "listing frame");
    return {{resp.keys().begin(), resp.keys().end()}, resp.done()};
}

IndexBatch decode_index(std::string_view body)
{
    const auto resp = parse<pb::RpbIndexResp>(body, "RpbIndexResp");
    IndexBatch out;
    for (const auto &key : resp.keys())
        out.results.emplace_back(std::string(), key);
    for (const auto &pair : resp.results())
        out.results.emplace_back(pair.key(), pair.value());
    out.continuation = resp.continuation();
    out.done = resp.done();
    return out;
}

PhaseBatch decode_map_reduce(std::string_view body)
{
    const auto resp = parse<pb::RpbMapRedResp>(body, "RpbMapRedResp");
    return {resp.phase(), resp.response(), resp.done()};
}

} // namespace diesel::riak::detail
