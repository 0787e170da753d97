/**
 * Where the cursor is in a compose file while it is being typed, read from the
 * indentation of the lines above rather than from the YAML parse (which an
 * unfinished line breaks): the key path of the enclosing mapping or sequence,
 * whether a key, a value or a list item is being written, and what is already there.
 * Block-style YAML only; inside flow collections (`[a, b]`) and block scalars there is no context.
 */

export interface CursorContext {
  /** Keys (and `0` for "an item of a sequence") from the root to the mapping or sequence the cursor is in. */
  path: (string | number)[];
  /** `key`: a key of the mapping at `path`; `value`: the value of `key`; `item`: an item of the sequence at `path`. */
  kind: 'key' | 'value' | 'item';
  /** For `value`: the key whose value is being written. */
  key?: string;
  /** The text typed so far (the word being completed) and its start offset. */
  prefix: string;
  prefixStart: number;
  /** Keys already in the mapping (`key`), or items already in the sequence (`item`). */
  siblings: string[];
}

interface LineInfo {
  /** Column of the first non-space character, -1 for a blank or comment line. */
  indent: number;
  /** Column of the last `- ` of the line (`- - x` is rare), -1 without. */
  dash: number;
  /** Column where the content after the dashes starts. */
  contentCol: number;
  /** The key when the content is `key:` or `key: value`. */
  key?: string;
  /** The value after `key:`, without a trailing comment ('' when empty). */
  value?: string;
  /** The content when it is not a key (a list item's scalar). */
  scalar?: string;
}

const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s#'"{}[\],:][^#:]*?|[^\s#'"{}[\],]))\s*:(?:\s+(.*?))?\s*$/;

function stripComment(text: string): string {
  // A `#` starts a comment at the line start or after whitespace (not inside quotes, which keys and names rarely contain).
  const match = /(^|\s)#/.exec(text);
  return match ? text.slice(0, match.index).trimEnd() : text;
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

export function analyzeLine(line: string): LineInfo {
  const indent = line.search(/\S/);
  if (indent < 0 || line[indent] === '#') return { indent: -1, dash: -1, contentCol: -1 };
  let col = indent;
  let dash = -1;
  while (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ')) {
    dash = col;
    col++;
    while (line[col] === ' ') col++;
  }
  const content = stripComment(line.slice(col));
  const match = KEY_LINE.exec(content);
  if (match && !content.startsWith('- '))
    return { indent, dash, contentCol: col, key: unquote(match[1].trim()), value: match[2] ?? '' };
  return { indent, dash, contentCol: col, scalar: content.trim() };
}

/** A value after `key:` that opens a nested block: nothing, an anchor, a tag (`!reset`), or both. */
function opensBlock(value: string): boolean {
  return /^((&[^\s]+|![^\s]*)\s*)*$/.test(value);
}

/**
 * The enclosing path of content at `column` on line `lineIndex`. `inSequence`: the content
 * is an item of a sequence whose dashes are at `column`, so we look for the key that owns the sequence.
 */
function enclosingPath(
  lines: LineInfo[],
  lineIndex: number,
  column: number,
  inSequence: boolean,
): (string | number)[] | null {
  const path: (string | number)[] = [];
  let threshold = column;
  let sequence = inSequence;
  // Moving out to the key that owns what we are in: the key, and the list item when the key line starts one (`- build:`).
  const enterKey = (key: string, info: LineInfo) => {
    path.unshift(key);
    threshold = info.contentCol;
    sequence = false;
    if (info.dash >= 0) {
      path.unshift(0);
      threshold = info.dash;
      sequence = true;
    }
  };
  for (let i = lineIndex - 1; i >= 0 && (threshold > 0 || sequence); i--) {
    const info = lines[i];
    if (info.indent < 0) continue;
    if (sequence) {
      if (info.dash === threshold) continue; // a sibling item
      if (info.indent > threshold) continue; // inside a sibling item
      // Block sequences may sit at the same column as their key (`ports:\n- "80"`).
      if (info.key !== undefined && info.contentCol <= threshold && opensBlock(info.value ?? '')) {
        enterKey(info.key, info);
        continue;
      }
      return null;
    }
    if (info.contentCol > threshold) continue;
    if (info.contentCol === threshold) {
      // A sibling key; when it starts a list item (`- type: volume`), our mapping is that item.
      if (info.dash >= 0 && info.dash < threshold) {
        path.unshift(0);
        threshold = info.dash;
        sequence = true;
      }
      continue;
    }
    if (info.key !== undefined && opensBlock(info.value ?? '')) {
      enterKey(info.key, info);
      continue;
    }
    // A less indented line that does not open a block: a block scalar, or broken indentation.
    return null;
  }
  return path;
}

/** Keys of the mapping whose keys sit at `column` around line `lineIndex` (the line itself excluded). */
function siblingKeys(lines: LineInfo[], lineIndex: number, column: number, ownDash: boolean): string[] {
  const keys: string[] = [];
  if (!ownDash) {
    for (let i = lineIndex - 1; i >= 0; i--) {
      const info = lines[i];
      if (info.indent < 0 || info.indent > column) continue;
      if (info.contentCol !== column) break;
      if (info.key !== undefined) keys.push(info.key);
      if (info.dash >= 0) break; // the first key of this list item's mapping
      if (info.indent < column) break;
    }
  }
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const info = lines[i];
    if (info.indent < 0) continue;
    if (info.indent < column) break;
    if (info.indent === column && info.dash < 0 && info.key !== undefined) keys.push(info.key);
  }
  return keys;
}

/** Items of the sequence whose dashes sit at `column` around line `lineIndex`. */
function siblingItems(lines: LineInfo[], lineIndex: number, column: number): string[] {
  const items: string[] = [];
  const take = (info: LineInfo): void => {
    if (info.scalar) items.push(unquote(info.scalar).split(':')[0]);
  };
  for (let i = lineIndex - 1; i >= 0; i--) {
    const info = lines[i];
    if (info.indent < 0 || info.indent > column) continue;
    if (info.dash !== column) break;
    take(info);
  }
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const info = lines[i];
    if (info.indent < 0 || info.indent > column) continue;
    if (info.dash !== column) break;
    take(info);
  }
  return items;
}

export function cursorContext(text: string, offset: number): CursorContext | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before) || /["'[\]{}]/.test(before.replace(/^(\s*-\s+)*/, '').replace(/:\s.*$/, ''))) return null;
  const rawLines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const lineIndex = text.slice(0, lineStart).split('\n').length - 1;
  const lines = rawLines.map((line, i) => (i === lineIndex ? analyzeLine(before) : analyzeLine(line)));
  const own = lines[lineIndex];
  // Only the part before the cursor decides the context; the rest of the line is ignored.

  // `key: partial` — a value.
  const valueMatch = /^(\s*(?:-\s+)*)([^\s#'"{}[\],:][^#:]*?)\s*:\s+(\S*)$/.exec(before);
  if (valueMatch) {
    const column = valueMatch[1].length;
    const dash = own.dash;
    const path =
      dash >= 0
        ? withItem(enclosingPath(lines, lineIndex, dash, true))
        : enclosingPath(lines, lineIndex, column, false);
    if (!path) return null;
    const prefix = valueMatch[3];
    if (/^["'[{&*!|>]/.test(prefix)) return null;
    return { path, kind: 'value', key: valueMatch[2], prefix, prefixStart: offset - prefix.length, siblings: [] };
  }
  // `- partial` — a list item (or the first key of a new list item's mapping).
  const itemMatch = /^(\s*(?:-\s+)*-\s+)([\w.$/-]*)$/.exec(before);
  if (itemMatch) {
    const path = enclosingPath(lines, lineIndex, own.dash, true);
    if (!path) return null;
    const prefix = itemMatch[2];
    return {
      path,
      kind: 'item',
      prefix,
      prefixStart: offset - prefix.length,
      siblings: siblingItems(lines, lineIndex, own.dash),
    };
  }
  // `partial` at some indentation — a key.
  const keyMatch = /^(\s*)(\w[\w.-]*)?$/.exec(before);
  if (keyMatch) {
    const column = keyMatch[1].length;
    const path = enclosingPath(lines, lineIndex, column, false);
    if (!path) return null;
    const prefix = keyMatch[2] ?? '';
    return {
      path,
      kind: 'key',
      prefix,
      prefixStart: offset - prefix.length,
      siblings: siblingKeys(lines, lineIndex, column, false),
    };
  }
  return null;
}

function withItem(path: (string | number)[] | null): (string | number)[] | null {
  return path ? [...path, 0] : null;
}
