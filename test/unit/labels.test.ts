/** Label value formats of a label schema (hadolint's label rules). */
import * as assert from 'assert';
import { isSpdxExpression } from '../../server/src/dockerfile/spdx';
import { matchesLabelType } from '../../server/src/dockerfile/labels';

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
    it(`${type}: ${JSON.stringify(value)} is ${ok ? 'valid' : 'invalid'}`, () =>
      assert.strictEqual(matchesLabelType(type, value), ok));
  }

  it('SPDX expressions: identifiers in any case, +, LicenseRef, AND/OR/WITH, parentheses', () => {
    for (const ok of [
      'MIT',
      'apache-2.0',
      'GPL-2.0+',
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
      'LicenseRef-acme',
      'MIT or Apache-2.0',
    ]) {
      assert.ok(isSpdxExpression(ok), ok);
    }
    for (const bad of ['', 'Apache 2', 'MIT OR', '(MIT', 'MIT WITH Apache-2.0', 'GPL', 'MIT AND AND BSD-3-Clause']) {
      assert.ok(!isSpdxExpression(bad), bad);
    }
  });
});
