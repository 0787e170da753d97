import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'privileged-container';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('points at the service key when the setting comes from a merged anchor', () => {
    const text =
      'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: example/a:1.0\n  b:\n    <<: *base\n    image: example/b:1.0\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), ['a', 'b']);
  });
  it('flags privileged: true only', () => {
    assert.deepStrictEqual(flaggedBy(RULE, svc('    privileged: true\n')), ['true']);
    assert.deepStrictEqual(flaggedBy(RULE, svc('    privileged: false\n')), []);
  });
});
