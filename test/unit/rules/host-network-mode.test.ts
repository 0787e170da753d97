import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'host-network-mode';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('flags network_mode: host, not a service network', () => {
    assert.deepStrictEqual(flaggedBy(RULE, svc('    network_mode: host\n')), ['host']);
    assert.deepStrictEqual(flaggedBy(RULE, svc('    network_mode: "service:db"\n')), []);
  });
});
