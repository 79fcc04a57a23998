// SPDX-License-Identifier: MIT
// Checks the Riak PBC test peer with an independent client, basho's official Node.js client
// (basho-riak-client, pinned in package-lock.json). Usage: node check.js [PORT]; without a port
// it starts a fresh peer itself. Exit code 0: ok.
'use strict';

const assert = require('assert');
const Riak = require('basho-riak-client');

const path = require('path');
const { spawn } = require('child_process');
const call = (client, method, options) => new Promise((resolve, reject) => {
    const done = (err, rslt) => (err ? reject(new Error(String(err))) : resolve(rslt));
    if (options === undefined) client[method](done);
    else client[method](options, done);
});

async function main(client) {
    assert.strictEqual(await call(client, 'ping', undefined), true);

    await call(client, 'storeBucketProps', { bucket: 'check', allowMult: true });
    const props = await call(client, 'fetchBucketProps', { bucket: 'check' });
    assert.strictEqual(props.allowMult, true);
    assert.strictEqual(props.nVal, 3);

    // Two writers with the same stale vclock make two siblings; a write with the vclock that
    // covers both replaces them.
    await call(client, 'storeValue', { bucket: 'check', key: 'k', value: 'v0' });
    const first = await call(client, 'fetchValue', { bucket: 'check', key: 'k' });
    const stale = first.values[0];
    for (const v of ['a', 'b']) {
        const obj = new Riak.Commands.KV.RiakObject();
        obj.setContentType('text/plain');
        obj.setValue(v);
        obj.setVClock(stale.getVClock());
        await call(client, 'storeValue', { bucket: 'check', key: 'k', value: obj });
    }
    const conflicted = await call(client, 'fetchValue', { bucket: 'check', key: 'k' });
    assert.deepStrictEqual(conflicted.values.map((o) => o.getValue().toString()).sort(), ['a', 'b']);
    const resolved = new Riak.Commands.KV.RiakObject();
    resolved.setValue('ab');
    resolved.setVClock(conflicted.values[0].getVClock());
    await call(client, 'storeValue', { bucket: 'check', key: 'k', value: resolved });
    const after = await call(client, 'fetchValue', { bucket: 'check', key: 'k' });
    assert.deepStrictEqual(after.values.map((o) => o.getValue().toString()), ['ab']);

    // A key chosen by the server, 2i, list keys, delete.
    const idx = new Riak.Commands.KV.RiakObject();
    idx.setValue('{"n":5}');
    idx.setContentType('application/json');
    idx.addToIndex('age_int', 42);
    const stored = await call(client, 'storeValue', { bucket: 'check2', value: idx });
    assert.ok(stored.generatedKey && stored.generatedKey.length > 0);
    const hits = await call(client, 'secondaryIndexQuery',
        { bucket: 'check2', indexName: 'age_int', rangeStart: 40, rangeEnd: 50, stream: false });
    assert.deepStrictEqual(hits.values.map((v) => v.objectKey), [stored.generatedKey]);
    const listed = await call(client, 'listKeys', { bucket: 'check2', stream: false });
    assert.deepStrictEqual(listed.keys, [stored.generatedKey]);

    const mr = await new Promise((resolve, reject) => client.execute(new Riak.Commands.MR.MapReduce(
        JSON.stringify({
            inputs: 'check2',
            query: [{ map: { language: 'javascript', name: 'Riak.mapValuesJson' } },
                { reduce: { language: 'javascript', source: 'function(vs){return [vs.length];}' } }],
        }), (err, rslt) => (err ? reject(new Error(String(err))) : resolve(rslt)), false)));
    assert.deepStrictEqual(mr.phase_1, [1]);

    await call(client, 'deleteValue', { bucket: 'check2', key: stored.generatedKey });
    const gone = await call(client, 'fetchValue', { bucket: 'check2', key: stored.generatedKey });
    assert.strictEqual(gone.isNotFound, true);

    // Riak's error response reaches the client as an error carrying the message.
    await assert.rejects(call(client, 'fetchValue', { bucket: 'check', key: 'k', r: 5 }), /n_val_violation/);
}

function check(port, peer) {
    const finish = (code) => {
        peer?.kill();
        process.exit(code);
    };
    new Riak.Client([`127.0.0.1:${port}`], (err, c) => {
        if (err) {
            console.error(err);
            finish(1);
        }
        main(c).then(() => {
            console.log('check: ok');
            c.stop(() => finish(0));
        }, (e) => {
            console.error('check failed:', e);
            finish(1);
        });
    });
}

if (process.argv[2]) {
    check(process.argv[2], null);
} else {
    const peer = spawn(process.execPath, [path.join(__dirname, '..', 'peer.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    peer.stdout.once('data', (line) => check(/listening (\d+)/.exec(line.toString())[1], peer));
}
