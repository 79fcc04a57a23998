// SPDX-License-Identifier: MIT
// The write commands: insert, update, delete and findAndModify. mingo applies the update
// operators; this adds what mongod does around them: write results, upserts, _id rules, the
// unique indexes' duplicate keys and the type errors mingo lets pass.
'use strict';

const { BSON } = require('bson');
const mingo = require('mingo');
const { Failure, pathValue } = require('./store');
const { clone, query, semantic, failureDoc } = require('./common');

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

// mingo skips $inc and $mul on a field that is not a number; mongod refuses the update.
function arithmeticOnNumbers(doc, ops) {
    for (const op of ['$inc', '$mul']) {
        for (const [path, by] of Object.entries(ops[op] ?? {})) {
            if (typeof by !== 'number') {
                throw new Failure(14, 'TypeMismatch', `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${typeof by}}`);
            }
            const current = pathValue(doc, path);
            const numeric = typeof current === 'number' || ['Long', 'Decimal128'].includes(current?._bsontype);
            if (current !== undefined && !numeric) {
                throw new Failure(14, 'TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. The field '${path}' is of type ${current === null ? 'null' : Array.isArray(current) ? 'array' : typeof current}`);
            }
        }
    }
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

function insert(body, db) {
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

// Applies one update statement; returns { n, nModified, upserted? }.
function updateOne(coll, stmt) {
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
function apply(doc, u, stmt, inserting) {
    return semantic(() => {
        if (Array.isArray(u)) return mingo.aggregate([doc], u)[0] ?? {};
        const { $setOnInsert: onInsert, ...ops } = u;
        arithmeticOnNumbers(doc, ops);
        if (inserting && onInsert) ops.$set = { ...(ops.$set ?? {}), ...onInsert };
        if (Object.keys(ops).length) mingo.update(doc, ops, stmt.arrayFilters, stmt.q, { cloneMode: 'none' });
        return doc;
    });
}

function update(body, db) {
    if (!Array.isArray(body.updates)) throw new Failure(40414, 'Location40414', "BSON field 'update.updates' is missing but a required field");
    // As in mongod, only an upsert creates the collection.
    const coll = this.coll(body, db, body.updates.some((stmt) => stmt?.upsert));
    if (!coll) return { n: 0, nModified: 0 };
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
function findAndModify(body, db) {
    if (!!body.remove === (body.update !== undefined)) {
        throw new Failure(9, 'FailedToParse', 'Either an update or remove=true must be specified');
    }
    if (body.remove && (body.upsert || body.new)) {
        throw new Failure(9, 'FailedToParse', "Cannot specify both a 'remove' and an 'upsert' or 'new'");
    }
    const coll = this.coll(body, db, !!body.upsert);
    const shape = (doc) => (doc && body.fields
        ? semantic(() => query({}).find([doc], body.fields).all()[0]) : doc) ?? null;
    const [found] = coll ? this.select(coll, { filter: body.query, sort: body.sort, limit: 1 }) : [];
    if (body.remove) {
        if (found) coll.remove(new Set([found]));
        return { lastErrorObject: { n: found ? 1 : 0 }, value: shape(found) };
    }
    if (!coll) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
    const stmt = { q: found ? { _id: found._id } : body.query ?? {}, u: body.update, upsert: body.upsert, arrayFilters: body.arrayFilters };
    const r = this.updateOne(coll, stmt);
    const after = coll.idLookup({ _id: found ? found._id : r.upserted })?.[0];
    const lastErrorObject = { n: r.n, updatedExisting: !!found };
    if (r.upserted !== undefined) lastErrorObject.upserted = r.upserted;
    return { lastErrorObject, value: shape(body.new ? after : found) };
}

function remove(body, db) {
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

module.exports = { insert, updateOne, apply, update, findAndModify, delete: remove };
