/**
 * Compose's variable substitution (compose-go's `template` package), written from its behaviour:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alternative}`, `${VAR+alternative}` and `$$` (a literal dollar). What follows the operator is
 * itself substituted (nesting), and it is substituted even when unused, as Compose does (so a missing
 * variable there is reported too). Every variable is recorded with its place in the text, so a caller can
 * report the ones without a value where they are written.
 */

/** Looks a variable up: its value, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

export type SubstitutionOperator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/** One `$VAR` / `${VAR…}` written in the text. */
export interface VariableReference {
  name: string;
  /** Offset and length in the text given to `substitute` (nested references: where they are written). */
  offset: number;
  length: number;
  operator: SubstitutionOperator | null;
  /** The value used: the variable's, a default, an alternative, or '' when none. */
  value: string;
  /** Whether the variable is set (to anything, even ''). */
  set: boolean;
  /**
   * `missing`: no value and no default, so Compose warns and uses ''. `required`: `${VAR:?…}` / `${VAR?…}`
   * without the value it requires, which Compose refuses. Null when the reference resolves.
   */
  unresolved: 'missing' | 'required' | null;
  /** For `required`: Compose's message. */
  message?: string;
}

export interface SubstitutionResult {
  value: string;
  references: VariableReference[];
  /** The first problem that makes Compose refuse the text (`Invalid template`, a required variable), or null. */
  error: { message: string; offset: number; length: number } | null;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** Past this many nested `${…}`, the text is refused (a hostile file cannot exhaust the stack). */
const MAX_NESTING = 50;

/** The index of the `}` that closes the `${` at `open`, counting nested `${`; -1 when there is none. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    } else if (text.startsWith('${', i)) {
      depth++;
      i++;
    }
  }
  return -1;
}

/** Substitutes every variable of `text`; `base` is the offset of `text` in the caller's string (for nested parts). */
export function substitute(text: string, lookup: Lookup): SubstitutionResult {
  const references: VariableReference[] = [];
  let error: SubstitutionResult['error'] = null;
  const value = substituteAt(text, 0, lookup, references, (e) => (error ??= e), 0);
  return { value, references, error };
}

function substituteAt(
  text: string,
  base: number,
  lookup: Lookup,
  references: VariableReference[],
  fail: (e: NonNullable<SubstitutionResult['error']>) => void,
  depth: number,
): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < text.length && NAME_PART.test(text[end])) end++;
      const name = text.slice(dollar + 1, end);
      const found = lookup(name);
      references.push({
        name,
        offset: base + dollar,
        length: end - dollar,
        operator: null,
        value: found ?? '',
        set: found !== undefined,
        unresolved: found === undefined ? 'missing' : null,
      });
      out += found ?? '';
      i = end;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(text, dollar);
      const inner = close < 0 ? '' : text.slice(dollar + 2, close);
      const match = close < 0 ? null : /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(inner);
      if (!match || depth >= MAX_NESTING) {
        // Compose refuses the whole value ("Invalid template"); what follows is kept as written.
        fail({
          message: `Invalid template: ${JSON.stringify(text)}`,
          offset: base + dollar,
          length: (close < 0 ? text.length : close + 1) - dollar,
        });
        out += text.slice(dollar);
        break;
      }
      const [, name, operator, rest] = match;
      const found = lookup(name);
      const reference: VariableReference = {
        name,
        offset: base + dollar,
        length: close + 1 - dollar,
        operator: (operator as SubstitutionOperator) ?? null,
        value: '',
        set: found !== undefined,
        unresolved: null,
      };
      references.push(reference);
      // The part after the operator is substituted first, whether or not it is used (as Compose does).
      const argument = operator
        ? substituteAt(rest, base + dollar + 2 + name.length + operator.length, lookup, references, fail, depth + 1)
        : '';
      let result: string;
      switch (operator) {
        case ':-':
          result = found === undefined || found === '' ? argument : found;
          break;
        case '-':
          result = found === undefined ? argument : found;
          break;
        case ':+':
          result = found !== undefined && found !== '' ? argument : '';
          break;
        case '+':
          result = found !== undefined ? argument : '';
          break;
        case ':?':
        case '?': {
          const ok = found !== undefined && (operator === '?' || found !== '');
          result = ok ? found : '';
          if (!ok) {
            reference.unresolved = 'required';
            reference.message = `required variable ${name} is missing a value${argument ? `: ${argument}` : ''}`;
            fail({ message: reference.message, offset: reference.offset, length: reference.length });
          }
          break;
        }
        default:
          result = found ?? '';
          if (found === undefined) reference.unresolved = 'missing';
      }
      reference.value = result;
      out += result;
      i = close + 1;
      continue;
    }
    // A `$` followed by anything else: Compose refuses the value.
    fail({ message: `Invalid template: ${JSON.stringify(text)}`, offset: base + dollar, length: 1 });
    out += text.slice(dollar);
    break;
  }
  return out;
}
