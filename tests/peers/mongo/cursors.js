// SPDX-License-Identifier: MIT
// Server-side cursors: a result held until getMore has handed out all of it or killCursors ends
// it. Batches follow mongod: the first holds 101 documents unless batchSize says otherwise, a
// getMore fills up to 16 MiB, and --max-batch caps the count of both.
'use strict';

const { BSON, Long } = require('bson');
const { Failure } = require('./store');

const FIRST_BATCH = 101;
const BATCH_BYTES = 16 * 1024 * 1024;

class Cursors {
    constructor(maxBatch) {
        this.maxBatch = maxBatch;
        this.open = new Map(); // id as string -> { ns, docs, at }
        this.nextId = 1n;
    }

    take(state, batchSize, first) {
        let count = batchSize > 0 ? batchSize : (first ? FIRST_BATCH : Infinity);
        if (first && batchSize === 0) count = 0;
        count = Math.min(count, this.maxBatch);
        const batch = [];
        let bytes = 0;
        while (batch.length < count && state.at < state.docs.length) {
            const doc = state.docs[state.at];
            const size = BSON.calculateObjectSize(doc);
            if (batch.length > 0 && bytes + size > BATCH_BYTES) break;
            batch.push(doc);
            bytes += size;
            state.at++;
        }
        return batch;
    }

    // The `cursor` field of a find/aggregate reply for `docs`; a cursor stays open only when
    // documents are left over and the caller did not ask for a single batch.
    start(ns, docs, batchSize, singleBatch) {
        const state = { ns, docs, at: 0 };
        const firstBatch = this.take(state, batchSize, true);
        let id = Long.ZERO;
        if (!singleBatch && state.at < docs.length) {
            // Ids look like mongod's: large, not guessable from the count of cursors.
            id = Long.fromBigInt((this.nextId++ << 32n) | BigInt(Math.floor(Math.random() * 0xffffffff)));
            this.open.set(id.toString(), state);
        }
        return { id, ns, firstBatch };
    }

    more(idValue, collection, db, batchSize) {
        const key = String(idValue);
        const state = this.open.get(key);
        if (!state) throw new Failure(43, 'CursorNotFound', `cursor id ${key} not found`);
        if (state.ns !== `${db}.${collection}` && !state.ns.startsWith(`${db}.$cmd`)) {
            throw new Failure(13, 'Unauthorized', `Requested getMore on namespace '${db}.${collection}', but cursor belongs to a different namespace ${state.ns}`);
        }
        const nextBatch = this.take(state, batchSize, false);
        let id = Long.fromString(key);
        if (state.at >= state.docs.length) {
            this.open.delete(key);
            id = Long.ZERO;
        }
        return { id, ns: state.ns, nextBatch };
    }

    kill(ids) {
        const killed = [];
        const notFound = [];
        for (const id of ids) (this.open.delete(String(id)) ? killed : notFound).push(id);
        return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
    }
}

module.exports = { Cursors };
