/**
 * A `.dockerignore` file: its patterns with their positions, and Docker's
 * matching (the `@balena/dockerignore` port of Docker's own matcher, made
 * case-sensitive like Docker).
 */
import ignore from '@balena/dockerignore';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';

export interface IgnorePattern {
  /** Zero-based line of the pattern. */
  line: number;
  /** The pattern as written, without surrounding blanks and without the leading `!`. */
  text: string;
  /** True for `!pattern` lines, which re-include what earlier lines excluded. */
  exception: boolean;
  /** Where the pattern (including its `!`) sits in the file. */
  range: Range;
  /** Offset of `text` in the file. */
  start: number;
}

const WILDCARD = /[*?[]/;

export class DockerignoreModel {
  readonly text: string;
  readonly document: TextDocument;
  readonly patterns: IgnorePattern[];

  constructor(source: TextDocument | string) {
    this.document =
      typeof source === 'string'
        ? TextDocument.create('file:///.dockerignore', 'dockerignore', 1, source)
        : TextDocument.create(source.uri, source.languageId, source.version, source.getText());
    this.text = this.document.getText();
    this.patterns = parsePatterns(this.text, this.document);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }

  /** True when the build context leaves out `path` (relative to the context root, `/`-separated). */
  ignores(path: string, upTo = this.patterns.length): boolean {
    return matcher(this.patterns.slice(0, upTo)).ignores(path);
  }

  /** The pattern that decides that `path` is left out: the last one matching it, when that is not an exception. */
  excludedBy(path: string): IgnorePattern | null {
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const pattern = this.patterns[i];
      if (patternMatches(pattern.text, path)) return pattern.exception ? null : pattern;
    }
    return null;
  }

  /** True when some `!` exception could re-include something below `path` (a directory). */
  mayReincludeBelow(path: string): boolean {
    const prefix = `${cleanPattern(path)}/`;
    return this.patterns.some((p) => p.exception && (WILDCARD.test(p.text) || cleanPattern(p.text).startsWith(prefix)));
  }
}

/** Docker reads each line trimmed; blank lines and lines starting with `#` are skipped. */
function parsePatterns(text: string, document: TextDocument): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((raw, line) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const content = raw.replace(/\r$/, '');
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const lead = content.length - content.trimStart().length;
    const exception = trimmed.startsWith('!');
    const body = exception ? trimmed.slice(1).trimStart() : trimmed;
    const start = lineStart + lead + (trimmed.length - body.length);
    const range = {
      start: document.positionAt(lineStart + lead),
      end: document.positionAt(lineStart + lead + trimmed.length),
    };
    if (body !== '') patterns.push({ line, text: body, exception, range, start });
  });
  return patterns;
}

function matcher(patterns: IgnorePattern[]) {
  return ignore({ ignorecase: false }).add(patterns.map((p) => (p.exception ? `!${p.text}` : p.text)));
}

/** True when `pattern` (without `!`) on its own line would exclude `path`. */
export function patternMatches(pattern: string, path: string): boolean {
  return ignore({ ignorecase: false }).add(pattern).ignores(path);
}

/** A pattern or path as Docker compares it: no leading `./` or `/`, no trailing `/`. */
export function cleanPattern(text: string): string {
  return text.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

export function hasWildcard(text: string): boolean {
  return WILDCARD.test(text);
}

let lastParsed: DockerignoreModel | undefined;

/** The model of a build context's ignore file; the last one is kept, since every rule of a lint asks for the same. */
export function dockerignoreModel(text: string): DockerignoreModel {
  if (lastParsed?.text !== text) lastParsed = new DockerignoreModel(text);
  return lastParsed;
}
