import * as assert from 'assert';
import { reportsOf, fixedBy } from '../../support/lint';

const RULE = 'from-platform-flag';

describe(RULE, () => {
  it('from-platform-flag (DL3029) is off by default and, when on, flags variables too', () => {
    const text = 'FROM --platform=$BUILDPLATFORM alpine:3.20\nUSER nobody\n';
    assert.deepStrictEqual(reportsOf(RULE, text), []);
    assert.strictEqual(reportsOf(RULE, text, { settings: { rules: { DL3029: 'warning' } } }).length, 1);
  });
  it('from-platform-flag removes any --platform', () => {
    const settings = { rules: { [RULE]: 'warning' as const } };
    assert.strictEqual(
      fixedBy(RULE, 'FROM --platform=$TARGETPLATFORM alpine:3.20\nUSER nobody\n', { settings: settings }),
      'FROM alpine:3.20\nUSER nobody\n',
    );
  });
});
