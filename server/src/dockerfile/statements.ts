/**
 * The lines of a Dockerfile as BuildKit reads them, for edits that must not
 * change what BuildKit sees (formatting): which lines start an instruction,
 * which continue it (and which of those are comments or blank, skipped), which
 * belong to a heredoc, and the instruction text with its continuations joined
 * (continuation lines keep their leading whitespace, as in BuildKit).
 */

export type LineKind =
  'blank' | 'comment' | 'instruction' | 'continuation' | 'continuationComment' | 'continuationBlank' | 'heredoc';

export interface SourceLine {
  /** Offset of the line's first character (after a byte-order mark on the first line). */
  start: number;
  /** The line without its line break (and without a byte-order mark). */
  text: string;
  kind: LineKind;
}

/** A piece of a joined instruction that comes from one document line. */
export interface Segment {
  /** Offset in `Statement.joined`. */
  joined: number;
  /** Offset in the document. */
  offset: number;
  length: number;
  line: number;
}

export interface Statement {
  firstLine: number;
  /** The last line before the heredoc bodies (the last line of the statement when there are none). */
  headerLastLine: number;
  lastLine: number;
  /** The instruction as BuildKit parses it: first line trimmed on the left, continuations joined. */
  joined: string;
  /** Where each part of `joined` comes from, one per code line (in order). */
  segments: Segment[];
  heredocNames: string[];
}

export interface DockerfileLines {
  lines: SourceLine[];
  statements: Statement[];
}

/**
 * Reads the lines like BuildKit's parser; null when a heredoc has no
 * terminator (BuildKit refuses such a file, so nothing should be edited).
 */
export function readDockerfileLines(text: string, escapeChar: string): DockerfileLines | null {
  const lines = splitLines(text);
  const statements: Statement[] = [];
  const continuation = continuationPattern(escapeChar);
  const continuationChar = escapeChar === '`' ? '`' : '\\';
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    const lead = first.text.length - first.text.trimStart().length;
    const trimmed = first.text.slice(lead);
    if (trimmed === '' || trimmed.startsWith('#')) {
      first.kind = trimmed === '' ? 'blank' : 'comment';
      i++;
      continue;
    }
    first.kind = 'instruction';
    const statement: Statement = {
      firstLine: i,
      headerLastLine: i,
      lastLine: i,
      joined: '',
      segments: [],
      heredocNames: [],
    };
    let continued = appendSegment(statement, first, i, lead, continuationChar, continuation);
    i++;
    while (continued && i < lines.length) {
      const line = lines[i];
      const content = line.text.trimStart();
      if (content.startsWith('#')) line.kind = 'continuationComment';
      else if (content === '') line.kind = 'continuationBlank';
      else {
        line.kind = 'continuation';
        continued = appendSegment(statement, line, i, 0, continuationChar, continuation);
      }
      statement.headerLastLine = i;
      i++;
    }
    statement.lastLine = statement.headerLastLine;
    for (const heredoc of heredocsOf(statement.joined)) {
      let terminated = false;
      while (i < lines.length) {
        const line = lines[i];
        line.kind = 'heredoc';
        statement.lastLine = i;
        i++;
        const candidate = heredoc.chomp ? line.text.replace(/^\t+/, '') : line.text;
        if (candidate === heredoc.name) {
          terminated = true;
          break;
        }
      }
      if (!terminated) return null;
      statement.heredocNames.push(heredoc.name);
    }
    statements.push(statement);
  }
  return { lines, statements };
}

function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  if (text.startsWith('\uFEFF')) start = 1;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const body = text.slice(start, end);
    lines.push({ start, text: body.endsWith('\r') ? body.slice(0, -1) : body, kind: 'blank' });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** Adds a code line to the statement; true when it ends with a line continuation. */
function appendSegment(
  statement: Statement,
  line: SourceLine,
  index: number,
  from: number,
  continuationChar: string,
  continuation: RegExp,
): boolean {
  let content = line.text.slice(from);
  // The pattern only matches when the escape character ends the line (blanks aside): most lines do not.
  let last = content.length - 1;
  while (last >= 0 && (content[last] === ' ' || content[last] === '\t')) last--;
  const match = last >= 0 && content[last] === continuationChar ? continuation.exec(content) : null;
  if (match) content = content.slice(0, match.index) + match[1];
  statement.segments.push({
    joined: statement.joined.length,
    offset: line.start + from,
    length: content.length,
    line: index,
  });
  statement.joined += content;
  return match !== null;
}

/**
 * BuildKit's line continuation: the escape character at the end of the line,
 * blanks after it allowed, unless the escape character is itself escaped.
 * Group 1 is the character kept before it.
 */
export function continuationPattern(escapeChar: string): RegExp {
  const e = escapeChar === '`' ? '`' : '\\\\';
  return new RegExp(`(^|[^${e}])${e}[ \\t]*$`);
}

/** Keywords whose instructions may carry heredocs. */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * The heredocs BuildKit reads after an instruction: every word of the joined
 * line (quotes kept) of the form `[n]<<[-]NAME`, unless the instruction is in
 * exec (JSON) form.
 */
export function heredocsOf(joined: string): { name: string; chomp: boolean }[] {
  let { keyword, rest } = splitKeyword(joined);
  if (keyword.toUpperCase() === 'ONBUILD') ({ keyword, rest } = splitKeyword(rest));
  if (!HEREDOC_KEYWORDS.has(keyword.toUpperCase())) return [];
  // A heredoc word holds `<<` as written (words are runs of the text): most instructions have none.
  if (!rest.includes('<<')) return [];
  if (isJsonStringArray(rest.slice(argumentsStart(rest)).trim())) return [];
  const heredocs: { name: string; chomp: boolean }[] = [];
  for (const word of shellWords(joined, true)) {
    const match = /^(\d*)<<(-?)([^<]*)$/.exec(word);
    if (!match || match[3] === '') continue;
    const unquoted = shellWords(match[3], false);
    if (unquoted.length !== 1) continue;
    heredocs.push({ name: unquoted[0], chomp: match[2] === '-' });
  }
  return heredocs;
}

/** The keyword and the text after the blanks that follow it. */
export function splitKeyword(text: string): { keyword: string; rest: string; restStart: number } {
  const match = /^\s*(\S*)[\t\v\f\r ]*/.exec(text)!;
  return { keyword: match[1], rest: text.slice(match[0].length), restStart: match[0].length };
}

/**
 * Where the arguments start after BuildKit's builder flags (`--name=value`
 * words, quotes and backslashes understood, `--` ends them).
 */
export function argumentsStart(rest: string): number {
  let pos = 0;
  for (;;) {
    while (pos < rest.length && /\s/.test(rest[pos])) pos++;
    if (pos >= rest.length || !rest.startsWith('--', pos)) return pos;
    const wordStart = pos;
    let quote = '';
    while (pos < rest.length) {
      const ch = rest[pos];
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\') pos++;
      } else if (/\s/.test(ch)) break;
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\') pos++;
      pos++;
    }
    if (rest.slice(wordStart, pos) === '--') return Math.min(pos, rest.length);
  }
}

/**
 * Blank-separated words, quotes understood (single quotes literal, backslash
 * escapes elsewhere); with `raw`, quotes and backslashes are kept in the words.
 */
export function shellWords(text: string, raw: boolean): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) {
        quote = '';
        if (raw) word += ch;
      } else if (ch === '\\' && quote === '"' && i + 1 < text.length) {
        if (raw) word += ch;
        word += text[++i];
      } else word += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === '"' || ch === "'") {
      quote = ch;
      if (raw) word += ch;
    } else if (ch === '\\' && i + 1 < text.length) {
      if (raw) word += ch;
      word += text[++i];
    } else word += ch;
  }
  if (inWord) words.push(word);
  return words;
}

/** True when `text` is a JSON array of strings (the exec form). */
export function isJsonStringArray(text: string): boolean {
  if (!text.startsWith('[')) return false;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}
