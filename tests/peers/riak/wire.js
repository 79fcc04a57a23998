// SPDX-License-Identifier: MIT
// A small protobuf wire-format codec driven by schemas (see messages.js), written for this peer
// so that it shares no code with the C++ client it tests.
'use strict';

function writeVarint(out, value) {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n; // negative int32/int64 travel as 10-byte two's complement
    do {
        let byte = Number(v & 0x7fn);
        v >>= 7n;
        if (v !== 0n) byte |= 0x80;
        out.push(byte);
    } while (v !== 0n);
}

function readVarint(buf, pos) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
        if (pos >= buf.length) throw new Error('truncated varint');
        const byte = buf[pos++];
        result |= BigInt(byte & 0x7f) << shift;
        if ((byte & 0x80) === 0) return [result, pos];
        shift += 7n;
        if (shift > 63n) throw new Error('varint too long');
    }
}

function zigzag(v) {
    const b = BigInt(v);
    return b >= 0n ? b << 1n : (-b << 1n) - 1n;
}

function unzigzag(b) {
    return (b & 1n) ? -((b + 1n) >> 1n) : b >> 1n;
}

// schema: { fieldName: [number, type, 'repeated'?] } with type one of
// 'bytes' | 'uint32' | 'bool' | 'sint64' | 'int64' | another schema object (embedded message).
function encode(schema, obj) {
    const out = [];
    const chunks = [];
    const flush = () => { if (out.length) { chunks.push(Buffer.from(out)); out.length = 0; } };
    for (const [name, [num, type, rep]] of Object.entries(schema)) {
        const value = obj[name];
        if (value === undefined || value === null) continue;
        const values = rep ? value : [value];
        for (const v of values) {
            if (type === 'bytes' || typeof type === 'object') {
                const body = typeof type === 'object' ? encode(type, v)
                    : (Buffer.isBuffer(v) ? v : Buffer.from(String(v)));
                writeVarint(out, (num << 3) | 2);
                writeVarint(out, body.length);
                flush();
                chunks.push(body);
            } else {
                writeVarint(out, num << 3);
                if (type === 'bool') writeVarint(out, v ? 1 : 0);
                else if (type === 'sint64') writeVarint(out, zigzag(v));
                else writeVarint(out, v);
            }
        }
    }
    flush();
    return Buffer.concat(chunks);
}

function decode(schema, buf) {
    const byNumber = new Map();
    for (const [name, spec] of Object.entries(schema)) byNumber.set(spec[0], [name, ...spec.slice(1)]);
    const obj = {};
    let pos = 0;
    while (pos < buf.length) {
        let tag;
        [tag, pos] = readVarint(buf, pos);
        const num = Number(tag >> 3n);
        const wire = Number(tag & 7n);
        let raw;
        if (wire === 0) {
            [raw, pos] = readVarint(buf, pos);
        } else if (wire === 2) {
            let len;
            [len, pos] = readVarint(buf, pos);
            if (BigInt(pos) + len > BigInt(buf.length)) throw new Error('truncated field');
            raw = buf.subarray(pos, pos + Number(len));
            pos += Number(len);
        } else if (wire === 1) {
            pos += 8;
        } else if (wire === 5) {
            pos += 4;
        } else {
            throw new Error(`bad wire type ${wire}`);
        }
        if (pos > buf.length) throw new Error('truncated field');
        const spec = byNumber.get(num);
        if (!spec || raw === undefined) continue; // unknown fields are skipped, as protobuf does
        const [name, type, rep] = spec;
        let v;
        if (typeof type === 'object') v = decode(type, raw);
        else if (type === 'bytes') v = Buffer.from(raw);
        else if (type === 'bool') v = raw !== 0n;
        else if (type === 'sint64') v = Number(unzigzag(raw));
        else v = Number(BigInt.asUintN(32, raw));
        if (rep) (obj[name] ??= []).push(v);
        else obj[name] = v;
    }
    return obj;
}

module.exports = { encode, decode };
