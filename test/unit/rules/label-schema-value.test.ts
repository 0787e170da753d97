import * as assert from 'assert';
import { findingsOf, flaggedBy } from '../../support/lint';

const RULE = 'label-schema-value';

describe(RULE, () => {
  it('flags empty values with DL3051, on the value', () => {
    const [finding] = findingsOf(RULE, 'FROM alpine:3.20\nLABEL title=""\n', {
      settings: { labelSchema: { title: 'text' } },
    });
    assert.strictEqual(finding.hadolintCode, 'DL3051');
  });
  it('maps each type to its hadolint code', () => {
    const schema = { u: 'url', t: 'rfc3339', l: 'spdx', h: 'hash', s: 'semver', e: 'email', x: 'text' } as const;
    const text = 'FROM alpine:3.20\nLABEL u=example.com t=yesterday l="Apache 2" h=XYZ s=v1 e=nobody x=anything\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text, { settings: { labelSchema: schema } }).map((f) => f.hadolintCode),
      ['DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
    );
  });
  it('skips values from variables and labels outside the schema', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, 'FROM alpine:3.20\nLABEL t=$BUILD_DATE v="${VERSION}" other=bad\n', {
        settings: { labelSchema: { t: 'rfc3339', v: 'semver' } },
      }),
      [],
    );
  });
  it('a pragma naming one code silences only that check', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3056\nLABEL s=v1 h=XYZ\n';
    assert.deepStrictEqual(
      findingsOf(RULE, text, { settings: { labelSchema: { s: 'semver', h: 'hash' } } }).map((f) => f.hadolintCode),
      ['DL3055'],
    );
  });
});
