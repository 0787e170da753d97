import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'compose-unused-definition';

describe(RULE, () => {
  it('flags unused definitions (info, unnecessary) but not external ones, default, or used by build secrets', () => {
    const text =
      'services:\n  a:\n    image: x:1\n    build: {context: ., secrets: [npm]}\nnetworks:\n  default: {}\n  ext: {external: true}\n  lonely: {}\nsecrets:\n  npm: {file: ./npmrc}\nconfigs:\n  old: {file: ./c}\n';
    const found = findingsOf(RULE, text);
    assert.deepStrictEqual(
      found.map((f) => f.text),
      ['lonely', 'old'],
    );
    assert.strictEqual(found[0].severity, 'info');
    assert.deepStrictEqual(found[0].tags, ['unnecessary']);
  });
  it('counts merged references as uses, and is silent when a service extends one from another file', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'x-v: &v\n  volumes: [data:/d]\nservices:\n  a:\n    <<: *v\n    image: x:1\nvolumes:\n  data: {}\n',
      ),
      [],
    );
    assert.deepStrictEqual(
      flaggedBy(RULE, 'services:\n  a:\n    extends: {file: b.yaml, service: b}\nvolumes:\n  data: {}\n'),
      [],
    );
  });
});
