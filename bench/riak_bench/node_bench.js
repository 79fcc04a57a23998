// SPDX-License-Identifier: MIT
// The same workload as riak_bench from basho's Node.js client (basho-riak-client): put then get
// of 1 KiB values from 50 concurrent workers, as requests per second.
//   NODE_PATH=<dir with basho-riak-client> node node_bench.js host port [workers] [requests]
'use strict';

const Riak = require('basho-riak-client');

const [host, port] = [process.argv[2] ?? '127.0.0.1', process.argv[3] ?? '8087'];
const workers = Number(process.argv[4] ?? 50);
const requests = Number(process.argv[5] ?? 100000);
const value = Buffer.alloc(1024, 'x');
const key = (i) => `key:${i % 10000}`;

function run(client, op) {
    let next = 0;
    const start = process.hrtime.bigint();
    const worker = () => new Promise((resolve, reject) => {
        const step = () => {
            const i = next++;
            if (i >= requests) return resolve();
            op(client, i, (err) => (err ? reject(new Error(String(err))) : step()));
        };
        step();
    });
    return Promise.all(Array.from({ length: workers }, worker))
        .then(() => requests / (Number(process.hrtime.bigint() - start) / 1e9));
}

const node = new Riak.Node({ remoteAddress: host, remotePort: Number(port), maxConnections: workers });
const cluster = new Riak.Cluster({ nodes: [node] });
const client = new Riak.Client(cluster);
(async () => {
    const put = await run(client, (c, i, done) => c.storeValue({ bucket: 'bench', key: key(i), value }, done));
    console.log(`PUT: ${put.toFixed(2)} requests per second`);
    const get = await run(client, (c, i, done) => c.fetchValue({ bucket: 'bench', key: key(i) }, (err, r) => {
        if (!err && r.values[0].value.length !== 1024) err = 'a value of the wrong size';
        done(err);
    }));
    console.log(`GET: ${get.toFixed(2)} requests per second`);
    client.stop(() => process.exit(0));
})().catch((e) => {
    console.error('node_bench:', e);
    process.exit(1);
});
