// SPDX-License-Identifier: MIT
// The npm `ws` client doing what websocket_bench does: N connections, each sending a message
// and waiting for its echo, over and over; prints messages/s.
//   node ws_client.js url connections messages size
'use strict';
const WebSocket = require('ws');
const [url, conns = '50', total = '200000', size = '32'] = process.argv.slice(2);
const perConn = Math.floor(Number(total) / Number(conns));
const payload = 'm'.repeat(Number(size));
let echoed = 0;
const start = process.hrtime.bigint();
const runs = [];
for (let c = 0; c < Number(conns); ++c) {
    runs.push(new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        let left = perConn;
        ws.on('open', () => ws.send(payload));
        ws.on('message', (data) => {
            if (data.length === payload.length)
                ++echoed;
            if (--left > 0)
                ws.send(payload);
            else
                ws.close();
        });
        ws.on('close', resolve);
        ws.on('error', reject);
    }));
}
Promise.all(runs).then(() => {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`ws: ${conns} connections, ${echoed} echoes of ${size} bytes in ` +
        `${seconds.toFixed(2)} s: ${Math.round(echoed / seconds)} messages/s`);
});
