import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { SERVER_PROCESS } from '../../server/src/serverProcess';

describe('server process settings', () => {
  it('put only options Node documents on the command line (an unknown one would stop the server from starting)', () => {
    for (const flag of SERVER_PROCESS.execArgv) {
      assert.ok(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]), flag);
    }
  });

  it('leave undocumented V8 flags to the server, where an unknown flag is only a warning', () => {
    const script = `require('v8').setFlagsFromString('--no-such-v8-flag-for-docker-coach'); ${JSON.stringify(SERVER_PROCESS.v8Flags)}.forEach((f) => require('v8').setFlagsFromString(f)); console.log('running')`;
    const result = spawnSync(process.execPath, [...SERVER_PROCESS.execArgv, '-e', script], { encoding: 'utf8' });
    assert.strictEqual(result.status, 0, result.stderr);
    assert.strictEqual(result.stdout.trim(), 'running');
  });
});
