// SPDX-License-Identifier: MIT
// A WebSocket server on the npm `ws` package for the C++ client's tests: it echoes messages
// and obeys a few text commands. Prints "listening PORT" once it accepts connections.
//   node server.js --port 0 --max-payload 1048576
'use strict';
const { WebSocketServer } = require('ws');

const arg = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : fallback;
};

const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: Number(arg('--port', '0')),
    maxPayload: Number(arg('--max-payload', String(1024 * 1024))),
    handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false),
});

// Text commands; anything else is echoed with its type.
//   close:CODE:REASON   the server closes with CODE and REASON
//   ping:PAYLOAD        the server pings; its pong comes back as the text "pong:PAYLOAD"
//   fragments:N:TEXT    TEXT echoed in N fragments
//   big:N               a binary message of N bytes 'x'
//   protocol            the agreed subprotocol
//   headers             the upgrade request's x-diesel field
function command(ws, request, text) {
    const [verb, ...rest] = text.split(':');
    if (verb === 'close') {
        ws.close(Number(rest[0]), rest.slice(1).join(':'));
    } else if (verb === 'ping') {
        ws.ping(rest.join(':'));
    } else if (verb === 'fragments') {
        const n = Number(rest[0]);
        const body = rest.slice(1).join(':');
        const size = Math.ceil(body.length / n);
        for (let i = 0; i < n; ++i)
            ws.send(body.slice(i * size, (i + 1) * size), { fin: i === n - 1 });
    } else if (verb === 'big') {
        ws.send(Buffer.alloc(Number(rest[0]), 'x'));
    } else if (verb === 'protocol') {
        ws.send(ws.protocol);
    } else if (verb === 'headers') {
        ws.send(String(request.headers['x-diesel']));
    } else {
        return false;
    }
    return true;
}

wss.on('connection', (ws, request) => {
    ws.on('message', (data, isBinary) => {
        if (isBinary || !command(ws, request, data.toString()))
            ws.send(data, { binary: isBinary });
    });
    ws.on('pong', (data) => ws.send('pong:' + data.toString()));
    ws.on('error', () => {});
});
wss.on('listening', () => console.log('listening ' + wss.address().port));
process.on('SIGTERM', () => process.exit(0));
