// SPDX-License-Identifier: MIT
// The catalog commands: listing, creating and dropping databases, collections and indexes.
'use strict';

const { BSON } = require('bson');
const { Failure } = require('./store');
const { clone, query, semantic, batchSizeOf } = require('./common');

function listDatabases(body) {
    const databases = [...this.store.dbs.keys()].map((name) => ({ name, sizeOnDisk: 8192, empty: false }));
    const filtered = body.filter ? semantic(() => query(body.filter).find(databases).all()) : databases;
    if (body.nameOnly) return { databases: filtered.map(({ name }) => ({ name })) };
    return { databases: filtered, totalSize: 8192 * filtered.length, totalSizeMb: 0 };
}

function listCollections(body, db) {
    const entries = this.store.collections(db).map((c) => ({
        name: c.name, type: 'collection', options: {},
        info: { readOnly: false, uuid: c.uuid }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }));
    let docs = body.filter ? semantic(() => query(body.filter).find(entries).all()) : entries;
    if (body.nameOnly) docs = docs.map(({ name, type }) => ({ name, type }));
    return { cursor: this.cursors.start(`${db}.$cmd.listCollections`, docs, batchSizeOf(body), false) };
}

function create(body, db) {
    if (this.coll(body, db, false)) throw new Failure(48, 'NamespaceExists', `Collection ${db}.${body.create} already exists.`);
    this.coll(body, db, true);
    return {};
}

function createIndexes(body, db) {
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

function listIndexes(body, db) {
    const coll = this.coll(body, db, false);
    if (!coll) throw new Failure(26, 'NamespaceNotFound', `ns does not exist: ${db}.${body.listIndexes}`);
    return { cursor: this.cursors.start(`${db}.$cmd.listIndexes.${coll.name}`, coll.indexes.map(clone), batchSizeOf(body), false) };
}

function dropIndexes(body, db) {
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

function drop(body, db) {
    const coll = this.coll(body, db, false);
    if (!coll) throw new Failure(26, 'NamespaceNotFound', 'ns not found');
    this.store.dropCollection(db, coll.name);
    return { nIndexesWas: coll.indexes.length, ns: coll.ns };
}

function dropDatabase(body, db) {
    this.store.dropDatabase(db);
    return {};
}

module.exports = {
    listDatabases, listCollections, create, createIndexes, listIndexes, dropIndexes, drop, dropDatabase,
};
