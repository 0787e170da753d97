import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'label-missing';

describe(RULE, () => {
  const settings = { labelSchema: { title: 'text' as const, version: 'semver' as const } };
  it('reports nothing without a schema', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'FROM alpine:3.20\n'), []);
  });
  it('reports each missing label on the FROM of an image stage', () => {
    assert.deepStrictEqual(
      findingsOf(RULE, 'FROM alpine:3.20\nLABEL title=x\n', { settings: settings }).map((f) => f.data?.label),
      ['version'],
    );
    assert.strictEqual(findingsOf(RULE, 'FROM alpine:3.20\n', { settings: settings }).length, 2);
  });
  it('inherits labels from parent stages and skips stages that only feed others', () => {
    const text =
      'FROM alpine:3.20 AS base\nLABEL title=x version=1.0.0\nFROM base AS app\nFROM golang:1.22 AS build\nFROM alpine:3.20 AS final\nLABEL title=y version=2.0.0\nCOPY --from=build /a /a\n';
    assert.deepStrictEqual(flaggedBy(RULE, text, { settings: settings }), []);
  });
  it('reports a --target style stage that nothing uses', () => {
    const text = 'FROM alpine:3.20 AS debug\nFROM alpine:3.20\nLABEL title=y version=2.0.0\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text, { settings: settings }).map((f) => f.range.start.line),
      [0, 0],
    );
  });
});
