// SPDX-License-Identifier: MIT
// The peer's MapReduce: JSON jobs whose phases are JavaScript (anonymous `source` run in a vm
// context, or Riak's built-in Riak.* functions) or Erlang riak_kv_mapreduce built-ins. Inputs are
// a bucket, a list of [bucket, key(, keydata)] or a 2i query. Results stream per kept phase.
'use strict';

const vm = require('vm');
const { RiakFailure } = require('./store');

const riakJs = {
    mapValues: (v) => v.values.map((x) => x.data),
    mapValuesJson: (v) => v.values.map((x) => JSON.parse(x.data)),
    reduceSum: (vs) => [vs.reduce((a, b) => a + (Number(b) || 0), 0)],
    reduceMin: (vs) => (vs.length ? [Math.min(...vs)] : []),
    reduceMax: (vs) => (vs.length ? [Math.max(...vs)] : []),
    reduceSort: (vs) => [...vs].sort(),
    reduceNumericSort: (vs) => [...vs].sort((a, b) => a - b),
    reduceLimit: (vs, n) => vs.slice(0, n),
    filterNotFound: (vs) => vs.filter((v) => !(v && v.not_found)),
};

const erlang = {
    riak_kv_mapreduce: {
        map_object_value: (v) => v.values.map((x) => x.data),
        map_object_value_list: (v) => v.values.map((x) => JSON.parse(x.data)).flat(),
        reduce_sum: (vs) => [vs.reduce((a, b) => a + Number(b), 0)],
        reduce_count_inputs: (vs) => [vs.reduce((a, b) => a + (typeof b === 'number' ? b : 1), 0)],
        reduce_set_union: (vs) => [...new Set(vs.map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x)),
        reduce_sort: (vs) => [...vs].sort(),
        reduce_string_to_integer: (vs) => vs.map((x) => parseInt(x, 10)),
    },
};

function phaseFunction(spec) {
    if (spec.language === 'javascript') {
        if (spec.source) {
            const fn = vm.runInNewContext(`(${spec.source})`, { JSON, Math, Riak: riakJs }, { timeout: 1000 });
            if (typeof fn !== 'function') throw new RiakFailure('{error,bad_json_source}');
            return fn;
        }
        const name = String(spec.name ?? '');
        const fn = name.startsWith('Riak.') ? riakJs[name.slice(5)] : undefined;
        if (!fn) throw new RiakFailure(`{error,{undefined_function,<<"${name}">>}}`);
        return fn;
    }
    if (spec.language === 'erlang') {
        const fn = erlang[spec.module]?.[spec.function];
        if (!fn) throw new RiakFailure(`{error,{undef,[{${spec.module},${spec.function}}]}}`);
        return fn;
    }
    throw new RiakFailure(`{error,{bad_language,${spec.language}}}`);
}

function objectFor(store, bucket, key, keydata) {
    const b = store.bucket(Buffer.from(bucket), false);
    const obj = b?.objects.get(Buffer.from(key).toString('latin1'));
    const live = obj?.live() ?? [];
    if (!live.length) return { not_found: { bucket, key, keydata } };
    return {
        bucket, key, keydata,
        values: live.map((s) => ({
            metadata: { 'content-type': s.content.content_type?.toString() ?? 'application/octet-stream' },
            data: s.content.value.toString(),
        })),
    };
}

function inputsOf(store, inputs) {
    if (typeof inputs === 'string') return store.liveKeys(Buffer.from(inputs)).map((k) => [inputs, k, null]);
    if (Array.isArray(inputs)) return inputs.map((i) => [i[0], i[1], i[2] ?? null]);
    if (inputs && inputs.bucket && inputs.index) {
        const req = {
            bucket: Buffer.from(inputs.bucket), index: Buffer.from(inputs.index),
            qtype: inputs.key !== undefined ? 0 : 1,
            key: inputs.key !== undefined ? Buffer.from(String(inputs.key)) : undefined,
            range_min: inputs.start !== undefined ? Buffer.from(String(inputs.start)) : undefined,
            range_max: inputs.end !== undefined ? Buffer.from(String(inputs.end)) : undefined,
        };
        return store.indexMatches(req).map(([, k]) => [inputs.bucket, k, null]);
    }
    throw new RiakFailure('{error,{bad_inputs}}');
}

// Runs a job; calls emit(phase, resultsArray) for each kept phase (map phases in batches).
function run(store, request, contentType, emit) {
    if (contentType !== 'application/json')
        throw new RiakFailure(`{error,{unsupported_content_type,<<"${contentType}">>}}`);
    let job;
    try {
        job = JSON.parse(request);
    } catch {
        throw new RiakFailure('{error,{invalid_json}}');
    }
    const phases = job.query ?? [];
    let data = inputsOf(store, job.inputs);
    let first = true;
    phases.forEach((p, i) => {
        const kind = Object.keys(p)[0];
        const spec = p[kind];
        const keep = spec.keep ?? i === phases.length - 1;
        const fn = phaseFunction(spec);
        if (kind === 'map') {
            const out = [];
            for (const input of data) {
                const value = first ? objectFor(store, input[0], input[1], input[2]) : input;
                out.push(...fn(value, first ? input[2] : null, spec.arg));
            }
            data = out;
        } else if (kind === 'reduce') {
            data = fn(first ? data.map((x) => objectFor(store, x[0], x[1], x[2])) : data, spec.arg);
        } else {
            throw new RiakFailure(`{error,{unsupported_phase,${kind}}}`);
        }
        first = false;
        if (keep) {
            for (let at = 0; at < data.length || at === 0; at += 100) emit(i, data.slice(at, at + 100));
        }
    });
}

module.exports = { run };
