// SPDX-License-Identifier: MIT
// Starts a MongoDB test peer on a free port for the checks; resolves to { peer, port }.
// The peer logs every connection it drops and the hostile checks make many, so its log is kept
// in peer.log for a failing check to print.
'use strict';

const path = require('path');
const { spawn } = require('child_process');

const PEER = path.join(__dirname, '..', 'peer.js');

function startPeer(args = []) {
    const peer = spawn(process.execPath, [PEER, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    peer.log = '';
    peer.stderr.on('data', (chunk) => { peer.log += chunk; });
    return new Promise((resolve, reject) => {
        peer.once('exit', (code) => reject(new Error(`peer exited with ${code}: ${peer.log}`)));
        peer.stdout.once('data', (line) => {
            peer.removeAllListeners('exit');
            resolve({ peer, port: /^listening (\d+)$/m.exec(line.toString())[1] });
        });
    });
}

module.exports = { startPeer };
