/** SPDX license expressions (dockerfile/spdx.ts), as the `spdx` label type of `dockerCoach.labelSchema` checks them. */
import * as assert from 'assert';
import { isSpdxExpression, isSpdxLicenseId } from '../../server/src/dockerfile/spdx';

describe('SPDX license expressions', () => {
  it('accepts identifiers and operators in any case, +, LicenseRef and DocumentRef, WITH, parentheses', () => {
    const valid = [
      'MIT',
      'apache-2.0',
      'GPL-2.0+',
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      'gpl-2.0-or-later with classpath-exception-2.0',
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
      'MIT or Apache-2.0',
      'LicenseRef-acme',
      'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
      'MIT\tOR\n  Apache-2.0',
      'eCos-2.0',
    ];
    assert.deepStrictEqual(
      valid.filter((text) => !isSpdxExpression(text)),
      [],
    );
  });

  it('rejects what is not an expression of listed identifiers', () => {
    const invalid = [
      '',
      '   ',
      'Apache 2',
      'GPL',
      'MIT OR',
      '(MIT',
      'MIT)',
      'MIT AND AND BSD-3-Clause',
      'MIT WITH Apache-2.0',
      'Classpath-exception-2.0',
      'GPL-2.0 +',
      'LicenseRef-',
    ];
    assert.deepStrictEqual(
      invalid.filter((text) => isSpdxExpression(text)),
      [],
    );
  });

  it('knows current and deprecated license identifiers, not exceptions', () => {
    assert.deepStrictEqual(
      ['MIT', 'mit', 'GPL-2.0', 'Apache-2.0', 'AGPL-3.0-only'].filter((id) => !isSpdxLicenseId(id)),
      [],
    );
    assert.deepStrictEqual(
      ['Classpath-exception-2.0', 'Apache 2', ''].filter((id) => isSpdxLicenseId(id)),
      [],
    );
  });
});
