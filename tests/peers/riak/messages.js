// SPDX-License-Identifier: MIT
// Riak PBC message codes and the fields this peer reads and writes, as published in basho's
// riak_pb (riak_pb_messages.csv, riak.proto, riak_kv.proto).
'use strict';

const code = {
    ErrorResp: 0, PingReq: 1, PingResp: 2, GetClientIdReq: 3, GetClientIdResp: 4,
    SetClientIdReq: 5, SetClientIdResp: 6, GetServerInfoReq: 7, GetServerInfoResp: 8,
    GetReq: 9, GetResp: 10, PutReq: 11, PutResp: 12, DelReq: 13, DelResp: 14,
    ListBucketsReq: 15, ListBucketsResp: 16, ListKeysReq: 17, ListKeysResp: 18,
    GetBucketReq: 19, GetBucketResp: 20, SetBucketReq: 21, SetBucketResp: 22,
    MapRedReq: 23, MapRedResp: 24, IndexReq: 25, IndexResp: 26,
    ResetBucketReq: 29, ResetBucketResp: 30,
};

const Pair = { key: [1, 'bytes'], value: [2, 'bytes'] };
const Link = { bucket: [1, 'bytes'], key: [2, 'bytes'], tag: [3, 'bytes'] };
const ModFun = { module: [1, 'bytes'], function: [2, 'bytes'] };
const CommitHook = { modfun: [1, ModFun], name: [2, 'bytes'] };
const Content = {
    value: [1, 'bytes'], content_type: [2, 'bytes'], charset: [3, 'bytes'],
    content_encoding: [4, 'bytes'], vtag: [5, 'bytes'], links: [6, Link, 'repeated'],
    last_mod: [7, 'uint32'], last_mod_usecs: [8, 'uint32'], usermeta: [9, Pair, 'repeated'],
    indexes: [10, Pair, 'repeated'], deleted: [11, 'bool'],
};
const BucketProps = {
    n_val: [1, 'uint32'], allow_mult: [2, 'bool'], last_write_wins: [3, 'bool'],
    precommit: [4, CommitHook, 'repeated'], has_precommit: [5, 'bool'],
    postcommit: [6, CommitHook, 'repeated'], has_postcommit: [7, 'bool'],
    chash_keyfun: [8, ModFun], linkfun: [9, ModFun], old_vclock: [10, 'uint32'],
    young_vclock: [11, 'uint32'], big_vclock: [12, 'uint32'], small_vclock: [13, 'uint32'],
    pr: [14, 'uint32'], r: [15, 'uint32'], w: [16, 'uint32'], pw: [17, 'uint32'],
    dw: [18, 'uint32'], rw: [19, 'uint32'], basic_quorum: [20, 'bool'], notfound_ok: [21, 'bool'],
    backend: [22, 'bytes'], search: [23, 'bool'], repl: [24, 'uint32'],
    search_index: [25, 'bytes'], datatype: [26, 'bytes'], consistent: [27, 'bool'],
    write_once: [28, 'bool'], hll_precision: [29, 'uint32'],
};

const schema = {
    ErrorResp: { errmsg: [1, 'bytes'], errcode: [2, 'uint32'] },
    GetClientIdResp: { client_id: [1, 'bytes'] },
    SetClientIdReq: { client_id: [1, 'bytes'] },
    GetServerInfoResp: { node: [1, 'bytes'], server_version: [2, 'bytes'] },
    GetReq: {
        bucket: [1, 'bytes'], key: [2, 'bytes'], r: [3, 'uint32'], pr: [4, 'uint32'],
        basic_quorum: [5, 'bool'], notfound_ok: [6, 'bool'], if_modified: [7, 'bytes'],
        head: [8, 'bool'], deletedvclock: [9, 'bool'], timeout: [10, 'uint32'], type: [13, 'bytes'],
    },
    GetResp: { content: [1, Content, 'repeated'], vclock: [2, 'bytes'], unchanged: [3, 'bool'] },
    PutReq: {
        bucket: [1, 'bytes'], key: [2, 'bytes'], vclock: [3, 'bytes'], content: [4, Content],
        w: [5, 'uint32'], dw: [6, 'uint32'], return_body: [7, 'bool'], pw: [8, 'uint32'],
        if_not_modified: [9, 'bool'], if_none_match: [10, 'bool'], return_head: [11, 'bool'],
        timeout: [12, 'uint32'], type: [16, 'bytes'],
    },
    PutResp: { content: [1, Content, 'repeated'], vclock: [2, 'bytes'], key: [3, 'bytes'] },
    DelReq: {
        bucket: [1, 'bytes'], key: [2, 'bytes'], rw: [3, 'uint32'], vclock: [4, 'bytes'],
        r: [5, 'uint32'], w: [6, 'uint32'], pr: [7, 'uint32'], pw: [8, 'uint32'], dw: [9, 'uint32'],
        timeout: [10, 'uint32'], type: [13, 'bytes'],
    },
    ListBucketsReq: { timeout: [1, 'uint32'], stream: [2, 'bool'], type: [3, 'bytes'] },
    ListBucketsResp: { buckets: [1, 'bytes', 'repeated'], done: [2, 'bool'] },
    ListKeysReq: { bucket: [1, 'bytes'], timeout: [2, 'uint32'], type: [3, 'bytes'] },
    ListKeysResp: { keys: [1, 'bytes', 'repeated'], done: [2, 'bool'] },
    GetBucketReq: { bucket: [1, 'bytes'], type: [2, 'bytes'] },
    GetBucketResp: { props: [1, BucketProps] },
    SetBucketReq: { bucket: [1, 'bytes'], props: [2, BucketProps], type: [3, 'bytes'] },
    ResetBucketReq: { bucket: [1, 'bytes'], type: [2, 'bytes'] },
    MapRedReq: { request: [1, 'bytes'], content_type: [2, 'bytes'] },
    MapRedResp: { phase: [1, 'uint32'], response: [2, 'bytes'], done: [3, 'bool'] },
    IndexReq: {
        bucket: [1, 'bytes'], index: [2, 'bytes'], qtype: [3, 'uint32'], key: [4, 'bytes'],
        range_min: [5, 'bytes'], range_max: [6, 'bytes'], return_terms: [7, 'bool'],
        stream: [8, 'bool'], max_results: [9, 'uint32'], continuation: [10, 'bytes'],
        timeout: [11, 'uint32'], type: [12, 'bytes'], term_regex: [13, 'bytes'],
        pagination_sort: [14, 'bool'],
    },
    IndexResp: {
        keys: [1, 'bytes', 'repeated'], results: [2, Pair, 'repeated'],
        continuation: [3, 'bytes'], done: [4, 'bool'],
    },
};

module.exports = { code, schema };
