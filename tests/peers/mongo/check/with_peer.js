// SPDX-License-Identifier: MIT
// Runs a program against a fresh MongoDB test peer: node with_peer.js PROGRAM [ARGS...] starts
// the peer, runs PROGRAM ARGS... PORT, stops the peer and exits with the program's status.
'use strict';

const { spawnSync } = require('child_process');
const { startPeer } = require('./launch');

startPeer().then(({ peer, port }) => {
    const [program, ...args] = process.argv.slice(2);
    const run = spawnSync(program, [...args, port], { stdio: 'inherit', timeout: 120000 });
    peer.kill();
    if (run.status !== 0) process.stderr.write(peer.log);
    process.exit(run.status ?? 1);
}, (e) => {
    console.error(e);
    process.exit(1);
});
