import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'workdir-system-dir';

describe(RULE, () => {
  it('flags the root and system directories, trailing slash or not', () => {
    for (const dir of ['/', '/usr', '/usr/', '/etc', '/bin', '/var/lib', '/usr/local/bin', '"/usr/lib"']) {
      assert.strictEqual(flaggedBy(RULE, `FROM alpine:3.20\nWORKDIR ${dir}\n`).length, 1, dir);
    }
  });
  it('flags anything under the filesystems mounted at run time', () => {
    const [finding] = findingsOf(RULE, 'FROM alpine:3.20\nWORKDIR /proc/app\n');
    assert.match(finding.message, /mounts over/);
  });
  it('accepts application directories, variables and relative paths', () => {
    for (const dir of [
      '/app',
      '/usr/src/app',
      '/usr/local/app',
      '/opt/tool',
      '/srv',
      '/home/node/app',
      '/var/lib/myapp',
      '$HOME',
      'app',
    ]) {
      assert.deepStrictEqual(flaggedBy(RULE, `FROM alpine:3.20\nWORKDIR ${dir}\n`), [], dir);
    }
  });
});
