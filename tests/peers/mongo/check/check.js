// SPDX-License-Identifier: MIT
// Checks the MongoDB test peer with an independent client, the official Node.js driver
// (`mongodb`, pinned in ../package-lock.json). Usage: node check.js [PORT]; without a port it
// starts a fresh peer itself (and a second one with --max-batch 7). Exit code 0: ok.
'use strict';

const assert = require('assert');
const { MongoClient, MongoServerError, Long } = require('mongodb');
const { rawChecks } = require('./raw');
const { startPeer } = require('./launch');

function connect(port) {
    return new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true&serverSelectionTimeoutMS=5000`,
        { heartbeatFrequencyMS: 500 }).connect();
}

async function expectCode(promise, code) {
    await assert.rejects(promise, (e) => {
        assert.ok(e instanceof MongoServerError, `not a server error: ${e}`);
        assert.strictEqual(e.code, code, e.message);
        return true;
    });
}

async function main(client) {
    const admin = client.db('admin');
    assert.strictEqual((await admin.command({ ping: 1 })).ok, 1);
    const hello = await admin.command({ hello: 1 });
    assert.strictEqual(hello.isWritablePrimary, true);
    assert.strictEqual(hello.maxWireVersion, 17);
    assert.strictEqual((await admin.command({ buildInfo: 1 })).version, '6.0.0');
    await expectCode(admin.command({ noSuchCommand: 1 }), 59);

    const db = client.db('check');
    const people = db.collection('people');

    // Insert one and many; _id is given by the driver, or by the peer for a raw command.
    const ada = await people.insertOne({ name: 'ada', age: 36, langs: ['en', 'fr'] });
    assert.ok(ada.insertedId);
    const many = await people.insertMany([
        { name: 'bob', age: 25, address: { city: 'Oslo' } },
        { name: 'cy', age: 41, address: { city: 'Rome' } },
        { name: 'dee', age: 25 },
    ]);
    assert.strictEqual(many.insertedCount, 3);
    const raw = await db.command({ insert: 'people', documents: [{ name: 'eve', age: 30, big: Long.fromNumber(2 ** 40) }] });
    assert.strictEqual(raw.n, 1);
    const eve = await people.findOne({ name: 'eve' }, { promoteLongs: false });
    assert.ok(eve._id, 'peer adds an _id');
    assert.strictEqual(Object.keys(eve)[0], '_id');
    assert.ok(eve.big instanceof Long, 'an int64 beyond int32 comes back as int64');

    // Queries: filter, sub-fields, projection, sort, skip, limit.
    assert.deepStrictEqual((await people.find({ age: 25 }).sort({ name: 1 }).toArray()).map((d) => d.name), ['bob', 'dee']);
    assert.deepStrictEqual((await people.find({ 'address.city': 'Rome' }).toArray()).map((d) => d.name), ['cy']);
    const projected = await people.findOne({ name: 'ada' }, { projection: { _id: 0, name: 1 } });
    assert.deepStrictEqual(projected, { name: 'ada' });
    const sorted = await people.find({}).sort({ age: -1, name: 1 }).skip(1).limit(3).toArray();
    assert.deepStrictEqual(sorted.map((d) => d.name), ['ada', 'eve', 'bob']);
    assert.strictEqual(await people.findOne({ name: 'zed' }), null);
    assert.deepStrictEqual((await people.find({ langs: 'fr' }).toArray()).map((d) => d.name), ['ada']);

    // A cursor over several getMore batches.
    const numbers = db.collection('numbers');
    await numbers.insertMany(Array.from({ length: 1000 }, (_, i) => ({ i, pad: 'x'.repeat(100) })));
    const seen = [];
    for await (const doc of numbers.find({ i: { $gte: 100 } }).sort({ i: 1 }).batchSize(64)) seen.push(doc.i);
    assert.deepStrictEqual(seen, Array.from({ length: 900 }, (_, i) => i + 100));
    const cursor = numbers.find({}, { batchSize: 10 });
    assert.strictEqual((await cursor.next()).i, 0);
    await cursor.close(); // killCursors
    assert.strictEqual((await numbers.find({}).limit(150).toArray()).length, 150);

    // Updates: $set, $inc, multi, upsert, replacement, a miss.
    let r = await people.updateOne({ name: 'ada' }, { $set: { age: 37 }, $push: { langs: 'de' } });
    assert.strictEqual(r.matchedCount, 1);
    assert.strictEqual(r.modifiedCount, 1);
    r = await people.updateMany({ age: 25 }, { $inc: { age: 1 } });
    assert.strictEqual(r.matchedCount, 2);
    assert.strictEqual(r.modifiedCount, 2);
    assert.strictEqual(await people.countDocuments({ age: 26 }), 2);
    r = await people.updateOne({ name: 'ada' }, { $set: { age: 37 } });
    assert.strictEqual(r.matchedCount, 1);
    assert.strictEqual(r.modifiedCount, 0, 'an update that changes nothing modifies nothing');
    r = await people.updateOne({ name: 'fay' }, { $set: { age: 50 }, $setOnInsert: { fresh: true } }, { upsert: true });
    assert.strictEqual(r.upsertedCount, 1);
    assert.ok(r.upsertedId);
    const fay = await people.findOne({ _id: r.upsertedId });
    assert.deepStrictEqual({ name: fay.name, age: fay.age, fresh: fay.fresh }, { name: 'fay', age: 50, fresh: true });
    r = await people.updateOne({ name: 'nobody' }, { $set: { age: 1 } });
    assert.strictEqual(r.matchedCount, 0);
    r = await people.replaceOne({ name: 'dee' }, { name: 'dee', age: 99 });
    assert.strictEqual(r.modifiedCount, 1);
    assert.strictEqual((await people.findOne({ name: 'dee' })).age, 99);
    await assert.rejects(people.updateOne({ name: "dee" }, { $set: { _id: 5 } }), (e) => e.code === 66);
    await expectCode(people.updateOne({ name: 'dee' }, { $inc: { name: 1 } }), 14);
    await expectCode(people.updateOne({ name: 'dee' }, { $set: { age: 1 }, $inc: { age: 1 } }), 40);

    // findAndModify: the document before or after, an upsert, a removal.
    const before = await people.findOneAndUpdate({ name: 'cy' }, { $inc: { age: 1 } }, { projection: { _id: 0, age: 1 } });
    assert.deepStrictEqual(before, { age: 41 });
    const afterInc = await people.findOneAndUpdate({ name: 'cy' }, { $inc: { age: 1 } }, { returnDocument: 'after' });
    assert.strictEqual(afterInc.age, 43);
    const made = await people.findOneAndUpdate({ name: 'gus' }, { $set: { age: 60 } }, { upsert: true, returnDocument: 'after' });
    assert.strictEqual(made.name, 'gus');
    assert.strictEqual((await people.findOneAndDelete({ name: 'gus' })).age, 60);
    assert.strictEqual(await people.findOneAndDelete({ name: 'gus' }), null);
    await people.updateOne({ name: 'cy' }, { $set: { age: 41 } });

    // Deletes, counts, aggregation.
    assert.strictEqual((await people.deleteOne({ name: 'nobody' })).deletedCount, 0);
    assert.strictEqual((await people.deleteOne({ age: 26 })).deletedCount, 1);
    assert.strictEqual(await people.countDocuments(), 5);
    assert.strictEqual(await people.countDocuments({}, { skip: 1, limit: 2 }), 2);
    assert.strictEqual(await people.estimatedDocumentCount(), 5);
    const groups = await numbers.aggregate([
        { $match: { i: { $lt: 10 } } },
        { $group: { _id: { $mod: ['$i', 2] }, n: { $sum: 1 }, total: { $sum: '$i' } } },
        { $sort: { _id: 1 } },
    ]).toArray();
    assert.deepStrictEqual(groups, [{ _id: 0, n: 5, total: 20 }, { _id: 1, n: 5, total: 25 }]);
    await numbers.aggregate([{ $match: { i: { $lt: 3 } } }, { $project: { _id: '$i', square: { $multiply: ['$i', '$i'] } } },
        { $out: 'squares' }]).toArray();
    const joined = await db.collection('squares').aggregate([
        { $lookup: { from: 'numbers', localField: '_id', foreignField: 'i', as: 'n' } },
        { $project: { square: 1, pad: { $size: '$n' } } }]).toArray();
    assert.deepStrictEqual(joined, [{ _id: 0, square: 0, pad: 1 }, { _id: 1, square: 1, pad: 1 }, { _id: 2, square: 4, pad: 1 }]);
    await db.collection('squares').drop();
    const agg = await numbers.aggregate([{ $project: { _id: 0, i: 1 } }], { batchSize: 100 }).toArray();
    assert.strictEqual(agg.length, 1000);
    assert.deepStrictEqual((await people.distinct('age', { age: { $gt: 40 } })).sort(), [41, 50, 99]);
    assert.strictEqual((await people.deleteMany({})).deletedCount, 5);

    // A unique index turns a duplicate into code 11000, in insert and in update.
    const users = db.collection('users');
    assert.strictEqual(await users.createIndex({ email: 1 }, { unique: true }), 'email_1');
    await users.insertOne({ email: 'a@x' });
    await expectCode(users.insertOne({ email: 'a@x' }), 11000);
    await users.insertOne({ email: 'b@x' });
    await expectCode(users.updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } }), 11000);
    const bulk = await users.insertMany([{ email: 'c@x' }, { email: 'a@x' }, { email: 'd@x' }], { ordered: false })
        .catch((e) => e);
    assert.strictEqual(bulk.writeErrors?.length ?? bulk.result?.getWriteErrors().length, 1);
    assert.strictEqual(await users.countDocuments(), 4);
    const indexes = await users.listIndexes().toArray();
    assert.deepStrictEqual(indexes.map((i) => [i.name, !!i.unique]), [['_id_', false], ['email_1', true]]);

    // Listing and dropping; an update without upsert creates no collection.
    assert.strictEqual((await db.collection('ghost').updateOne({ a: 1 }, { $set: { b: 1 } })).matchedCount, 0);
    const dbs = (await admin.admin().listDatabases()).databases.map((d) => d.name);
    assert.ok(dbs.includes('check'), `listDatabases: ${dbs}`);
    const colls = (await db.listCollections().toArray()).map((c) => c.name).sort();
    assert.deepStrictEqual(colls, ['numbers', 'people', 'users']);
    assert.strictEqual(await users.drop(), true);
    assert.deepStrictEqual((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort(), ['numbers', 'people']);
    await expectCode(db.command({ drop: 'users' }), 26);
    assert.strictEqual(await db.dropDatabase(), true);
    assert.ok(!(await admin.admin().listDatabases()).databases.some((d) => d.name === 'check'));
}

// --max-batch caps every batch: a cursor of 20 takes a first batch and two getMores.
async function maxBatch(client) {
    const coll = client.db('mb').collection('c');
    await coll.insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
    const reply = await client.db('mb').command({ find: 'c', sort: { i: 1 } });
    assert.strictEqual(reply.cursor.firstBatch.length, 7);
    assert.deepStrictEqual((await coll.find({}).toArray()).map((d) => d.i), Array.from({ length: 20 }, (_, i) => i));
}

async function run(port, body) {
    const client = await connect(port);
    try {
        await body(client);
    } finally {
        await client.close();
    }
}

async function all() {
    if (process.argv[2]) return run(process.argv[2], main);
    for (const [args, body] of [[[], main], [['--max-batch', '7'], maxBatch]]) {
        const { peer, port } = await startPeer(args);
        try {
            await run(port, body);
            await rawChecks(port);
            await run(port, async (client) => assert.strictEqual((await client.db('admin').command({ ping: 1 })).ok, 1));
        } catch (e) {
            process.stderr.write(peer.log);
            throw e;
        } finally {
            peer.removeAllListeners('exit');
            peer.kill();
        }
    }
    return undefined;
}

all().then(() => {
    console.log('mongo peer check: ok');
}, (e) => {
    console.error(e);
    process.exit(1);
});
