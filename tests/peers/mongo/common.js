// SPDX-License-Identifier: MIT
// What the command modules share: mingo queries with mongod's error codes, reply fields, and
// the parts of a command body every command reads the same way.
'use strict';

const { BSON } = require('bson');
const mingo = require('mingo');
const { Failure } = require('./store');

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
        if (/would create a conflict/.test(e.message)) throw new Failure(40, 'ConflictingUpdateOperators', e.message);
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

module.exports = { clone, query, semantic, failureDoc, target, batchSizeOf };
