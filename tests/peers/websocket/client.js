// SPDX-License-Identifier: MIT
// A WebSocket client on the npm `ws` package against the C++ echo server of tst_websocket_peer
// (route /echo: echoes, closes with 4002 on the text "close-me", max_message 65536, subprotocol
// "chat"). Prints one line per check, "ok NAME" or "FAIL NAME: why", and exits 1 on a failure.
//   node client.js PORT
'use strict';
const WebSocket = require('ws');

const url = `ws://127.0.0.1:${process.argv[2]}/echo`;
let failed = false;

function open(protocols) {
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(url, protocols);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
    });
}
const next = (ws) => new Promise((resolve) =>
    ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
const closed = (ws) => new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

async function check(name, body) {
    try {
        await body();
        console.log('ok ' + name);
    } catch (e) {
        failed = true;
        console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
    }
}
function expect(cond, why) {
    if (!cond)
        throw new Error(why);
}

(async () => {
    await check('text', async () => {
        const ws = await open();
        ws.send('héllo wörld');
        const m = await next(ws);
        expect(!m.isBinary && m.data.toString() === 'héllo wörld', 'echo: ' + m.data);
        ws.close(1000);
        const c = await closed(ws);
        expect(c.code === 1000, 'close code ' + c.code);
    });
    await check('binary', async () => {
        const ws = await open();
        const bytes = Buffer.from([0, 1, 2, 255, 254, 0, 128]);
        ws.send(bytes);
        const m = await next(ws);
        expect(m.isBinary && Buffer.compare(m.data, bytes) === 0, 'binary echo differs');
        ws.close();
    });
    await check('fragmented', async () => {
        const ws = await open();
        ws.send('one ', { fin: false });
        ws.send('two ', { fin: false });
        ws.send('three', { fin: true });
        const m = await next(ws);
        expect(m.data.toString() === 'one two three', 'reassembled: ' + m.data);
        ws.close();
    });
    await check('ping', async () => {
        const ws = await open();
        const pong = new Promise((resolve) => ws.once('pong', resolve));
        ws.ping('are you there');
        const data = await pong;
        expect(data.toString() === 'are you there', 'pong payload: ' + data);
        ws.close();
    });
    await check('subprotocol', async () => {
        const ws = await open(['other', 'chat']);
        expect(ws.protocol === 'chat', 'protocol: ' + ws.protocol);
        ws.close();
    });
    await check('close code from the client', async () => {
        const ws = await open();
        ws.close(4001, 'bye');
        const c = await closed(ws);
        expect(c.code === 4001, 'echoed code ' + c.code);
    });
    await check('close code from the server', async () => {
        const ws = await open();
        ws.send('close-me');
        const c = await closed(ws);
        expect(c.code === 4002 && c.reason === 'as asked', `close ${c.code} ${c.reason}`);
    });
    await check('message over the limit', async () => {
        const ws = await open();
        ws.send(Buffer.alloc(65537, 'y'));
        const c = await closed(ws);
        expect(c.code === 1009, 'close code ' + c.code);
    });
    await check('large message within the limit', async () => {
        const ws = await open();
        const body = Buffer.alloc(65536, 'z');
        ws.send(body);
        const m = await next(ws);
        expect(Buffer.compare(m.data, body) === 0, 'length ' + m.data.length);
        ws.close();
    });
    await check('invalid UTF-8', async () => {
        const ws = await open();
        ws.send(Buffer.from([0x68, 0xc3, 0x28]), { binary: false });
        const c = await closed(ws);
        expect(c.code === 1007, 'close code ' + c.code);
    });
    process.exit(failed ? 1 : 0);
})();
