import * as assert from 'assert';
import { findingsOf, flaggedBy, lintText } from '../../support/lint';

const RULE = 'healthcheck-missing';

describe(RULE, () => {
  it('is off by default', () => {
    assert.ok(!lintText('FROM alpine:3.20\n').findings.some((f) => f.rule.id === RULE));
  });
  it('flags only image stages, and inherits health checks from parent stages', () => {
    const text =
      'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS base\nHEALTHCHECK NONE\nFROM base AS app\nCOPY --from=build /a /a\nFROM alpine:3.20 AS debug\n';
    assert.deepStrictEqual(flaggedBy(RULE, text, { force: true }), ['alpine:3.20']);
    assert.strictEqual(findingsOf(RULE, text, { force: true })[0].range.start.line, 5);
  });
});
