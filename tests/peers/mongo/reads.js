// SPDX-License-Identifier: MIT
// The read commands: find with its cursors (getMore, killCursors), count, distinct and
// aggregate, filtering, sorting and projecting with mingo.
'use strict';

const { BSON } = require('bson');
const mingo = require('mingo');
const { Failure, pathValue } = require('./store');
const { clone, query, semantic, target, batchSizeOf } = require('./common');

// The documents of a find: filter, sort, skip, limit and projection, all by mingo.
function select(coll, body) {
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

function find(body, db) {
    const coll = this.coll(body, db, false);
    const docs = this.select(coll, body);
    const single = body.singleBatch === true || (body.limit ?? 0) < 0;
    return { cursor: this.cursors.start(`${db}.${target(body)}`, docs, batchSizeOf(body), single) };
}

function getMore(body, db) {
    if (typeof body.collection !== 'string') throw new Failure(40414, 'Location40414', "BSON field 'getMore.collection' is missing but a required field");
    return { cursor: this.cursors.more(body.getMore, body.collection, db, batchSizeOf(body)) };
}

function killCursors(body) {
    if (!Array.isArray(body.cursors)) throw new Failure(40414, 'Location40414', "BSON field 'killCursors.cursors' is missing but a required field");
    return this.cursors.kill(body.cursors);
}

function count(body, db) {
    const coll = this.coll(body, db, false);
    const docs = this.select(coll, { filter: body.query, skip: body.skip, limit: body.limit });
    return { n: docs.length };
}

function distinct(body, db) {
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

function aggregate(body, db) {
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

module.exports = { select, find, getMore, killCursors, count, distinct, aggregate };
