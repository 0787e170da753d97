import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const RULE = 'redundant-target-platform';

describe(RULE, () => {
  it('redundant-target-platform accepts braces and quotes, not other values', () => {
    assert.strictEqual(reportsOf(RULE, 'FROM --platform="${TARGETPLATFORM}" alpine:3.20\nUSER nobody\n').length, 1);
    assert.deepStrictEqual(reportsOf(RULE, 'FROM --platform=$BUILDPLATFORM alpine:3.20\nUSER nobody\n'), []);
    assert.deepStrictEqual(
      reportsOf(RULE, 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\nUSER nobody\n'),
      [],
    );
  });
});
