// SPDX-License-Identifier: MIT
// The peer's in-memory data: buckets with properties, objects kept as siblings tagged with
// dotted version vectors (the causality Riak 2 uses with allow_mult), tombstones, and the
// secondary-index lookups. Vector clocks travel to clients as opaque bytes.
'use strict';

const crypto = require('crypto');

const ACTOR = 'peer';
const QUORUM = 0xfffffffd; // Riak's encoding of the symbolic 'quorum'

class RiakFailure extends Error {} // becomes an RpbErrorResp with this message

function defaultProps() {
    return {
        n_val: 3, allow_mult: false, last_write_wins: false, old_vclock: 86400, young_vclock: 20,
        big_vclock: 50, small_vclock: 50, pr: 0, r: QUORUM, w: QUORUM, pw: 0, dw: QUORUM,
        rw: QUORUM, basic_quorum: false, notfound_ok: true, has_precommit: false,
        has_postcommit: false,
    };
}

function encodeClock(clock) {
    const entries = Object.entries(clock).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Buffer.from('dvv:' + JSON.stringify(entries));
}

function decodeClock(bytes) {
    if (!bytes || bytes.length === 0) return {};
    const text = bytes.toString();
    if (!text.startsWith('dvv:')) throw new RiakFailure('badarg: vclock is not one this node made');
    try {
        return Object.fromEntries(JSON.parse(text.slice(4)));
    } catch {
        throw new RiakFailure('badarg: vclock is not one this node made');
    }
}

function mergeClocks(...clocks) {
    const out = {};
    for (const c of clocks) for (const [a, n] of Object.entries(c)) out[a] = Math.max(out[a] ?? 0, n);
    return out;
}

let lastStamp = 0; // microseconds; strictly increasing so that every write has its own time
function stamp() {
    lastStamp = Math.max(lastStamp + 1, Date.now() * 1000);
    return lastStamp;
}

function checkQuorum(name, value, props) {
    if (value === undefined || value >= 0xfffffffb) return;
    if (value > props.n_val) throw new RiakFailure(`{n_val_violation,${props.n_val}}`);
}

class RiakObject {
    constructor() {
        this.siblings = []; // { dot: counter, clock, content, deleted }
    }
    clock() {
        return mergeClocks(...this.siblings.map((s) => s.clock));
    }
    live() {
        return this.siblings.filter((s) => !s.deleted);
    }
    // Applies a write (content or tombstone) made with the client's context `context`.
    write(context, sibling, props) {
        const dot = (this.clock()[ACTOR] ?? 0) + 1;
        sibling.dot = dot;
        if (props.allow_mult && !props.last_write_wins) {
            // Siblings the writer had seen are superseded; the others are concurrent and stay.
            // Tombstones alone are treated as reaped, as Riak does once delete_mode passes.
            const onlyTombstones = this.live().length === 0;
            this.siblings = onlyTombstones ? []
                : this.siblings.filter((s) => (context[ACTOR] ?? 0) < s.dot);
            sibling.clock = mergeClocks(context, { [ACTOR]: dot });
        } else {
            sibling.clock = mergeClocks(this.clock(), context, { [ACTOR]: dot });
            this.siblings = [];
        }
        this.siblings.push(sibling);
    }
}

class Store {
    constructor() {
        this.buckets = new Map(); // name -> { props, objects: Map(key -> RiakObject) }
    }
    bucket(name, create = true) {
        if (name === undefined || name.length === 0) throw new RiakFailure('Bucket cannot be zero-length');
        const k = name.toString('latin1');
        let b = this.buckets.get(k);
        if (!b && create) {
            b = { props: defaultProps(), objects: new Map() };
            this.buckets.set(k, b);
        }
        return b;
    }
    props(name) {
        return this.bucket(name).props;
    }
    setProps(name, props) {
        const target = this.bucket(name).props;
        for (const [k, v] of Object.entries(props)) if (k in target || k === 'search') target[k] = v;
        if (target.n_val < 1) throw new RiakFailure('n_val must be at least 1');
    }
    resetProps(name) {
        this.bucket(name).props = defaultProps();
    }
    get(req) {
        const b = this.bucket(req.bucket);
        if (!req.key || req.key.length === 0) throw new RiakFailure('Key cannot be zero-length');
        checkQuorum('r', req.r, b.props);
        checkQuorum('pr', req.pr, b.props);
        const obj = b.objects.get(req.key.toString('latin1'));
        if (!obj) return null;
        return obj;
    }
    put(req) {
        const b = this.bucket(req.bucket);
        for (const q of ['w', 'dw', 'pw']) checkQuorum(q, req[q], b.props);
        let key = req.key;
        if (key === undefined) key = Buffer.from(crypto.randomBytes(18).toString('base64url'));
        if (key.length === 0) throw new RiakFailure('Key cannot be zero-length');
        const k = key.toString('latin1');
        let obj = b.objects.get(k);
        const exists = obj && obj.live().length > 0;
        if (req.if_none_match && exists) throw new RiakFailure('match_found');
        if (req.if_not_modified) {
            if (!exists) throw new RiakFailure('notfound');
            if (!req.vclock || !encodeClock(obj.clock()).equals(req.vclock)) throw new RiakFailure('modified');
        }
        const context = decodeClock(req.vclock);
        if (!obj) {
            obj = new RiakObject();
            b.objects.set(k, obj);
        }
        const c = req.content ?? {};
        const usecs = stamp();
        obj.write(context, {
            deleted: false,
            content: {
                value: c.value ?? Buffer.alloc(0), content_type: c.content_type, charset: c.charset,
                content_encoding: c.content_encoding, links: c.links, usermeta: c.usermeta,
                indexes: c.indexes, vtag: Buffer.from(crypto.randomBytes(9).toString('base64url')),
                last_mod: Math.floor(usecs / 1e6), last_mod_usecs: usecs % 1e6,
            },
        }, b.props);
        return { key, obj };
    }
    del(req) {
        const b = this.bucket(req.bucket);
        if (!req.key || req.key.length === 0) throw new RiakFailure('Key cannot be zero-length');
        for (const q of ['r', 'w', 'pr', 'pw', 'dw', 'rw']) checkQuorum(q, req[q], b.props);
        const obj = b.objects.get(req.key.toString('latin1'));
        if (!obj) return;
        // Without a vclock Riak reads the object first: the delete covers all it has.
        const context = req.vclock ? decodeClock(req.vclock) : obj.clock();
        const usecs = stamp();
        obj.write(context, {
            deleted: true,
            content: {
                value: Buffer.alloc(0), vtag: Buffer.from(crypto.randomBytes(9).toString('base64url')),
                last_mod: Math.floor(usecs / 1e6), last_mod_usecs: usecs % 1e6,
            },
        }, b.props);
    }
    bucketNames() {
        const out = [];
        for (const [name, b] of this.buckets) {
            for (const obj of b.objects.values()) {
                if (obj.live().length) {
                    out.push(Buffer.from(name, 'latin1'));
                    break;
                }
            }
        }
        return out;
    }
    liveKeys(bucket) {
        const b = this.bucket(bucket, false);
        if (!b) return [];
        const out = [];
        for (const [k, obj] of b.objects) if (obj.live().length) out.push(k);
        return out;
    }
    // Every (term, key) of `index` in `bucket` that the query matches, sorted by term then key.
    indexMatches(req) {
        const name = req.index.toString();
        const numeric = name.endsWith('_int');
        if (!numeric && !name.endsWith('_bin') && name !== '$key' && name !== '$bucket')
            throw new RiakFailure(`{invalid_index_name,<<"${name}">>}`);
        const cmp = numeric ? (a, b) => Number(a) - Number(b)
            : (a, b) => Buffer.compare(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1'));
        const eq = req.qtype === 0;
        const lo = eq ? req.key : req.range_min;
        const hi = eq ? req.key : req.range_max;
        if (lo === undefined || hi === undefined) throw new RiakFailure('Missing query parameters');
        const loT = lo.toString('latin1');
        const hiT = hi.toString('latin1');
        const regex = req.term_regex ? new RegExp(req.term_regex.toString()) : null;
        const out = [];
        const b = this.bucket(req.bucket, false);
        if (!b) return out;
        for (const [k, obj] of b.objects) {
            const live = obj.live();
            if (!live.length) continue;
            let terms;
            if (name === '$bucket') terms = [k];
            else if (name === '$key') terms = [k];
            else {
                terms = [];
                for (const s of live)
                    for (const p of s.content.indexes ?? [])
                        if (p.key.toString() === name) terms.push((p.value ?? Buffer.alloc(0)).toString('latin1'));
            }
            for (const t of new Set(terms)) {
                if (name !== '$bucket' && (cmp(t, loT) < 0 || cmp(t, hiT) > 0)) continue;
                if (regex && !regex.test(t)) continue;
                out.push([t, k]);
            }
        }
        out.sort((x, y) => cmp(x[0], y[0]) || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
        return out;
    }
}

module.exports = { Store, RiakFailure, encodeClock, ACTOR };
