/**
 * Numbers in messages. Not `toLocaleString`: its first call loads ICU's number-formatting
 * data, about 5 MB of resident memory in the language server for a comma every three digits.
 */

/** An integer with a comma between each group of three digits, as `toLocaleString('en-US')` writes it. */
export function withThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
