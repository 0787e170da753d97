import * as assert from 'assert';
import { isSpdxExpression } from '../../../server/src/dockerfile/spdx';
import { matchesLabelType } from '../../../server/src/dockerfile/labels';
import { DockerCoachSettings } from '../../../server/src/protocol';
import { lintText } from '../../support/lint';

function findingsOf(text: string, rule: string, settings: Partial<DockerCoachSettings> = {}) {
  return lintText(text, 'dockerfile', settings).findings.filter((f) => f.rule.id === rule);
}

function flagged(text: string, rule: string, settings: Partial<DockerCoachSettings> = {}): string[] {
  const lines = text.split('\n');
  return findingsOf(text, rule, settings).map((f) => lines[f.range.start.line].slice(f.range.start.character, f.range.end.character));
}

describe('label-key-invalid (DL3048)', () => {
  const rule = 'label-key-invalid';
  it('flags keys against Docker\'s key format, on the key', () => {
    const text = 'FROM alpine:3.20\nLABEL Version=1 my_label=x com.docker.thing=y -x=1 a.=2 a..b=3 a--b=4 9a=5\n';
    assert.deepStrictEqual(flagged(text, rule), ['Version', 'my_label', 'com.docker.thing', '-x', 'a.', 'a..b', 'a--b', '9a']);
  });
  it('accepts reverse-DNS keys, the legacy key/value form and variable keys', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nLABEL org.opencontainers.image.title="x" maintainer=me a-b.c9=1\nLABEL description some text\nLABEL ${KEY}=1\n', rule), []);
  });
  it('is a hint, like hadolint\'s style level', () => {
    assert.strictEqual(findingsOf('FROM alpine:3.20\nLABEL Version=1\n', rule)[0].severity, 'hint');
  });
});

describe('label-missing (DL3049)', () => {
  const rule = 'label-missing';
  const settings = { labelSchema: { title: 'text' as const, version: 'semver' as const } };
  it('reports nothing without a schema', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\n', rule), []);
  });
  it('reports each missing label on the FROM of an image stage', () => {
    assert.deepStrictEqual(findingsOf('FROM alpine:3.20\nLABEL title=x\n', rule, settings).map((f) => f.data?.label), ['version']);
    assert.strictEqual(findingsOf('FROM alpine:3.20\n', rule, settings).length, 2);
  });
  it('inherits labels from parent stages and skips stages that only feed others', () => {
    const text = 'FROM alpine:3.20 AS base\nLABEL title=x version=1.0.0\nFROM base AS app\nFROM golang:1.22 AS build\nFROM alpine:3.20 AS final\nLABEL title=y version=2.0.0\nCOPY --from=build /a /a\n';
    assert.deepStrictEqual(flagged(text, rule, settings), []);
  });
  it('reports a --target style stage that nothing uses', () => {
    const text = 'FROM alpine:3.20 AS debug\nFROM alpine:3.20\nLABEL title=y version=2.0.0\n';
    assert.deepStrictEqual(findingsOf(text, rule, settings).map((f) => f.range.start.line), [0, 0]);
  });
});

describe('label-not-in-schema (DL3050)', () => {
  const rule = 'label-not-in-schema';
  it('only acts with strictLabels', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nLABEL team=x\n', rule, { labelSchema: { title: 'text' } }), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nLABEL title=t team=x\n', rule, { labelSchema: { title: 'text' }, strictLabels: true }), ['team']);
  });
});

describe('label-schema-value (DL3051-DL3056, DL3058)', () => {
  const rule = 'label-schema-value';
  it('flags empty values with DL3051, on the value', () => {
    const [finding] = findingsOf('FROM alpine:3.20\nLABEL title=""\n', rule, { labelSchema: { title: 'text' } });
    assert.strictEqual(finding.hadolintCode, 'DL3051');
  });
  it('maps each type to its hadolint code', () => {
    const schema = { u: 'url', t: 'rfc3339', l: 'spdx', h: 'hash', s: 'semver', e: 'email', x: 'text' } as const;
    const text = 'FROM alpine:3.20\nLABEL u=example.com t=yesterday l="Apache 2" h=XYZ s=v1 e=nobody x=anything\n';
    assert.deepStrictEqual(findingsOf(text, rule, { labelSchema: schema }).map((f) => f.hadolintCode), ['DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058']);
  });
  it('skips values from variables and labels outside the schema', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nLABEL t=$BUILD_DATE v="${VERSION}" other=bad\n', rule, { labelSchema: { t: 'rfc3339', v: 'semver' } }), []);
  });
  it('a pragma naming one code silences only that check', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3056\nLABEL s=v1 h=XYZ\n';
    assert.deepStrictEqual(findingsOf(text, rule, { labelSchema: { s: 'semver', h: 'hash' } }).map((f) => f.hadolintCode), ['DL3055']);
  });
});

describe('label value formats', () => {
  const cases: [Parameters<typeof matchesLabelType>[0], string, boolean][] = [
    ['url', 'https://github.com/acme/demo', true],
    ['url', 'mailto:ops@example.com', true],
    ['url', 'github.com/acme', false],
    ['url', 'https://exa mple.com', false],
    ['rfc3339', '2024-05-01T12:00:00Z', true],
    ['rfc3339', '2024-05-01t12:00:00.123+02:00', true],
    ['rfc3339', '2024-02-30T12:00:00Z', false],
    ['rfc3339', '2024-05-01 12:00:00', false],
    ['semver', '1.2.3', true],
    ['semver', '1.2.3-rc.1+build.5', true],
    ['semver', 'v1.2.3', false],
    ['semver', '1.2', false],
    ['semver', '01.2.3', false],
    ['hash', 'a1b2c3d', true],
    ['hash', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', true],
    ['hash', 'A1B2C3D', false],
    ['hash', 'a1b2c3d4', false],
    ['email', 'ops@example.com', true],
    ['email', '"ops team"@example.com', true],
    ['email', 'ops.example.com', false],
    ['email', 'ops@@example.com', false],
  ];
  for (const [type, value, ok] of cases) {
    it(`${type}: ${JSON.stringify(value)} is ${ok ? 'valid' : 'invalid'}`, () => assert.strictEqual(matchesLabelType(type, value), ok));
  }

  it('SPDX expressions: identifiers in any case, +, LicenseRef, AND/OR/WITH, parentheses', () => {
    for (const ok of ['MIT', 'apache-2.0', 'GPL-2.0+', 'GPL-2.0-or-later WITH Classpath-exception-2.0', '(MIT OR Apache-2.0) AND BSD-3-Clause', 'LicenseRef-acme', 'MIT or Apache-2.0']) {
      assert.ok(isSpdxExpression(ok), ok);
    }
    for (const bad of ['', 'Apache 2', 'MIT OR', '(MIT', 'MIT WITH Apache-2.0', 'GPL', 'MIT AND AND BSD-3-Clause']) {
      assert.ok(!isSpdxExpression(bad), bad);
    }
  });
});
