// SPDX-License-Identifier: MIT
// MongoDB wire protocol framing: the 16-byte message header, OP_MSG (kind 0 body and kind 1
// document sequences), the legacy OP_QUERY a handshake may start with, and the OP_REPLY that
// answers it. Anything that does not parse throws WireError; the peer then drops the connection.
'use strict';

const { BSON, Long } = require('bson');

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_COMPRESSED = 2012;
const OP_MSG = 2013;
const HEADER = 16;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
const AWAIT_CAPABLE = 1 << 3; // OP_REPLY responseFlags
// Bits 0-15 are "required": a receiver must reject a message carrying one it does not know.
const KNOWN_REQUIRED = CHECKSUM_PRESENT | MORE_TO_COME;

class WireError extends Error {}

// Documents keep JS numbers (int32 and double both become number) so that mingo can compare
// and update them; Long stays a Long only where a number would lose precision.
const DECODE = { promoteLongs: true, promoteValues: true, promoteBuffers: false };

function decodeDocument(buf, at, end) {
    if (at + 5 > end) throw new WireError('truncated document');
    const size = buf.readInt32LE(at);
    if (size < 5 || at + size > end) throw new WireError(`bad document size ${size}`);
    try {
        return { doc: BSON.deserialize(buf.subarray(at, at + size), DECODE), next: at + size };
    } catch (e) {
        throw new WireError(`bad BSON: ${e.message}`);
    }
}

function cstring(buf, at, end) {
    const zero = buf.indexOf(0, at);
    if (zero < 0 || zero >= end) throw new WireError('unterminated cstring');
    return { text: buf.toString('utf8', at, zero), next: zero + 1 };
}

// Numbers are written back the way a MongoDB shell would store them: integers in int32 range
// as int32, larger integers as int64, everything else as double. Copy on write: a document
// with no such integer is returned as it is (replies are mostly stored documents, unchanged).
function widen(value) {
    if (typeof value === 'number') {
        if (Number.isSafeInteger(value) && (value > 0x7fffffff || value < -0x80000000)) {
            return Long.fromNumber(value);
        }
        return value;
    }
    if (Array.isArray(value)) {
        let out = null;
        for (let i = 0; i < value.length; i++) {
            const v = widen(value[i]);
            if (v !== value[i] && !out) out = value.slice(0, i);
            if (out) out.push(v);
        }
        return out ?? value;
    }
    if (value !== null && typeof value === 'object' && value.constructor === Object) {
        let out = null;
        for (const k in value) {
            const v = widen(value[k]);
            if (v !== value[k] && !out) out = { ...value };
            if (out) out[k] = v;
        }
        return out ?? value;
    }
    return value;
}

function encodeDocument(doc) {
    return BSON.serialize(widen(doc), { ignoreUndefined: true });
}

function header(length, requestId, responseTo, opCode) {
    const head = Buffer.alloc(HEADER);
    head.writeInt32LE(length, 0);
    head.writeInt32LE(requestId, 4);
    head.writeInt32LE(responseTo, 8);
    head.writeInt32LE(opCode, 12);
    return head;
}

// Parses one complete message (header included). Returns
// { requestId, opCode, kind: 'msg'|'query', body, flags, db, ... }.
function parseMessage(buf) {
    const length = buf.readInt32LE(0);
    const requestId = buf.readInt32LE(4);
    const opCode = buf.readInt32LE(12);
    if (opCode === OP_MSG) return { requestId, opCode, ...parseMsg(buf, length) };
    if (opCode === OP_QUERY) return { requestId, opCode, ...parseQuery(buf, length) };
    if (opCode === OP_COMPRESSED) throw new WireError('OP_COMPRESSED: no compressor was negotiated');
    throw new WireError(`unsupported opCode ${opCode}`);
}

function parseMsg(buf, length) {
    const flags = buf.readUInt32LE(HEADER);
    if ((flags & 0xffff) & ~KNOWN_REQUIRED) throw new WireError(`unknown required flag bits ${flags}`);
    // The CRC-32C trailer is optional to check; it is only skipped here.
    const end = flags & CHECKSUM_PRESENT ? length - 4 : length;
    let at = HEADER + 4;
    let body = null;
    const sequences = [];
    while (at < end) {
        const kind = buf[at++];
        if (kind === 0) {
            if (body) throw new WireError('two kind 0 sections');
            const r = decodeDocument(buf, at, end);
            body = r.doc;
            at = r.next;
        } else if (kind === 1) {
            if (at + 4 > end) throw new WireError('truncated sequence');
            const size = buf.readInt32LE(at);
            const stop = at + size;
            if (size < 5 || stop > end) throw new WireError(`bad sequence size ${size}`);
            const id = cstring(buf, at + 4, stop);
            const docs = [];
            for (let p = id.next; p < stop;) {
                const r = decodeDocument(buf, p, stop);
                docs.push(r.doc);
                p = r.next;
            }
            sequences.push([id.text, docs]);
            at = stop;
        } else {
            throw new WireError(`unknown section kind ${kind}`);
        }
    }
    if (at !== end || !body) throw new WireError('OP_MSG without a body');
    for (const [id, docs] of sequences) {
        if (id in body) throw new WireError(`field ${id} both in the body and a sequence`);
        body[id] = docs;
    }
    return {
        kind: 'msg', body, flags, db: body.$db,
        moreToCome: (flags & MORE_TO_COME) !== 0, exhaustAllowed: (flags & EXHAUST_ALLOWED) !== 0,
    };
}

function parseQuery(buf, length) {
    let at = HEADER;
    if (at + 4 > length) throw new WireError('truncated OP_QUERY');
    const flags = buf.readInt32LE(at);
    const name = cstring(buf, at + 4, length);
    at = name.next + 8; // numberToSkip, numberToReturn: a command returns one document anyway
    const query = decodeDocument(buf, at, length);
    if (query.next < length) decodeDocument(buf, query.next, length); // returnFieldsSelector
    if (!name.text.endsWith('.$cmd')) throw new WireError(`OP_QUERY on ${name.text}: only commands are served`);
    // Old drivers wrap the command as {$query: {...}, $readPreference: ...}.
    const body = query.doc.$query && typeof query.doc.$query === 'object' ? query.doc.$query : query.doc;
    return { kind: 'query', body, flags, db: name.text.slice(0, -'.$cmd'.length), moreToCome: false };
}

// Cuts a byte stream into whole messages. Each message is copied once into a buffer of its
// declared size, so a large insert arriving in many small reads costs no repeated joining.
class FrameReader {
    constructor(maxLength) {
        this.maxLength = maxLength;
        this.prefix = Buffer.alloc(0); // the length field while it is incomplete
        this.frame = null;
        this.filled = 0;
    }

    // Feeds `chunk`; calls onFrame for every message completed. Throws WireError on a declared
    // length out of range.
    push(chunk, onFrame) {
        let at = 0;
        while (at < chunk.length) {
            if (!this.frame) {
                const take = Math.min(4 - this.prefix.length, chunk.length - at);
                this.prefix = Buffer.concat([this.prefix, chunk.subarray(at, at + take)]);
                at += take;
                if (this.prefix.length < 4) return;
                const length = this.prefix.readInt32LE(0);
                // The smallest message is an OP_MSG with no flags and an empty body: 26 bytes.
                if (length < HEADER + 10 || length > this.maxLength) {
                    throw new WireError(`message length ${length} out of range`);
                }
                this.frame = Buffer.allocUnsafe(length);
                this.prefix.copy(this.frame, 0);
                this.filled = 4;
                this.prefix = Buffer.alloc(0);
            }
            const n = Math.min(this.frame.length - this.filled, chunk.length - at);
            chunk.copy(this.frame, this.filled, at, at + n);
            this.filled += n;
            at += n;
            if (this.filled === this.frame.length) {
                const frame = this.frame;
                this.frame = null;
                onFrame(frame);
            }
        }
    }
}

function msgReply(requestId, responseTo, doc, flags = 0) {
    const body = encodeDocument(doc);
    const head = header(HEADER + 5 + body.length, requestId, responseTo, OP_MSG);
    const tail = Buffer.alloc(5);
    tail.writeUInt32LE(flags, 0);
    tail[4] = 0;
    return Buffer.concat([head, tail, body]);
}

function opReply(requestId, responseTo, doc) {
    const body = encodeDocument(doc);
    const fields = Buffer.alloc(20); // responseFlags, cursorID (0), startingFrom, numberReturned
    fields.writeInt32LE(AWAIT_CAPABLE, 0); // mongod sets it on every OP_REPLY
    fields.writeInt32LE(1, 16);
    return Buffer.concat([header(HEADER + 20 + body.length, requestId, responseTo, OP_REPLY), fields, body]);
}

module.exports = { MORE_TO_COME, WireError, FrameReader, parseMessage, msgReply, opReply };
