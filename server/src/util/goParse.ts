/**
 * Go's parsers for the values BuildKit reads with them (`time.ParseDuration`,
 * `strconv.ParseInt`, `strconv.ParseBool`, go-units' `RAMInBytes`), so a value is
 * rejected exactly when BuildKit rejects it. Each returns null for a valid value,
 * else why it is not.
 */

export type DurationProblem = 'invalid' | 'missing-unit' | { unknownUnit: string };

const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const MAX_NANOSECONDS = 2 ** 63 - 1;

/** A Go duration in nanoseconds, or what is wrong with it. */
export function parseGoDuration(text: string): { nanoseconds: number } | { problem: DurationProblem } {
  let s = text;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { nanoseconds: 0 };
  if (s === '') return { problem: 'invalid' };
  let total = 0;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return { problem: 'invalid' };
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const pre = number[1].length > 0;
    const post = (number[2] ?? '').length > 0;
    if (!pre && !post) return { problem: 'invalid' };
    s = s.slice(number[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') return { problem: 'missing-unit' };
    s = s.slice(unit.length);
    const scale = UNITS[unit];
    if (scale === undefined) return { problem: { unknownUnit: unit } };
    total += Number(`${number[1] || '0'}.${number[2] || '0'}`) * scale;
    if (total > MAX_NANOSECONDS) return { problem: 'invalid' };
  }
  return { nanoseconds: negative ? -total : total };
}

/** `strconv.ParseInt(text, 10, 32)`: the number, or null when Go refuses it. */
export function parseGoInt32(text: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const value = Number(text);
  return value >= -(2 ** 31) && value <= 2 ** 31 - 1 ? value : null;
}

/** `strconv.ParseUint(text, base, 32)` (no prefixes or underscores with an explicit base). */
export function parseGoUint32(text: string, base: 8 | 10): number | null {
  if (!(base === 8 ? /^[0-7]+$/ : /^[0-9]+$/).test(text)) return null;
  const value = parseInt(text, base);
  return value <= 2 ** 32 - 1 ? value : null;
}

/** `strconv.ParseBool`. */
export function isGoBool(text: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text);
}

/** go-units `RAMInBytes`: a number with an optional binary unit (`64m`, `1.5GiB`). */
export function isGoRamSize(text: string): boolean {
  return /^[0-9]+(?:\.[0-9]+)? ?(?:[kKmMgGtTpP](?:[iI]?[bB])?|[bB])?$/.test(text);
}
