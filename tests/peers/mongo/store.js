// SPDX-License-Identifier: MIT
// The peer's data: databases of collections held in memory, each an ordered array of documents
// with its indexes. Only unique indexes do work here: they reject duplicate keys the way mongod
// does (code 11000); non-unique indexes are merely listed.
'use strict';

const { EJSON, ObjectId, UUID } = require('bson');

// A command or write failure: code, codeName and errmsg as mongod sends them.
class Failure extends Error {
    constructor(code, codeName, errmsg, extra = {}) {
        super(errmsg);
        this.code = code;
        this.codeName = codeName;
        this.extra = extra;
    }
}

function pathValue(doc, path) {
    let v = doc;
    for (const part of path.split('.')) {
        if (v === null || typeof v !== 'object' || !(part in v)) return undefined;
        v = v[part];
    }
    return v;
}

// A text equal for two values exactly when they are the same BSON value (JS numbers stand for
// int32, int64 and double alike, as mongod compares them). Common _id types skip EJSON.
function keyText(value) {
    if (typeof value === 'string') return `s${value}`;
    if (typeof value === 'number') return `n${value}`;
    if (value instanceof ObjectId) return `o${value.toHexString()}`;
    return `e${EJSON.stringify([value], { relaxed: false })}`;
}

function shortJson(doc) {
    return EJSON.stringify(doc, { relaxed: true }).replace(/"([^"]+)":/g, '$1: ').replace(/[{]/g, '{ ')
        .replace(/[}]/g, ' }').replace(/,/g, ', ');
}

class Collection {
    constructor(db, name) {
        this.db = db;
        this.name = name;
        this.uuid = new UUID();
        this.docs = [];
        this.indexes = [{ v: 2, key: { _id: 1 }, name: '_id_' }];
        // Unique indexes (the _id index among them) map each key's text to its document, so
        // that inserts and lookups by _id do not scan the collection.
        this.entries = new Map([['_id_', new Map()]]);
    }

    get ns() { return `${this.db}.${this.name}`; }

    // The key an index gives `doc`, or null when a sparse index skips it.
    static indexKey(index, doc) {
        const fields = Object.keys(index.key);
        const values = fields.map((f) => pathValue(doc, f));
        if (index.sparse && values.every((v) => v === undefined)) return null;
        const keyValue = {};
        fields.forEach((f, i) => { keyValue[f] = values[i] === undefined ? null : values[i]; });
        return { text: fields.length === 1 ? keyText(keyValue[fields[0]]) : JSON.stringify(values.map((v) => keyText(v ?? null))), keyValue };
    }

    duplicate(index, keyValue) {
        return new Failure(11000, 'DuplicateKey',
            `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: ${shortJson(keyValue)}`,
            { keyPattern: index.key, keyValue });
    }

    // The keys `doc` takes in the unique indexes; throws the DuplicateKey failure it would
    // cause, ignoring a clash with `self` (the document it replaces).
    uniqueKeys(doc, self) {
        const keys = [];
        for (const index of this.indexes) {
            const entries = this.entries.get(index.name);
            if (!entries) continue;
            const key = Collection.indexKey(index, doc);
            if (!key) continue;
            const holder = entries.get(key.text);
            if (holder !== undefined && holder !== self) throw this.duplicate(index, key.keyValue);
            keys.push([entries, key.text]);
        }
        return keys;
    }

    forget(doc) {
        for (const [entries, text] of this.uniqueKeys(doc, doc)) entries.delete(text);
    }

    // Stores a document, giving it an ObjectId _id first when it has none.
    insert(doc) {
        // mongod stores _id as the first field, whatever position the client gave it.
        let first;
        for (first in doc) break;
        let stored = doc;
        if (first !== '_id') {
            const { _id: id, ...rest } = doc;
            stored = { _id: '_id' in doc ? id : new ObjectId(), ...rest };
        }
        if (Array.isArray(stored._id)) {
            throw new Failure(53, 'InvalidIdField', `The '_id' value cannot be of type array`);
        }
        for (const [entries, text] of this.uniqueKeys(stored, undefined)) entries.set(text, stored);
        this.docs.push(stored);
        return stored;
    }

    replaceAt(i, doc) {
        const old = this.docs[i];
        const keys = this.uniqueKeys(doc, old);
        this.forget(old);
        for (const [entries, text] of keys) entries.set(text, doc);
        this.docs[i] = doc;
    }

    remove(doomed) {
        for (const doc of doomed) this.forget(doc);
        this.docs = this.docs.filter((doc) => !doomed.has(doc));
    }

    // For a filter that is exactly {_id: value}, the matching documents (none or one) found by
    // the _id index, as mongod's IDHACK does; undefined for any other filter.
    idLookup(filter) {
        const keys = filter ? Object.keys(filter) : [];
        if (keys.length !== 1 || keys[0] !== '_id') return undefined;
        const id = filter._id;
        const plain = id !== undefined && !(id instanceof RegExp) && !Array.isArray(id)
            && !(id !== null && typeof id === 'object' && Object.keys(id).some((k) => k.startsWith('$')));
        if (!plain) return undefined;
        const doc = this.entries.get('_id_').get(keyText(id));
        return doc ? [doc] : [];
    }

    // Adds an index; returns false when an identical one exists already.
    addIndex(spec) {
        if (!spec || typeof spec.key !== 'object' || typeof spec.name !== 'string' || !Object.keys(spec.key).length) {
            throw new Failure(9, 'FailedToParse', 'index specification needs a key and a name');
        }
        const same = (a, b) => EJSON.stringify(a) === EJSON.stringify(b);
        const named = this.indexes.find((ix) => ix.name === spec.name);
        if (named) {
            if (same(named.key, spec.key) && !!named.unique === !!spec.unique) return false;
            throw new Failure(86, 'IndexKeySpecsConflict',
                `An existing index has the same name as the requested index. Requested index: ${shortJson(spec)}`);
        }
        const keyed = this.indexes.find((ix) => same(ix.key, spec.key));
        if (keyed && !!keyed.unique !== !!spec.unique) {
            throw new Failure(85, 'IndexOptionsConflict',
                `An equivalent index already exists with a different name and options: ${keyed.name}`);
        }
        const index = { v: 2, key: spec.key, name: spec.name };
        if (spec.unique) index.unique = true;
        if (spec.sparse) index.sparse = true;
        if (index.unique) {
            const entries = new Map();
            for (const doc of this.docs) {
                const key = Collection.indexKey(index, doc);
                if (!key) continue;
                if (entries.has(key.text)) throw this.duplicate(index, key.keyValue);
                entries.set(key.text, doc);
            }
            this.entries.set(index.name, entries);
        }
        this.indexes.push(index);
        return true;
    }

    dropIndex(at) {
        this.entries.delete(this.indexes[at].name);
        this.indexes.splice(at, 1);
    }
}

class Store {
    constructor() {
        this.dbs = new Map(); // db name -> Map(collection name -> Collection)
    }

    collection(db, name, create = false) {
        let colls = this.dbs.get(db);
        if (!colls) {
            if (!create) return null;
            colls = new Map();
            this.dbs.set(db, colls);
        }
        let coll = colls.get(name);
        if (!coll && create) {
            coll = new Collection(db, name);
            colls.set(name, coll);
        }
        return coll || null;
    }

    collections(db) {
        return [...(this.dbs.get(db)?.values() ?? [])];
    }

    dropCollection(db, name) {
        const colls = this.dbs.get(db);
        if (!colls?.delete(name)) return false;
        if (colls.size === 0) this.dbs.delete(db);
        return true;
    }

    dropDatabase(db) {
        this.dbs.delete(db);
    }
}

module.exports = { Store, Failure, pathValue };
