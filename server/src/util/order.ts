/**
 * Strings in code-unit order (`<` on UTF-16 code units). Not `localeCompare`: its first call loads ICU's
 * collation data, 2 to 3 MB of resident memory in a bare Node process. For lowercase ASCII (rule ids) the two
 * orders agree; Go's byte order (UTF-8) agrees outside surrogate pairs.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
