#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// A Riak Protocol Buffers (PBC) peer for the tests: one in-memory node that speaks Riak's framing
// (4-byte big-endian length, 1-byte message code, protobuf message) and answers the KV calls.
// Usage: node peer.js [--port N] [--list-keys-batch N] [--fill BUCKET:COUNT]...
// Prints "listening PORT" when ready. --fill stores COUNT keys "k0".. in BUCKET up front.
// Requests to bucket "__stall" are never answered (for timeout and kill-mid-request tests).
'use strict';

const net = require('net');
const { encode, decode } = require('./wire');
const { code, schema } = require('./messages');
const { Store, RiakFailure, encodeClock } = require('./store');
const mapreduce = require('./mapreduce');

const MAX_FRAME = 64 * 1024 * 1024;

function option(name, fallback) {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const store = new Store();
const listKeysBatch = option('--list-keys-batch', 1000);

function frame(msgCode, name, obj) {
    const body = name ? encode(schema[name], obj) : Buffer.alloc(0);
    const head = Buffer.alloc(5);
    head.writeUInt32BE(body.length + 1, 0);
    head[4] = msgCode;
    return Buffer.concat([head, body]);
}

function contentOut(sibling, head) {
    const c = { ...sibling.content, deleted: sibling.deleted || undefined };
    if (head) c.value = Buffer.alloc(0);
    return c;
}

function objectResp(obj, head) {
    return { content: obj.siblings.map((s) => contentOut(s, head)), vclock: encodeClock(obj.clock()) };
}

function chunks(list, size, each) {
    for (let at = 0; at < list.length; at += size) each(list.slice(at, at + size));
}

// Answers one request; `send` writes a frame. Throws RiakFailure for an error response.
function handle(msgCode, body, conn, send) {
    const req = (name) => decode(schema[name], body);
    switch (msgCode) {
    case code.PingReq:
        return send(frame(code.PingResp));
    case code.GetClientIdReq:
        return send(frame(code.GetClientIdResp, 'GetClientIdResp', { client_id: conn.clientId }));
    case code.SetClientIdReq:
        conn.clientId = req('SetClientIdReq').client_id ?? Buffer.alloc(0);
        return send(frame(code.SetClientIdResp));
    case code.GetServerInfoReq:
        return send(frame(code.GetServerInfoResp, 'GetServerInfoResp',
            { node: 'riak@127.0.0.1', server_version: '2.2.3-diesel-peer' }));
    case code.GetReq: {
        const r = req('GetReq');
        if (r.bucket?.toString() === '__stall') return undefined;
        const obj = store.get(r);
        if (!obj) return send(frame(code.GetResp, 'GetResp', {}));
        const clock = encodeClock(obj.clock());
        if (obj.live().length === 0) {
            return send(frame(code.GetResp, 'GetResp', r.deletedvclock ? { vclock: clock } : {}));
        }
        if (r.if_modified && clock.equals(r.if_modified))
            return send(frame(code.GetResp, 'GetResp', { unchanged: true }));
        return send(frame(code.GetResp, 'GetResp', objectResp(obj, r.head)));
    }
    case code.PutReq: {
        const r = req('PutReq');
        if (r.content === undefined) throw new RiakFailure('Missing content');
        const { key, obj } = store.put(r);
        const out = r.key === undefined ? { key } : {};
        if (r.return_body || r.return_head) Object.assign(out, objectResp(obj, !r.return_body));
        return send(frame(code.PutResp, 'PutResp', out));
    }
    case code.DelReq:
        store.del(req('DelReq'));
        return send(frame(code.DelResp));
    case code.ListBucketsReq: {
        const r = req('ListBucketsReq');
        const names = store.bucketNames();
        if (!r.stream) return send(frame(code.ListBucketsResp, 'ListBucketsResp', { buckets: names }));
        chunks(names, 10, (part) => send(frame(code.ListBucketsResp, 'ListBucketsResp', { buckets: part })));
        return send(frame(code.ListBucketsResp, 'ListBucketsResp', { done: true }));
    }
    case code.ListKeysReq: {
        const r = req('ListKeysReq');
        if (!r.bucket || r.bucket.length === 0) throw new RiakFailure('Bucket cannot be zero-length');
        if (r.bucket.toString() === '__stall') return undefined;
        const keys = store.liveKeys(r.bucket).map((k) => Buffer.from(k, 'latin1'));
        chunks(keys, listKeysBatch, (part) => send(frame(code.ListKeysResp, 'ListKeysResp', { keys: part })));
        return send(frame(code.ListKeysResp, 'ListKeysResp', { done: true }));
    }
    case code.GetBucketReq:
        return send(frame(code.GetBucketResp, 'GetBucketResp', { props: store.props(req('GetBucketReq').bucket) }));
    case code.SetBucketReq: {
        const r = req('SetBucketReq');
        store.setProps(r.bucket, r.props ?? {});
        return send(frame(code.SetBucketResp));
    }
    case code.ResetBucketReq:
        store.resetProps(req('ResetBucketReq').bucket);
        return send(frame(code.ResetBucketResp));
    case code.IndexReq:
        return indexQuery(req('IndexReq'), send);
    case code.MapRedReq: {
        const r = req('MapRedReq');
        const out = [];
        // Everything is computed before the first frame goes out, so a failing phase is one
        // error response, not a stream cut short.
        mapreduce.run(store, r.request.toString(), r.content_type?.toString(), (phase, results) =>
            out.push(frame(code.MapRedResp, 'MapRedResp', { phase, response: JSON.stringify(results) })));
        out.forEach(send);
        return send(frame(code.MapRedResp, 'MapRedResp', { done: true }));
    }
    default:
        throw new RiakFailure(`Unknown message code: ${msgCode}`);
    }
}

function indexQuery(r, send) {
    const all = store.indexMatches(r);
    let start = 0;
    if (r.continuation) {
        let last;
        try {
            last = JSON.parse(Buffer.from(r.continuation.toString(), 'base64').toString());
        } catch {
            throw new RiakFailure('{error,bad_continuation}');
        }
        while (start < all.length && (all[start][0] < last[0]
            || (all[start][0] === last[0] && all[start][1] <= last[1]))) start++;
    }
    const limit = r.max_results ?? Infinity;
    const page = all.slice(start, start + limit);
    const more = start + page.length < all.length;
    const continuation = more && page.length
        ? Buffer.from(Buffer.from(JSON.stringify(page[page.length - 1])).toString('base64')) : undefined;
    const terms = r.return_terms && r.qtype === 1;
    const body = (part) => (terms
        ? { results: part.map(([t, k]) => ({ key: Buffer.from(t, 'latin1'), value: Buffer.from(k, 'latin1') })) }
        : { keys: part.map(([, k]) => Buffer.from(k, 'latin1')) });
    if (!r.stream) return send(frame(code.IndexResp, 'IndexResp', { ...body(page), continuation }));
    chunks(page, 100, (part) => send(frame(code.IndexResp, 'IndexResp', body(part))));
    return send(frame(code.IndexResp, 'IndexResp', { continuation, done: true }));
}

function serve(socket) {
    const conn = { clientId: require('crypto').randomBytes(4) };
    let pending = Buffer.alloc(0);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('data', (data) => {
        pending = pending.length ? Buffer.concat([pending, data]) : data;
        const out = [];
        const send = (f) => out.push(f);
        while (pending.length >= 4) {
            const length = pending.readUInt32BE(0);
            if (length < 1 || length > MAX_FRAME) {
                socket.destroy();
                return;
            }
            if (pending.length < 4 + length) break;
            const msgCode = pending[4];
            const body = pending.subarray(5, 4 + length);
            pending = pending.subarray(4 + length);
            try {
                handle(msgCode, body, conn, send);
            } catch (e) {
                const errmsg = e instanceof RiakFailure ? e.message : `Error processing request: ${e.message}`;
                send(frame(code.ErrorResp, 'ErrorResp', { errmsg, errcode: 0 }));
            }
        }
        if (out.length) socket.write(out.length === 1 ? out[0] : Buffer.concat(out));
    });
}

process.argv.forEach((arg, at) => {
    if (arg !== '--fill') return;
    const [bucket, count] = process.argv[at + 1].split(':');
    for (let i = 0; i < Number(count); i++) {
        store.put({ bucket: Buffer.from(bucket), key: Buffer.from(`k${i}`), content: { value: Buffer.from('v') } });
    }
});

const server = net.createServer(serve);
server.listen(option('--port', 0), '127.0.0.1', () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
