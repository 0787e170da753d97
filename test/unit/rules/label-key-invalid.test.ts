import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'label-key-invalid';

describe(RULE, () => {
  it("flags keys against Docker's key format, on the key", () => {
    const text = 'FROM alpine:3.20\nLABEL Version=1 my_label=x com.docker.thing=y -x=1 a.=2 a..b=3 a--b=4 9a=5\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), [
      'Version',
      'my_label',
      'com.docker.thing',
      '-x',
      'a.',
      'a..b',
      'a--b',
      '9a',
    ]);
  });
  it('accepts reverse-DNS keys, the legacy key/value form and variable keys', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM alpine:3.20\nLABEL org.opencontainers.image.title="x" maintainer=me a-b.c9=1\nLABEL description some text\nLABEL ${KEY}=1\n',
      ),
      [],
    );
  });
  it("is a hint, like hadolint's style level", () => {
    assert.strictEqual(findingsOf(RULE, 'FROM alpine:3.20\nLABEL Version=1\n')[0].severity, 'hint');
  });
});
