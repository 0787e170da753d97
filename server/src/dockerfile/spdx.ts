/**
 * SPDX license expressions, read by the libraries the field uses: the
 * identifiers of the SPDX License List from `spdx-license-ids` (deprecated ones
 * included) and `spdx-exceptions`, the grammar from `spdx-expression-parse`.
 */
import parseSpdxExpression = require('spdx-expression-parse');
import LICENSE_IDS = require('spdx-license-ids');
import DEPRECATED_LICENSE_IDS = require('spdx-license-ids/deprecated.json');
import EXCEPTION_IDS = require('spdx-exceptions');

/** Each identifier by its lower-case form: identifiers compare without regard to case (SPDX specification, annex on license expressions). */
const CANONICAL = new Map(
  [...LICENSE_IDS, ...DEPRECATED_LICENSE_IDS, ...EXCEPTION_IDS].map((id) => [id.toLowerCase(), id]),
);
const LICENSES = new Set([...LICENSE_IDS, ...DEPRECATED_LICENSE_IDS]);

export function isSpdxLicenseId(id: string): boolean {
  return LICENSES.has(CANONICAL.get(id.toLowerCase()) ?? '');
}

/**
 * True for a valid SPDX license expression: identifiers (optionally with `+`),
 * `LicenseRef-…` / `DocumentRef-…:LicenseRef-…`, combined with AND, OR,
 * WITH <exception> and parentheses, in any case. The parser matches identifiers
 * exactly, so they are spelt as the list spells them first (operators in capitals);
 * it separates tokens by spaces only.
 */
export function isSpdxExpression(text: string): boolean {
  const normalised = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[A-Za-z0-9.-]+/g, (word) =>
      /^(and|or|with)$/i.test(word) ? word.toUpperCase() : (CANONICAL.get(word.toLowerCase()) ?? word),
    );
  if (normalised === '') return false;
  try {
    parseSpdxExpression(normalised);
    return true;
  } catch {
    return false;
  }
}
