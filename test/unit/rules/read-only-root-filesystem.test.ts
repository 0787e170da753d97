import * as assert from 'assert';
import { flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'read-only-root-filesystem';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('read_only is off by default and adds the key when enabled', () => {
    const rule = RULE;
    const on = { rules: { [rule]: 'warning' as const } };
    assert.deepStrictEqual(flaggedBy(rule, svc('')), []);
    assert.deepStrictEqual(flaggedBy(rule, svc('    read_only: true\n'), { settings: on }), []);
    assert.deepStrictEqual(flaggedBy(rule, svc('    read_only: false\n'), { settings: on }), ['false']);
    assert.strictEqual(
      fixedBy(rule, svc('    ports:\n      - "127.0.0.1:80:80"\n'), { settings: on }),
      svc('    ports:\n      - "127.0.0.1:80:80"\n    read_only: true\n'),
    );
    assert.strictEqual(fixedBy(rule, 'services:\n  app: {image: example/app:1.0}\n', { settings: on }), null);
  });
});
