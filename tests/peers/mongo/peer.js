#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// A MongoDB wire-protocol peer for the tests: one in-memory standalone "mongod" (wire version 17,
// MongoDB 6.0) answering OP_MSG and the legacy OP_QUERY handshake. Query, projection, sort,
// update and aggregation semantics are mingo's (npm); BSON is the npm `bson` package.
// Usage: node peer.js [--port N] [--max-batch N] [--trace]
// Prints "listening PORT" when ready. --max-batch caps the documents of every cursor batch;
// --trace logs each request (connection, opCode, flags, command body) to stderr.
// Commands on the collection "__stall" are never answered (for timeout and kill-mid-request
// tests). A frame over maxMessageSizeBytes, an unknown opCode, OP_COMPRESSED (never
// negotiated) or bad BSON closes the connection.
'use strict';

const net = require('net');
const { EJSON, ObjectId } = require('bson');
const wire = require('./wire');
const { Store } = require('./store');
const { Cursors } = require('./cursors');
const { Commands, MAX_MESSAGE } = require('./commands');

function option(name, fallback) {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const maxBatch = option('--max-batch', Infinity);
if (!(maxBatch >= 1)) {
    process.stderr.write('mongo peer: --max-batch needs a count of at least 1\n');
    process.exit(2);
}
const commands = new Commands(new Store(), new Cursors(maxBatch));
const trace = process.argv.includes('--trace');
const processId = new ObjectId(); // topologyVersion.processId: one per peer run
let nextRequestId = 1;
let nextConnectionId = 1;

function send(socket, make) {
    const requestId = nextRequestId++;
    if (!socket.destroyed) socket.write(make(requestId));
    return requestId;
}

// An awaitable hello (streaming monitoring) is answered after maxAwaitTimeMS, since this
// server's topology never changes. With exhaustAllowed the answers keep coming, each flagged
// moreToCome and responding to the one before, until the connection closes.
function awaitHello(conn, msg) {
    // At least 10 ms between answers, so that a maxAwaitTimeMS of 0 cannot make exhaust spin.
    const wait = Math.min(Math.max(Number(msg.body.maxAwaitTimeMS) || 0, 10), 60000);
    let responseTo = msg.requestId;
    const answer = () => {
        conn.timer = null;
        if (conn.socket.destroyed) return;
        const reply = commands.run(msg.body, msg.db, conn);
        const flags = msg.exhaustAllowed ? wire.MORE_TO_COME : 0;
        responseTo = send(conn.socket, (id) => wire.msgReply(id, responseTo, reply, flags));
        if (msg.exhaustAllowed) conn.timer = setTimeout(answer, wait);
    };
    conn.timer = setTimeout(answer, wait);
}

function dispatch(conn, msg) {
    const { body } = msg;
    if (trace) {
        process.stderr.write(`mongo peer: connection ${conn.id} ${msg.kind} flags ${msg.flags} `
            + `${EJSON.stringify(body, { relaxed: true })}\n`);
    }
    if (commands.isStalled(body)) return;
    const isHello = 'hello' in body || 'isMaster' in body || 'ismaster' in body;
    if (msg.kind === 'msg' && isHello && body.topologyVersion && body.maxAwaitTimeMS !== undefined) {
        awaitHello(conn, msg);
        return;
    }
    // Like mongod since 5.1, OP_QUERY serves only the handshake commands.
    const reply = msg.kind === 'query' && !isHello ? commands.legacyRefused(body) : commands.run(body, msg.db, conn);
    if (msg.moreToCome) return; // an unacknowledged write (w:0) gets no reply
    send(conn.socket, (id) => (msg.kind === 'query' ? wire.opReply(id, msg.requestId, reply)
        : wire.msgReply(id, msg.requestId, reply)));
}

function serve(socket) {
    const conn = { socket, id: nextConnectionId++, processId, timer: null };
    const reader = new wire.FrameReader(MAX_MESSAGE);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => clearTimeout(conn.timer));
    socket.on('data', (chunk) => {
        try {
            reader.push(chunk, (frame) => {
                if (!socket.destroyed) dispatch(conn, wire.parseMessage(frame));
            });
        } catch (e) {
            // A peer that cannot follow the stream has no way to answer: drop the connection,
            // as mongod does, and stay up for the others. Anything but a WireError is a bug of
            // the peer; its stack goes to the log.
            const why = e instanceof wire.WireError ? e.message : e.stack;
            process.stderr.write(`mongo peer: connection ${conn.id} closed: ${why}\n`);
            socket.destroy();
        }
    });
}

const server = net.createServer(serve);
server.listen(option('--port', 0), '127.0.0.1', () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
