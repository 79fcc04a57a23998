// SPDX-License-Identifier: MIT
// The commands the peer answers, by name: the handshake and server commands here, the others in
// reads.js, writes.js and catalog.js (mixed into Commands, whose state they share). Query,
// projection, sort, update and aggregation semantics are mingo's; the modules add what mongod
// does around them: namespaces, cursors, write results, upserts, unique indexes, error codes.
'use strict';

const { Failure } = require('./store');
const { failureDoc, target } = require('./common');
const reads = require('./reads');
const writes = require('./writes');
const catalog = require('./catalog');

const MAX_BSON = 16 * 1024 * 1024;
const MAX_MESSAGE = 48000000;
const WIRE_VERSION = 17; // MongoDB 6.0

class Commands {
    constructor(store, cursors) {
        this.store = store;
        this.cursors = cursors;
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

    legacyRefused(body) {
        return {
            ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand',
            errmsg: `Unsupported OP_QUERY command: ${Object.keys(body)[0]}. The client driver may require an upgrade.`,
        };
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
}

Object.assign(Commands.prototype, reads, writes, catalog);

module.exports = { Commands, MAX_MESSAGE };
