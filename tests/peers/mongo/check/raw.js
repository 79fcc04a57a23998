// SPDX-License-Identifier: MIT
// Wire-level checks no driver makes: frame fields, moreToCome, the legacy OP_QUERY handshake,
// and hostile input (bad sizes, bad BSON, unknown opCodes, random bytes), which must close that
// one connection and leave the peer serving the others.
'use strict';

const assert = require('assert');
const net = require('net');
const { BSON } = require('bson');

function frame(opCode, requestId, payload) {
    const head = Buffer.alloc(16);
    head.writeInt32LE(16 + payload.length, 0);
    head.writeInt32LE(requestId, 4);
    head.writeInt32LE(opCode, 12);
    return Buffer.concat([head, payload]);
}

function opMsg(requestId, body, flags = 0, sequences = []) {
    const parts = [Buffer.from([0, 0, 0, 0, 0]), BSON.serialize(body)];
    parts[0].writeUInt32LE(flags, 0);
    for (const [id, docs] of sequences) {
        const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => BSON.serialize(d))]);
        const size = Buffer.alloc(5);
        size[0] = 1;
        size.writeInt32LE(4 + payload.length, 1);
        parts.push(size, payload);
    }
    return frame(2013, requestId, Buffer.concat(parts));
}

// A connection that collects whole replies and notices its end.
class Raw {
    constructor(port) {
        this.socket = net.connect(port, '127.0.0.1');
        this.buffer = Buffer.alloc(0);
        this.waiters = [];
        this.closed = new Promise((resolve) => this.socket.on('close', resolve));
        this.socket.on('error', () => {});
        this.socket.on('data', (chunk) => {
            this.buffer = Buffer.concat([this.buffer, chunk]);
            this.wake();
        });
        this.socket.on('close', () => this.wake());
    }

    wake() {
        for (const w of this.waiters.splice(0)) w();
    }

    async reply() {
        for (;;) {
            if (this.buffer.length >= 4 && this.buffer.length >= this.buffer.readInt32LE(0)) {
                const length = this.buffer.readInt32LE(0);
                const msg = this.buffer.subarray(0, length);
                this.buffer = this.buffer.subarray(length);
                return {
                    requestId: msg.readInt32LE(4), responseTo: msg.readInt32LE(8), opCode: msg.readInt32LE(12), msg,
                };
            }
            if (this.socket.destroyed) throw new Error('closed');
            await new Promise((resolve) => this.waiters.push(resolve));
        }
    }

    async command(requestId, body, flags, sequences) {
        this.socket.write(opMsg(requestId, body, flags, sequences));
        const r = await this.reply();
        assert.strictEqual(r.opCode, 2013);
        assert.strictEqual(r.responseTo, requestId);
        assert.strictEqual(r.msg.readUInt32LE(16), 0, 'flagBits');
        assert.strictEqual(r.msg[20], 0, 'section kind 0');
        return BSON.deserialize(r.msg.subarray(21));
    }

    end() {
        this.socket.destroy();
        return this.closed;
    }
}

async function expectClosed(port, bytes) {
    const raw = new Raw(port);
    raw.socket.write(bytes);
    const timer = setTimeout(() => raw.socket.destroy(new Error('peer kept a hostile connection open')), 10000);
    await raw.closed;
    clearTimeout(timer);
    assert.strictEqual(raw.buffer.length, 0, 'no reply to a hostile frame');
}

// A deterministic generator, so that a failure repeats.
function* randomBytes(seed) {
    let x = seed;
    for (;;) {
        x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
        yield (x >>> 0) & 0xff;
    }
}

async function rawChecks(port) {
    const raw = new Raw(port);

    // The legacy handshake: OP_QUERY on admin.$cmd answered by OP_REPLY with one document.
    const query = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
        BSON.serialize({ isMaster: 1, helloOk: true, client: { driver: { name: 'raw', version: '0' } } })]);
    raw.socket.write(frame(2004, 7, query));
    const legacy = await raw.reply();
    assert.strictEqual(legacy.opCode, 1);
    assert.strictEqual(legacy.responseTo, 7);
    assert.strictEqual(legacy.msg.readInt32LE(32), 1, 'numberReturned');
    const hello = BSON.deserialize(legacy.msg.subarray(36));
    assert.strictEqual(hello.ismaster, true);
    assert.strictEqual(hello.helloOk, true);
    assert.ok(hello.maxWireVersion >= 6 && hello.maxMessageSizeBytes > 0 && hello.maxBsonObjectSize > 0);

    // Other commands are refused on OP_QUERY, as by mongod 6.0.
    const legacyPing = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
        BSON.serialize({ ping: 1 })]);
    raw.socket.write(frame(2004, 6, legacyPing));
    const refused = BSON.deserialize((await raw.reply()).msg.subarray(36));
    assert.deepStrictEqual([refused.ok, refused.code], [0, 352]);

    // A kind 1 document sequence carries the documents; moreToCome gets no reply.
    let r = await raw.command(8, { insert: 'raw', $db: 'rawdb' }, 0, [['documents', [{ _id: 1 }, { _id: 2 }]]]);
    assert.deepStrictEqual([r.ok, r.n], [1, 2]);
    raw.socket.write(opMsg(9, { insert: 'raw', $db: 'rawdb', writeConcern: { w: 0 } }, 2, [['documents', [{ _id: 3 }]]]));
    r = await raw.command(10, { count: 'raw', $db: 'rawdb' });
    assert.deepStrictEqual([r.ok, r.n], [1, 3]);
    // A checksum trailer is accepted (and skipped).
    const summed = opMsg(11, { ping: 1, $db: 'admin' }, 1);
    const withSum = Buffer.concat([summed, Buffer.alloc(4)]);
    withSum.writeInt32LE(withSum.length, 0);
    raw.socket.write(withSum);
    assert.strictEqual((await raw.reply()).responseTo, 11);
    r = await raw.command(12, { find: 'raw', $db: 'rawdb', batchSize: 2 });
    assert.strictEqual(r.cursor.firstBatch.length, 2);
    r = await raw.command(13, { killCursors: 'raw', cursors: [r.cursor.id], $db: 'rawdb' });
    assert.strictEqual(r.cursorsKilled.length, 1);
    r = await raw.command(14, { getMore: r.cursorsKilled[0], collection: 'raw', $db: 'rawdb' });
    assert.deepStrictEqual([r.ok, r.code, r.codeName], [0, 43, 'CursorNotFound']);
    r = await raw.command(15, { delete: 'raw', deletes: [null], $db: 'rawdb' });
    assert.strictEqual(r.ok, 0, 'a malformed statement is an error reply, not a crash');

    // Hostile frames close their connection only.
    const huge = Buffer.alloc(16);
    huge.writeInt32LE(64 * 1024 * 1024, 0);
    await expectClosed(port, huge);
    const negative = Buffer.alloc(16, 0xff);
    await expectClosed(port, negative);
    await expectClosed(port, frame(9999, 1, Buffer.alloc(8)));
    await expectClosed(port, frame(2012, 1, Buffer.alloc(16))); // OP_COMPRESSED
    const badBson = opMsg(1, { ping: 1, $db: 'admin' });
    badBson.writeInt32LE(1000, 21);
    await expectClosed(port, badBson);
    await expectClosed(port, opMsg(1, { ping: 1, $db: 'admin' }, 1 << 5)); // unknown required bit
    await expectClosed(port, frame(2013, 1, Buffer.from([0, 0, 0, 0, 7, 1, 2, 3, 4, 5]))); // section kind 7
    const bytes = randomBytes(0x2545f491);
    const ops = [2013, 2004, 2013, 1];
    for (let i = 0; i < 300; i++) {
        const body = Buffer.from(Array.from({ length: i % 80 }, () => bytes.next().value));
        // Most frames get a plausible header, so the random part reaches the section parser.
        const junk = i % 3 === 0 ? Buffer.concat([Buffer.alloc(4), body]) : frame(ops[i % 4], i, body);
        if (i % 3 !== 0 && ops[i % 4] === 2013 && body.length > 9) {
            junk.fill(0, 16, 21); // no flags, a kind 0 section
            if (i % 4 === 0) {
                const doc = BSON.serialize({ ping: 1, $db: 'admin', x: body.subarray(0, i % 20) });
                junk.write(doc.toString('binary'), 21, 'binary'); // a real document, a random rest
            } else {
                junk.writeInt32LE(Math.min(body.length - 5, 5 + (i % 40)), 21); // a plausible size
            }
        }
        const sock = new Raw(port);
        sock.socket.write(junk);
        // Junk that declares a longer frame leaves the peer waiting for the rest: hang up.
        await Promise.race([sock.closed, new Promise((resolve) => setTimeout(resolve, 5))]);
        await sock.end();
    }

    // The first connection and the peer still serve.
    r = await raw.command(16, { ping: 1, $db: 'admin' });
    assert.strictEqual(r.ok, 1);
    await raw.end();
}

module.exports = { rawChecks };
