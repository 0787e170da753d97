/**
 * `.env` files as Compose reads them (compose-go's `dotenv` parser), written from its behaviour:
 * `KEY=value`, `KEY: value`, `export KEY=value`, a bare `KEY` (taken from the environment when set there),
 * comment lines, ` #` comments after unquoted values, single quotes (literal, may span lines),
 * double quotes (may span lines; `\n`, `\t`, `\\`, `\"`, `\$`… escapes; `${VAR}` substituted), and
 * `${VAR}` substitution in unquoted values, from the variables above in the file or the environment.
 */
import { Lookup, substitute, VariableReference } from './interpolate';

export interface DotenvEntry {
  key: string;
  value: string;
  /** Offsets in the text: the key, and the whole statement. */
  keyOffset: number;
  start: number;
  end: number;
  /** Variables written in the value (offsets in the text). */
  references: VariableReference[];
}

export interface DotenvResult {
  /** The variables in file order; a key set twice keeps its last value. */
  values: Map<string, string>;
  entries: DotenvEntry[];
  /** Compose refuses a file with a syntax error: the first one, with its offset. */
  error: { message: string; offset: number } | null;
}

/** Blanks that do not end a line (compose-go's `isSpace`). */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u00a0';
}

function isKeyChar(c: string): boolean {
  return /[\p{L}\p{N}_.\-[\]]/u.test(c);
}

/** The escapes Compose expands inside double quotes; `\$` becomes `$$` so that it stays a literal dollar. */
function expandEscapes(text: string): string {
  return text.replace(/\\(?:[abcfnrtv$"\\]|0[0-7]{0,3})/g, (m) => {
    const c = m[1];
    switch (c) {
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'c':
        return m;
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return '\v';
      case '$':
        return '$$';
      case '"':
        return '"';
      case '\\':
        return '\\';
      default: {
        const code = parseInt(m.slice(2) || '0', 8);
        return m.length === 2 ? '\0' : String.fromCharCode(code);
      }
    }
  });
}

/**
 * Parses a `.env` text. `lookup` gives the environment: bare keys take their value from it, and `${VAR}`
 * in values sees it before the variables defined above in the file (as Compose does).
 */
export function parseDotenv(text: string, lookup: Lookup = () => undefined): DotenvResult {
  const values = new Map<string, string>();
  const entries: DotenvEntry[] = [];
  let i = 0;
  const fail = (message: string, offset: number): DotenvResult => ({
    values,
    entries,
    error: { message: `line ${lineOf(text, offset)}: ${message}`, offset },
  });
  const resolve: Lookup = (name) => lookup(name) ?? values.get(name);
  while (i < text.length) {
    // The next statement: skip blanks, line breaks and comment lines.
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] === '#') {
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
      continue;
    }
    const start = i;
    if (/^export[ \t]/.test(text.slice(i, i + 7))) {
      i += 6;
      while (i < text.length && isBlank(text[i])) i++;
    }
    const keyOffset = i;
    let terminator = '';
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j];
      if (isBlank(c)) continue;
      if (c === '=' || c === ':' || c === '\n') {
        terminator = c;
        break;
      }
      if (!isKeyChar(c))
        return fail(
          `unexpected character ${JSON.stringify(c)} in variable name ${JSON.stringify(text.slice(keyOffset).split('\n')[0])}`,
          j,
        );
    }
    const key = text.slice(keyOffset, j).replace(/\s+$/, '');
    if (key.includes(' ')) return fail('key cannot contain a space', keyOffset);
    if (!terminator || terminator === '\n') {
      // A bare key: its value comes from the environment, when it is set there.
      const found = lookup(key);
      if (found !== undefined) {
        values.set(key, found);
        entries.push({ key, value: found, keyOffset, start, end: j, references: [] });
      }
      i = terminator ? j + 1 : text.length;
      continue;
    }
    i = j + 1;
    while (i < text.length && isBlank(text[i])) i++;
    const quote = text[i] === '"' || text[i] === "'" ? text[i] : '';
    let value: string;
    let references: VariableReference[] = [];
    let end: number;
    if (!quote) {
      const eol = text.indexOf('\n', i);
      end = eol < 0 ? text.length : eol;
      let raw = text.slice(i, end);
      const comment = raw.indexOf(' #');
      if (comment >= 0) raw = raw.slice(0, comment);
      raw = raw.replace(/\s+$/, '');
      const substituted = substitute(raw, resolve);
      if (substituted.error) return fail(substituted.error.message, i + substituted.error.offset);
      value = substituted.value;
      references = substituted.references.map((r) => ({ ...r, offset: r.offset + i }));
    } else {
      // Up to the closing quote; a backslash before the quote character keeps it in the value.
      let raw = '';
      let k = i + 1;
      let escaped = false;
      let closed = false;
      for (; k < text.length; k++) {
        const c = text[k];
        if (escaped) {
          escaped = false;
          if (c !== quote) raw += '\\';
          raw += c;
          continue;
        }
        if (c === '\\') escaped = true;
        else if (c === quote) {
          closed = true;
          break;
        } else raw += c;
      }
      if (!closed) return fail(`unterminated quoted value ${text.slice(i).split('\n')[0]}`, i);
      end = k + 1;
      if (quote === '"') {
        const substituted = substitute(expandEscapes(raw), resolve);
        if (substituted.error) return fail(substituted.error.message, i);
        value = substituted.value;
        // Offsets inside a quoted value are approximate once escapes are expanded: point at the value.
        references = substituted.references.map((r) => ({ ...r, offset: i, length: end - i }));
      } else {
        value = raw;
      }
    }
    values.set(key, value);
    entries.push({ key, value, keyOffset, start, end, references });
    i = end;
  }
  return { values, entries, error: null };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
