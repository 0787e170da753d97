import * as assert from 'assert';
import { flaggedBy, fixedBy } from '../../support/lint';

const RULE = 'build-and-image-without-pull-policy';

describe(RULE, () => {
  it('build and image together need a pull_policy', () => {
    const rule = RULE;
    const text = 'services:\n  app:\n    build:\n      context: .\n    image: example/app:1.0\n    # comment\n';
    assert.deepStrictEqual(flaggedBy(rule, text), ['build']);
    assert.strictEqual(
      fixedBy(rule, text),
      'services:\n  app:\n    build:\n      context: .\n    image: example/app:1.0\n    pull_policy: build\n    # comment\n',
    );
    assert.deepStrictEqual(
      flaggedBy(rule, 'services:\n  app:\n    build: .\n    image: example/app:1.0\n    pull_policy: always\n'),
      [],
    );
    assert.strictEqual(
      fixedBy(rule, 'services:\n  app:\n    build: .\n    image: example/app:1.0'),
      'services:\n  app:\n    build: .\n    image: example/app:1.0\n    pull_policy: build',
    );
  });
});
