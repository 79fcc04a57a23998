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
    }

    get ns() { return `${this.db}.${this.name}`; }

    // The key an index gives `doc`, or null when a sparse index skips it.
    static indexKey(index, doc) {
        const fields = Object.keys(index.key);
        const values = fields.map((f) => pathValue(doc, f));
        if (index.sparse && values.every((v) => v === undefined)) return null;
        const keyValue = {};
        fields.forEach((f, i) => { keyValue[f] = values[i] === undefined ? null : values[i]; });
        return { text: EJSON.stringify(Object.values(keyValue), { relaxed: false }), keyValue };
    }

    duplicate(index, keyValue) {
        return new Failure(11000, 'DuplicateKey',
            `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: ${shortJson(keyValue)}`,
            { keyPattern: index.key, keyValue });
    }

    // Throws the DuplicateKey failure `doc` would cause at position `self` (-1: a new document).
    checkUnique(doc, self = -1) {
        for (const index of this.indexes) {
            if (!(index.unique || index.name === '_id_')) continue;
            const key = Collection.indexKey(index, doc);
            if (!key) continue;
            const clash = this.docs.some((other, i) => {
                if (i === self) return false;
                const k = Collection.indexKey(index, other);
                return k !== null && k.text === key.text;
            });
            if (clash) throw this.duplicate(index, key.keyValue);
        }
    }

    // Stores a document, giving it an ObjectId _id first when it has none.
    insert(doc) {
        // mongod stores _id as the first field, whatever position the client gave it.
        const { _id: id, ...rest } = doc;
        const stored = { _id: '_id' in doc ? id : new ObjectId(), ...rest };
        if (Array.isArray(stored._id)) {
            throw new Failure(53, 'InvalidIdField', `The '_id' value cannot be of type array`);
        }
        this.checkUnique(stored);
        this.docs.push(stored);
        return stored;
    }

    replaceAt(i, doc) {
        this.checkUnique(doc, i);
        this.docs[i] = doc;
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
            const seen = new Set();
            for (const doc of this.docs) {
                const key = Collection.indexKey(index, doc);
                if (!key) continue;
                if (seen.has(key.text)) throw this.duplicate(index, key.keyValue);
                seen.add(key.text);
            }
        }
        this.indexes.push(index);
        return true;
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

module.exports = { Store, Collection, Failure, pathValue };
