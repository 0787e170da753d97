import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'container-name-invalid';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('flags names Docker refuses', () => {
    for (const bad of ['x', '-app', 'my/app', 'my app'])
      assert.strictEqual(flaggedBy(RULE, svc(`    container_name: "${bad}"\n`)).length, 1, bad);
    assert.deepStrictEqual(flaggedBy(RULE, svc('    container_name: my_app.v2-1\n')), []);
  });
});
