// SPDX-License-Identifier: MIT
// The commands the peer answers. Query, projection, sort, update and aggregation semantics are
// mingo's; this file does what mongod adds around them: namespaces, cursors, write results,
// upserts, unique indexes and the error codes drivers look at.
'use strict';

const { BSON, ObjectId } = require('bson');
const mingo = require('mingo');
const { Failure, pathValue } = require('./store');

const MAX_BSON = 16 * 1024 * 1024;
const MAX_MESSAGE = 48000000;
const WIRE_VERSION = 17; // MongoDB 6.0

const DECODE = { promoteLongs: true, promoteValues: true, promoteBuffers: false };
const clone = (doc) => BSON.deserialize(BSON.serialize(doc), DECODE);

function query(filter) {
    try {
        return new mingo.Query(filter ?? {});
    } catch (e) {
        throw new Failure(2, 'BadValue', e.message);
    }
}

// Runs mingo, turning its complaints about an expression into mongod's BadValue.
function semantic(fn) {
    try {
        return fn();
    } catch (e) {
        if (e instanceof Failure) throw e;
        if (/immutable field '_id'/.test(e.message)) throw new Failure(66, 'ImmutableField', e.message);
        throw new Failure(2, 'BadValue', e.message);
    }
}

function failureDoc(e) {
    return { code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra };
}

// The collection a command names in its first field (or, for getMore, in `collection`).
function target(body) {
    const name = Object.keys(body)[0];
    return name === 'getMore' ? body.collection : body[name];
}

function batchSizeOf(body) {
    const n = body.batchSize ?? body.cursor?.batchSize;
    if (n === undefined) return -1;
    if (typeof n !== 'number' || n < 0) throw new Failure(51024, 'Location51024', 'BatchSize field must be greater than or equal to 0');
    return n;
}

function isOperatorDoc(u) {
    const keys = Object.keys(u);
    return keys.length > 0 && keys[0].startsWith('$');
}

// The fields of an upsert's query that fix a value: {a: 1, 'b.c': 2, d: {$eq: 3}}.
function equalities(filter, out = {}) {
    for (const [k, v] of Object.entries(filter ?? {})) {
        if (k === '$and' && Array.isArray(v)) v.forEach((f) => equalities(f, out));
        if (k.startsWith('$')) continue;
        const isOps = v !== null && typeof v === 'object' && v.constructor === Object && Object.keys(v).some((x) => x.startsWith('$'));
        if (!isOps) out[k] = v;
        else if ('$eq' in v) out[k] = v.$eq;
    }
    return out;
}

// The documents of `coll` that `filter` matches, in order (only the first when `one`).
function matching(coll, filter, one) {
    const direct = coll.idLookup(filter);
    if (direct) return direct;
    const q = query(filter);
    const hits = [];
    for (const doc of coll.docs) {
        if (!semantic(() => q.test(doc))) continue;
        hits.push(doc);
        if (one) break;
    }
    return hits;
}

function setPath(doc, path, value) {
    const parts = path.split('.');
    let at = doc;
    for (const p of parts.slice(0, -1)) {
        if (at[p] === null || typeof at[p] !== 'object') at[p] = {};
        at = at[p];
    }
    at[parts[parts.length - 1]] = value;
}

function withIdFirst(doc, id) {
    const { _id: ignored, ...rest } = doc;
    return { _id: id, ...rest };
}

class Commands {
    constructor(store, cursors) {
        this.store = store;
        this.cursors = cursors;
        this.started = new Date();
        this.handlers = {
            hello: this.hello, isMaster: this.hello, ismaster: this.hello,
            ping: () => ({}),
            buildInfo: this.buildInfo, buildinfo: this.buildInfo,
            getLastError: () => ({ err: null, n: 0 }),
            endSessions: () => ({}),
            insert: this.insert, find: this.find, getMore: this.getMore, killCursors: this.killCursors,
            update: this.update, delete: this.delete, count: this.count, distinct: this.distinct,
            findAndModify: this.findAndModify, findandmodify: this.findAndModify,
            aggregate: this.aggregate,
            listDatabases: this.listDatabases, listCollections: this.listCollections,
            create: this.create, createIndexes: this.createIndexes, listIndexes: this.listIndexes,
            dropIndexes: this.dropIndexes, drop: this.drop, dropDatabase: this.dropDatabase,
        };
    }

    // Answers one command body; returns the reply document (ok:0 with code on failure).
    run(body, db, conn) {
        const name = Object.keys(body)[0];
        const handler = Object.hasOwn(this.handlers, name) ? this.handlers[name] : null;
        if (!handler) {
            return { ok: 0, errmsg: `no such command: '${name}'`, code: 59, codeName: 'CommandNotFound' };
        }
        if (typeof db !== 'string' || db === '') {
            return { ok: 0, errmsg: 'OP_MSG requests require a $db argument', code: 40571, codeName: 'Location40571' };
        }
        try {
            return { ...handler.call(this, body, db, conn), ok: 1 };
        } catch (e) {
            // A body of the wrong shape that slipped past the checks still gets an answer.
            const failure = e instanceof Failure ? e : new Failure(1, 'InternalError', String(e?.message ?? e));
            return { ok: 0, ...failureDoc(failure) };
        }
    }

    isStalled(body) {
        return target(body) === '__stall';
    }

    hello(body, db, conn) {
        const reply = {};
        if (body.helloOk) reply.helloOk = true;
        // The legacy spelling is answered with the legacy field, as mongod does.
        if ('hello' in body) reply.isWritablePrimary = true;
        else reply.ismaster = true;
        return {
            ...reply,
            topologyVersion: { processId: conn.processId, counter: 0 },
            maxBsonObjectSize: MAX_BSON,
            maxMessageSizeBytes: MAX_MESSAGE,
            maxWriteBatchSize: 100000,
            localTime: new Date(),
            logicalSessionTimeoutMinutes: 30,
            connectionId: conn.id,
            minWireVersion: 0,
            maxWireVersion: WIRE_VERSION,
            readOnly: false,
        };
    }

    buildInfo() {
        return {
            version: '6.0.0', gitVersion: 'diesel-test-peer', versionArray: [6, 0, 0, 0],
            bits: 64, debug: false, maxBsonObjectSize: MAX_BSON, storageEngines: ['memory'],
            javascriptEngine: 'none', modules: [],
        };
    }

    coll(body, db, create) {
        const name = target(body);
        if (typeof name !== 'string' || name === '') {
            throw new Failure(73, 'InvalidNamespace', `collection name has invalid type ${typeof name}`);
        }
        return this.store.collection(db, name, create);
    }

    insert(body, db) {
        const docs = body.documents;
        if (!Array.isArray(docs)) throw new Failure(40414, 'Location40414', "BSON field 'insert.documents' is missing but a required field");
        const coll = this.coll(body, db, true);
        const writeErrors = [];
        let n = 0;
        for (const [index, doc] of docs.entries()) {
            try {
                coll.insert(doc);
                n++;
            } catch (e) {
                if (!(e instanceof Failure)) throw e;
                writeErrors.push({ index, ...failureDoc(e) });
                if (body.ordered !== false) break;
            }
        }
        return writeErrors.length ? { n, writeErrors } : { n };
    }

    // The documents of a find: filter, sort, skip, limit and projection, all by mingo.
    select(coll, body) {
        if (!coll) return [];
        const limit = Math.abs(body.limit ?? 0);
        const direct = coll.idLookup(body.filter);
        const shaped = (body.projection && Object.keys(body.projection).length) || body.skip;
        // A plain lookup by _id skips building a mingo query, which costs more than the lookup.
        if (direct && !shaped) return direct;
        return semantic(() => {
            const cursor = query(body.filter).find(direct ?? coll.docs, body.projection ?? {});
            if (body.sort && Object.keys(body.sort).length) cursor.sort(body.sort);
            if (body.skip) cursor.skip(body.skip);
            if (limit) cursor.limit(limit);
            return cursor.all();
        });
    }

    find(body, db) {
        const coll = this.coll(body, db, false);
        const docs = this.select(coll, body);
        const single = body.singleBatch === true || (body.limit ?? 0) < 0;
        return { cursor: this.cursors.start(`${db}.${target(body)}`, docs, batchSizeOf(body), single) };
    }

    getMore(body, db) {
        if (typeof body.collection !== 'string') throw new Failure(40414, 'Location40414', "BSON field 'getMore.collection' is missing but a required field");
        return { cursor: this.cursors.more(body.getMore, body.collection, db, batchSizeOf(body)) };
    }

    killCursors(body) {
        if (!Array.isArray(body.cursors)) throw new Failure(40414, 'Location40414', "BSON field 'killCursors.cursors' is missing but a required field");
        return this.cursors.kill(body.cursors);
    }

    // Applies one update statement; returns { n, nModified, upserted? }.
    updateOne(coll, stmt) {
        const u = stmt.u;
        const pipeline = Array.isArray(u);
        if (!pipeline && (u === null || typeof u !== 'object')) throw new Failure(9, 'FailedToParse', 'u must be an object or a pipeline');
        const operators = pipeline || isOperatorDoc(u);
        if (!operators && stmt.multi) throw new Failure(9, 'FailedToParse', 'multi update is not supported for replacement-style update');
        const hits = matching(coll, stmt.q, !stmt.multi);
        const chosen = hits.map((doc) => coll.docs.indexOf(doc));
        let nModified = 0;
        for (const i of chosen) {
            const before = coll.docs[i];
            let after;
            if (!operators) {
                if ('_id' in u && BSON.serialize({ v: u._id }).compare(BSON.serialize({ v: before._id })) !== 0) {
                    throw new Failure(66, 'ImmutableField', "After applying the update, the (immutable) field '_id' was found to have been altered");
                }
                after = withIdFirst(clone(u), before._id);
            } else {
                after = this.apply(clone(before), u, stmt, false);
                if (BSON.serialize({ v: after._id }).compare(BSON.serialize({ v: before._id })) !== 0) {
                    throw new Failure(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
                }
            }
            if (BSON.serialize(after).compare(BSON.serialize(before)) === 0) continue;
            coll.replaceAt(i, after);
            nModified++;
        }
        if (chosen.length || !stmt.upsert) return { n: chosen.length, nModified };

        let doc;
        if (!operators) {
            doc = clone(u);
            const eq = equalities(stmt.q);
            if (!('_id' in doc) && '_id' in eq) doc = withIdFirst(doc, eq._id);
        } else {
            doc = {};
            for (const [k, v] of Object.entries(equalities(stmt.q))) setPath(doc, k, clone({ v }).v);
            doc = this.apply(doc, u, stmt, true);
        }
        const stored = coll.insert(doc);
        return { n: 1, nModified: 0, upserted: stored._id };
    }

    // Runs update operators (or an update pipeline) on `doc` with mingo. $setOnInsert is mongod's
    // own: it acts only when an upsert inserts.
    apply(doc, u, stmt, inserting) {
        return semantic(() => {
            if (Array.isArray(u)) return mingo.aggregate([doc], u)[0] ?? {};
            const { $setOnInsert: onInsert, ...ops } = u;
            if (inserting && onInsert) ops.$set = { ...(ops.$set ?? {}), ...onInsert };
            if (Object.keys(ops).length) mingo.update(doc, ops, stmt.arrayFilters, stmt.q, { cloneMode: 'none' });
            return doc;
        });
    }

    update(body, db) {
        if (!Array.isArray(body.updates)) throw new Failure(40414, 'Location40414', "BSON field 'update.updates' is missing but a required field");
        const coll = this.coll(body, db, true);
        let n = 0;
        let nModified = 0;
        const upserted = [];
        const writeErrors = [];
        for (const [index, stmt] of body.updates.entries()) {
            try {
                const r = this.updateOne(coll, stmt);
                n += r.n;
                nModified += r.nModified;
                if (r.upserted !== undefined) upserted.push({ index, _id: r.upserted });
            } catch (e) {
                if (!(e instanceof Failure)) throw e;
                writeErrors.push({ index, ...failureDoc(e) });
                if (body.ordered !== false) break;
            }
        }
        const reply = { n, nModified };
        if (upserted.length) reply.upserted = upserted;
        if (writeErrors.length) reply.writeErrors = writeErrors;
        return reply;
    }

    // One document found (by query and sort), then updated, replaced or removed; `value` is the
    // document before the change, or after it with `new`.
    findAndModify(body, db) {
        if (!!body.remove === (body.update !== undefined)) {
            throw new Failure(9, 'FailedToParse', 'Either an update or remove=true must be specified');
        }
        if (body.remove && (body.upsert || body.new)) {
            throw new Failure(9, 'FailedToParse', "Cannot specify both a 'remove' and an 'upsert' or 'new'");
        }
        const coll = this.coll(body, db, !body.remove);
        const shape = (doc) => (doc && body.fields
            ? semantic(() => query({}).find([doc], body.fields).all()[0]) : doc) ?? null;
        const [found] = coll ? this.select(coll, { filter: body.query, sort: body.sort, limit: 1 }) : [];
        if (body.remove) {
            if (found) coll.remove(new Set([found]));
            return { lastErrorObject: { n: found ? 1 : 0 }, value: shape(found) };
        }
        const stmt = { q: found ? { _id: found._id } : body.query ?? {}, u: body.update, upsert: body.upsert, arrayFilters: body.arrayFilters };
        const r = this.updateOne(coll, stmt);
        const after = coll.idLookup({ _id: found ? found._id : r.upserted })?.[0];
        const lastErrorObject = { n: r.n, updatedExisting: !!found };
        if (r.upserted !== undefined) lastErrorObject.upserted = r.upserted;
        return { lastErrorObject, value: shape(body.new ? after : found) };
    }

    delete(body, db) {
        if (!Array.isArray(body.deletes)) throw new Failure(40414, 'Location40414', "BSON field 'delete.deletes' is missing but a required field");
        const coll = this.coll(body, db, false);
        let n = 0;
        const writeErrors = [];
        for (const [index, stmt] of body.deletes.entries()) {
            if (stmt.limit !== 0 && stmt.limit !== 1) {
                writeErrors.push({ index, code: 9, codeName: 'FailedToParse', errmsg: 'The limit field in delete objects must be 0 or 1' });
                if (body.ordered !== false) break;
                continue;
            }
            if (!coll) continue;
            const doomed = new Set(matching(coll, stmt.q, stmt.limit === 1));
            coll.remove(doomed);
            n += doomed.size;
        }
        return writeErrors.length ? { n, writeErrors } : { n };
    }

    count(body, db) {
        const coll = this.coll(body, db, false);
        const docs = this.select(coll, { filter: body.query, skip: body.skip, limit: body.limit });
        return { n: docs.length };
    }

    distinct(body, db) {
        if (typeof body.key !== 'string') throw new Failure(40414, 'Location40414', "BSON field 'distinct.key' is missing but a required field");
        const coll = this.coll(body, db, false);
        const values = [];
        const seen = new Set();
        for (const doc of this.select(coll, { filter: body.query })) {
            const v = pathValue(doc, body.key);
            for (const one of Array.isArray(v) ? v : [v]) {
                if (one === undefined) continue;
                const key = BSON.serialize({ one }).toString('hex');
                if (!seen.has(key)) {
                    seen.add(key);
                    values.push(one);
                }
            }
        }
        return { values };
    }

    aggregate(body, db) {
        if (!Array.isArray(body.pipeline)) throw new Failure(14, 'TypeMismatch', "'pipeline' option must be specified as an array");
        if (!body.cursor && !body.explain) throw new Failure(9, 'FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
        const dbLevel = body.aggregate === 1;
        const coll = dbLevel ? null : this.coll(body, db, false);
        const stages = [...body.pipeline];
        const last = stages[stages.length - 1];
        const out = last && typeof last.$out === 'string' ? stages.pop().$out : null;
        if (stages.some((stage) => stage && ('$merge' in stage || '$out' in stage))) {
            throw new Failure(2, 'BadValue', 'the test peer runs $out only as the last stage with a collection name, and no $merge');
        }
        // $lookup, $unionWith and $graphLookup read the other collections of the database.
        const collectionResolver = (name) => this.store.collection(db, name)?.docs ?? [];
        const docs = semantic(() => mingo.aggregate(coll ? coll.docs : [], stages, { collectionResolver }));
        const ns = dbLevel ? `${db}.$cmd.aggregate` : `${db}.${body.aggregate}`;
        if (out !== null) {
            // $out replaces the target collection with the results, through the store so that
            // the _id index sees every document.
            this.store.dropCollection(db, out);
            const target = this.store.collection(db, out, true);
            for (const doc of docs) target.insert(clone(doc));
            return { cursor: this.cursors.start(ns, [], batchSizeOf(body), false) };
        }
        return { cursor: this.cursors.start(ns, docs, batchSizeOf(body), false) };
    }

    listDatabases(body) {
        const databases = [...this.store.dbs.keys()].map((name) => ({ name, sizeOnDisk: 8192, empty: false }));
        const filtered = body.filter ? semantic(() => query(body.filter).find(databases).all()) : databases;
        if (body.nameOnly) return { databases: filtered.map(({ name }) => ({ name })) };
        return { databases: filtered, totalSize: 8192 * filtered.length, totalSizeMb: 0 };
    }

    listCollections(body, db) {
        const entries = this.store.collections(db).map((c) => ({
            name: c.name, type: 'collection', options: {},
            info: { readOnly: false, uuid: c.uuid }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        }));
        let docs = body.filter ? semantic(() => query(body.filter).find(entries).all()) : entries;
        if (body.nameOnly) docs = docs.map(({ name, type }) => ({ name, type }));
        return { cursor: this.cursors.start(`${db}.$cmd.listCollections`, docs, batchSizeOf(body), false) };
    }

    create(body, db) {
        if (this.coll(body, db, false)) throw new Failure(48, 'NamespaceExists', `Collection ${db}.${body.create} already exists.`);
        this.coll(body, db, true);
        return {};
    }

    createIndexes(body, db) {
        if (!Array.isArray(body.indexes)) throw new Failure(40414, 'Location40414', "BSON field 'createIndexes.indexes' is missing but a required field");
        const existed = !!this.coll(body, db, false);
        const coll = this.coll(body, db, true);
        const before = coll.indexes.length;
        let added = 0;
        for (const spec of body.indexes) if (coll.addIndex(spec)) added++;
        const reply = { numIndexesBefore: before, numIndexesAfter: coll.indexes.length, createdCollectionAutomatically: !existed };
        if (!added) reply.note = 'all indexes already exist';
        return reply;
    }

    listIndexes(body, db) {
        const coll = this.coll(body, db, false);
        if (!coll) throw new Failure(26, 'NamespaceNotFound', `ns does not exist: ${db}.${body.listIndexes}`);
        return { cursor: this.cursors.start(`${db}.$cmd.listIndexes.${coll.name}`, coll.indexes.map(clone), batchSizeOf(body), false) };
    }

    dropIndexes(body, db) {
        const coll = this.coll(body, db, false);
        if (!coll) throw new Failure(26, 'NamespaceNotFound', `ns not found ${db}.${body.dropIndexes}`);
        const was = coll.indexes.length;
        const which = body.index;
        if (which === '*') {
            while (coll.indexes.length > 1) coll.dropIndex(1);
        } else {
            const names = Array.isArray(which) ? which : [which];
            for (const name of names) {
                const at = coll.indexes.findIndex((ix) => (typeof name === 'string' ? ix.name === name
                    : BSON.serialize(ix.key).compare(BSON.serialize(name ?? {})) === 0));
                if (at < 0) throw new Failure(27, 'IndexNotFound', `index not found with name [${JSON.stringify(name)}]`);
                if (at === 0) throw new Failure(72, 'InvalidOptions', 'cannot drop _id index');
                coll.dropIndex(at);
            }
        }
        return { nIndexesWas: was };
    }

    drop(body, db) {
        const coll = this.coll(body, db, false);
        if (!coll) throw new Failure(26, 'NamespaceNotFound', 'ns not found');
        this.store.dropCollection(db, coll.name);
        return { nIndexesWas: coll.indexes.length, ns: coll.ns };
    }

    dropDatabase(body, db) {
        this.store.dropDatabase(db);
        return {};
    }
}

module.exports = { Commands, MAX_MESSAGE };
