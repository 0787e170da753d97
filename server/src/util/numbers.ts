/**
 * Numbers in messages. Not `toLocaleString`: its first call loads ICU's number-formatting
 * data, 4 to 7 MB of resident memory in a bare Node process, for a comma every three digits.
 */

/** An integer with a comma between each group of three digits, as `toLocaleString('en-US')` writes it. */
export function withThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
