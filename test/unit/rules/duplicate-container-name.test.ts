import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'duplicate-container-name';

describe(RULE, () => {
  it('flags the second service with the same container name, not interpolated names', () => {
    const text =
      'services:\n  a:\n    image: example/a:1.0\n    container_name: app\n  b:\n    image: example/b:1.0\n    container_name: "app"\n  c:\n    image: example/c:1.0\n    container_name: ${NAME}\n  d:\n    image: example/d:1.0\n    container_name: ${NAME}\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), ['"app"']);
  });
});
