import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { SERVER_PROCESS } from '../../server/src/protocol';

describe('server process settings', () => {
  it('put only options Node documents on the command line (an unknown one would stop the server from starting)', () => {
    for (const flag of SERVER_PROCESS.execArgv) {
      assert.ok(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]), flag);
    }
  });

  it('leave undocumented V8 flags to the server, where an unknown flag is only a warning', () => {
    // The server's own call, in a process started the way the client starts it, plus a flag no V8 knows.
    const module = JSON.stringify(require.resolve('../../server/src/serverProcess'));
    const settings = JSON.stringify(require.resolve('../../server/src/protocol/serverProcess'));
    const script = `require(${settings}).SERVER_PROCESS.v8Flags.push('--no-such-v8-flag-for-docker-coach'); require(${module}).applyServerV8Flags(); console.log('running')`;
    const result = spawnSync(process.execPath, [...SERVER_PROCESS.execArgv, '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, ...SERVER_PROCESS.env },
    });
    assert.strictEqual(result.status, 0, result.stderr);
    assert.strictEqual(result.stdout.trim(), 'running');
    assert.match(result.stderr, /no-such-v8-flag-for-docker-coach/, 'V8 says which flag it did not know');
  });

  it('can collect garbage on demand (after documents close), in a process started the way the client starts it', () => {
    const module = JSON.stringify(require.resolve('../../server/src/serverProcess'));
    const script = `const p = require(${module}); p.applyServerV8Flags(); const collect = p.garbageCollector();
      let kept = []; for (let i = 0; i < 200; i++) kept.push(new Array(10000).fill(i)); kept = null;
      const before = require('v8').getHeapStatistics().used_heap_size; collect();
      console.log(typeof globalThis.gc, require('v8').getHeapStatistics().used_heap_size < before - 10e6)`;
    const result = spawnSync(process.execPath, [...SERVER_PROCESS.execArgv, '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, ...SERVER_PROCESS.env },
    });
    assert.strictEqual(result.status, 0, result.stderr);
    // The 16 MB of arrays are collected, and the server's own global scope gets no `gc`.
    assert.strictEqual(result.stdout.trim(), 'undefined true');
  });
});
