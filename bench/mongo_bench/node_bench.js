// SPDX-License-Identifier: MIT
// The same workload as mongo_bench from the official Node.js driver (npm `mongodb`): inserts,
// then findOne by _id, from 50 concurrent workers, as requests per second.
//   NODE_PATH=<dir with mongodb> node node_bench.js host port [workers] [requests]
'use strict';

const { MongoClient } = require('mongodb');

const [host, port] = [process.argv[2] ?? '127.0.0.1', process.argv[3] ?? '27017'];
const workers = Number(process.argv[4] ?? 50);
const requests = Number(process.argv[5] ?? 20000);
const payload = 'x'.repeat(100);

async function run(op) {
    let next = 0;
    const start = process.hrtime.bigint();
    const worker = async () => {
        for (let i = next++; i < requests; i = next++) await op(i);
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return requests / (Number(process.hrtime.bigint() - start) / 1e9);
}

(async () => {
    const client = new MongoClient(`mongodb://${host}:${port}/`, { maxPoolSize: workers, directConnection: true });
    await client.connect();
    const db = client.db('mongo_bench_node');
    await db.dropDatabase();
    const c = db.collection('bench');
    const insert = await run((i) => c.insertOne({ _id: i, x: i, s: payload }));
    console.log(`INSERT: ${insert.toFixed(2)} requests per second`);
    const find = await run(async (i) => {
        const d = await c.findOne({ _id: i });
        if (!d || d.x !== i) throw new Error(`findOne(${i}) found the wrong one`);
    });
    console.log(`FIND_ONE: ${find.toFixed(2)} requests per second`);
    await db.dropDatabase();
    await client.close();
})().catch((e) => {
    console.error('node_bench:', e);
    process.exit(1);
});
