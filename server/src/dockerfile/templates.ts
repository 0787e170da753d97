/**
 * Dockerfile templates: files that a template engine turns into Dockerfiles, such as the
 * jq-driven `Dockerfile.template` files of the official images, Go `text/template`
 * `.tmpl` files or Jinja files. Their `{{ … }}` (and Jinja's `{% … %}`) actions are not
 * Dockerfile text, so the model reads the file the way the rendered Dockerfile would look:
 *
 * - an action that fills a whole line (or several: `{{ if … then ( -}}`, `{{ end }}`, a
 *   multi-line `{{ def …; -}}` block) is control flow that leaves nothing behind: the
 *   parser sees a comment line, which Docker skips even inside a continued RUN;
 * - an action inside a line is replaced by an opaque word of the same length
 *   (`FROM alpine:{{ .tag }}` reads as one image with an unknown tag).
 *
 * Offsets and lines stay as in the document. Findings that start on a control line or
 * overlap an inline action are about text the engine replaces, so they are dropped, and so
 * are fixes whose edits would touch an action (`guardTemplate` in engine/guards.ts).
 */
import { Range } from 'vscode-languageserver-types';
import { readDockerfileLines } from './statements';

/** What an inline action reads as: one word, no quotes or blanks, so words and the shell parse stay whole. */
const OPAQUE = 'x';

/** File names of templates, whatever their text: `Dockerfile.template`, `Dockerfile.tmpl`, `*.tpl`, Jinja. */
const TEMPLATE_NAME = /\.(template|tmpl|tpl|gotmpl|j2|jinja2?)$/i;

interface Span {
  start: number;
  end: number;
}

export class DockerfileTemplate {
  private constructor(
    /** The text as the parser reads it (same length and lines as the document). */
    readonly text: string,
    /** Every action, as document offsets. */
    readonly actions: readonly Span[],
    /** Lines that hold only template actions. */
    readonly controlLines: ReadonlySet<number>,
    /** The parts of actions on other lines, which the engine replaces with text. */
    private readonly inline: readonly Span[],
    private readonly lineStarts: readonly number[],
  ) {}

  /**
   * The template that `text` is, or null for a plain Dockerfile. A file counts as a template
   * by its name, or when an action stands where a Dockerfile cannot have one: at the start of
   * a line (outside heredoc bodies and comments) or in a FROM line. Then every action in it
   * is one, quoted or not, since the engine replaces them all. In a plain Dockerfile `{{` is
   * just text (`docker inspect --format '{{.Id}}'` in a RUN).
   */
  static read(uri: string, text: string): DockerfileTemplate | null {
    if (!text.includes('{{') && !text.includes('{%')) return null;
    const actions = findActions(text);
    if (actions.length === 0) return null;
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    if (!TEMPLATE_NAME.test(fileName(uri)) && !standsOutsideDockerfileSyntax(text, actions, lineStarts)) return null;

    const chars = text.split('');
    for (const action of actions) {
      for (let i = action.start; i < action.end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = OPAQUE;
    }
    // The part of each action on each line it spans (empty on an empty line inside one).
    const pieces = new Map<number, Span[]>();
    for (const action of actions) {
      for (
        let line = lineOf(lineStarts, action.start);
        line < lineStarts.length && lineStarts[line] < action.end;
        line++
      ) {
        const piece = {
          start: Math.max(lineStarts[line], action.start),
          end: Math.min(lineEnd(text, lineStarts, line), action.end),
        };
        pieces.set(line, [...(pieces.get(line) ?? []), piece]);
      }
    }
    const control = new Set<number>();
    const inline: Span[] = [];
    for (const [line, onLine] of pieces) {
      const start = lineStarts[line];
      const end = lineEnd(text, lineStarts, line);
      const covered = (i: number) => onLine.some((p) => p.start <= i && i < p.end);
      let onlyActions = true;
      for (let i = start; i < end && onlyActions; i++) if (!covered(i) && !/\s/.test(text[i])) onlyActions = false;
      if (!onlyActions) {
        inline.push(...onLine.filter((p) => p.start < p.end));
        continue;
      }
      control.add(line);
      // A comment line (Docker skips it, inside a continuation too); an empty line stays empty.
      let first = start;
      while (first < end && /\s/.test(text[first])) first++;
      for (let i = start; i < end; i++) chars[i] = i < first || text[i] === '\r' ? text[i] : i === first ? '#' : ' ';
    }
    inline.sort((a, b) => a.start - b.start);
    return new DockerfileTemplate(chars.join(''), actions, control, inline, lineStarts);
  }

  private offsetAt(position: Range['start']): number {
    const start = this.lineStarts[Math.min(position.line, this.lineStarts.length - 1)] ?? 0;
    return start + position.character;
  }

  /** Whether a finding at `range` is about text the template engine replaces. */
  hides(range: Range): boolean {
    if (this.controlLines.has(range.start.line)) return true;
    return overlaps(this.inline, this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** Whether an edit of `range` would change a template action (or cut one apart). */
  touches(range: Range): boolean {
    return overlaps(this.actions, this.offsetAt(range.start), this.offsetAt(range.end));
  }
}

/** `{{ … }}` and `{% … %}` spans, in order; an opening without its closing is text. */
function findActions(text: string): Span[] {
  const actions: Span[] = [];
  const opening = /\{\{|\{%/g;
  let match: RegExpExecArray | null;
  while ((match = opening.exec(text))) {
    const close = text.indexOf(match[0] === '{{' ? '}}' : '%}', match.index + 2);
    if (close < 0) break;
    actions.push({ start: match.index, end: close + 2 });
    opening.lastIndex = close + 2;
  }
  return actions;
}

/** An action at the start of a code line, or in a FROM instruction: places no Dockerfile can hold `{{`. */
function standsOutsideDockerfileSyntax(text: string, actions: Span[], lineStarts: number[]): boolean {
  const escape = /^\s*#\s*escape\s*=\s*`/im.test(text.slice(0, 2000)) ? '`' : '\\';
  const read = readDockerfileLines(text, escape);
  const fromLines = new Set<number>();
  for (const statement of read?.statements ?? []) {
    if (!/^from\s/i.test(statement.joined)) continue;
    for (let line = statement.firstLine; line <= statement.headerLastLine; line++) fromLines.add(line);
  }
  for (const action of actions) {
    const line = lineOf(lineStarts, action.start);
    const kind = read?.lines[line]?.kind;
    if (kind === 'heredoc' || kind === 'comment' || kind === 'continuationComment') continue;
    if (text.slice(lineStarts[line], action.start).trim() === '') return true;
    if (fromLines.has(line)) return true;
  }
  return false;
}

/** The line holding an offset. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lineStarts[middle] <= offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The offset of a line's line break (or of the end of the text). */
function lineEnd(text: string, lineStarts: readonly number[], line: number): number {
  return line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
}

function fileName(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether [start, end) meets a span; an empty range counts when it is strictly inside one. */
function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  for (const span of spans) {
    if (start === end ? span.start < start && start < span.end : start < span.end && span.start < end) return true;
  }
  return false;
}
