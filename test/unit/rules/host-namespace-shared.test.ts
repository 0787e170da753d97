import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'host-namespace-shared';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('flags pid and ipc set to host, not a variable', () => {
    assert.deepStrictEqual(flaggedBy(RULE, svc('    pid: host\n    ipc: host\n')), ['host', 'host']);
    assert.deepStrictEqual(flaggedBy(RULE, svc('    pid: ${PID_MODE}\n')), []);
  });
});
