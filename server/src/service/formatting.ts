/**
 * Dockerfile formatting: instruction keywords in the file's majority case,
 * continuation lines indented by one level, one space after the keyword,
 * JSON exec forms spaced as `["a", "b"]`, trailing blanks removed. It never
 * changes what BuildKit builds:
 * - heredoc bodies and terminators, parser directives and comment text are
 *   left alone;
 * - a continuation line is re-indented only where its leading blanks are a
 *   separator between words (outside quotes, `${…}`, `$(…)`, backticks), and
 *   never for instructions whose text keeps blanks as they are (USER, WORKDIR,
 *   `ENV key value`, shell forms run by cmd or PowerShell, ONBUILD triggers)
 *   nor for shell scripts that do not parse;
 * - a blank after the escape character is removed (BuildKit allows blanks
 *   there, so the line still continues);
 * - the JSON form is respaced only when the whole array is valid JSON on one
 *   line, with every string kept byte for byte.
 * The lines are read as BuildKit reads them (`dockerfile/statements.ts`); when
 * that reading and the dockerfile-ast parse disagree about where instructions
 * start, nothing is formatted.
 */
import type { Instruction } from 'dockerfile-ast';
import { Range, TextEdit } from 'vscode-languageserver-types';
import { INSTRUCTION_KEYWORDS, instructionCaseMajority } from '../dockerfile/edits';
import { parseShell } from '../shell/shell';
import { DockerfileModel } from '../dockerfile/model';
import {
  argumentsStart,
  DockerfileLines,
  isJsonStringArray,
  readDockerfileLines,
  Segment,
  splitKeyword,
  Statement,
} from '../dockerfile/statements';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export function formatDockerfile(model: DockerfileModel, options: FormatOptions, range?: Range): TextEdit[] {
  // A template's actions are not Dockerfile text: moving them could change what the engine renders.
  if (model.template) return [];
  const read = readDockerfileLines(model.text, model.escapeChar);
  if (!read || !agreesWithParse(read, model)) return [];
  const directives = new Set(model.directiveLines());
  const wanted = lineFilter(range);
  const context: FormatContext = {
    model,
    read,
    unit: options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t',
    tabSize: Math.max(1, options.tabSize),
    keywordCase: instructionCaseMajority(model),
  };
  const edits: OffsetEdit[] = [];
  const shells = shellKinds(read.statements, model);
  for (const statement of read.statements) {
    if (!wanted(statement.firstLine, statement.lastLine)) continue;
    edits.push(...formatStatement(context, statement, shells.get(statement) ?? 'posix'));
  }
  read.lines.forEach((line, index) => {
    if ((line.kind === 'comment' || line.kind === 'blank') && !directives.has(index) && wanted(index, index)) {
      const edit = trailingBlanks(line.start, line.text);
      if (edit) edits.push(edit);
    }
  });
  edits.sort((a, b) => a.start - b.start);
  return edits.map((edit) => TextEdit.replace(model.rangeOf(edit.start, edit.end), edit.text));
}

interface FormatContext {
  model: DockerfileModel;
  read: DockerfileLines;
  unit: string;
  tabSize: number;
  keywordCase: 'upper' | 'lower';
}

/** Which lines a range formatting asks for (every line without a range); a range ending at column 0 stops before that line. */
function lineFilter(range: Range | undefined): (first: number, last: number) => boolean {
  if (!range) return () => true;
  const from = range.start.line;
  const to = range.end.character === 0 && range.end.line > from ? range.end.line - 1 : range.end.line;
  return (first, last) => first <= to && last >= from;
}

/** Both readings must put instructions on the same lines. */
function agreesWithParse(read: DockerfileLines, model: DockerfileModel): boolean {
  const ours = read.statements.map((s) => s.firstLine);
  const theirs = model.ast.getInstructions().map((i) => i.getRange().start.line);
  return ours.length === theirs.length && ours.every((line, i) => line === theirs[i]);
}

type ShellKind = 'posix' | 'other';

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const WINDOWS_IMAGE = /windows|servercore|nanoserver|powershell|mcr\.microsoft\.com\/dotnet\/framework/i;

/**
 * The shell that runs each statement's shell form: a SHELL instruction of the
 * stage (or of the stage it builds on) decides; otherwise Windows base images
 * and `# escape=\`` files use cmd, others /bin/sh.
 */
function shellKinds(statements: Statement[], model: DockerfileModel): Map<Statement, ShellKind> {
  const kinds = new Map<Statement, ShellKind>();
  const byStage = new Map<string, ShellKind>();
  const fallback: ShellKind = model.escapeChar === '`' ? 'other' : 'posix';
  let current: ShellKind = fallback;
  let stageName: string | null = null;
  const stageAt = new Map(model.stages.map((s) => [s.from.getRange().start.line, s]));
  for (const statement of statements) {
    const { keyword, rest } = splitKeyword(statement.joined);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const words = rest.slice(argumentsStart(rest)).trim().split(/\s+/);
      const image = words[0] ?? '';
      const stage = stageAt.get(statement.firstLine);
      const resolved = stage?.image?.raw ?? '';
      current =
        byStage.get(image.toLowerCase()) ??
        (WINDOWS_IMAGE.test(image) || WINDOWS_IMAGE.test(resolved) ? 'other' : fallback);
      stageName = words.length === 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : null;
    } else if (upper === 'SHELL') {
      const args = rest.trim();
      if (isJsonStringArray(args)) {
        const program = (JSON.parse(args) as string[])[0] ?? '';
        const name = program
          .replace(/^.*[\\/]/, '')
          .replace(/\.exe$/i, '')
          .toLowerCase();
        current = POSIX_SHELLS.has(name) ? 'posix' : 'other';
      }
    }
    // Stages built on this one (`FROM name`) start with its shell.
    if (stageName) byStage.set(stageName, current);
    kinds.set(statement, current);
  }
  return kinds;
}

function formatStatement(context: FormatContext, statement: Statement, shell: ShellKind): OffsetEdit[] {
  const { read } = context;
  const edits: OffsetEdit[] = [];
  for (let index = statement.firstLine; index <= statement.lastLine; index++) {
    const line = read.lines[index];
    if (line.kind === 'heredoc') continue;
    const edit = trailingBlanks(line.start, line.text);
    if (edit) edits.push(edit);
  }
  edits.push(...keywordEdits(context, statement));
  edits.push(...jsonEdits(statement));
  edits.push(...indentEdits(context, statement, shell));
  return edits;
}

/** Deletes the blanks at the end of a line. */
function trailingBlanks(start: number, text: string): OffsetEdit | null {
  const kept = text.replace(/[ \t]+$/, '').length;
  return kept < text.length ? { start: start + kept, end: start + text.length, text: '' } : null;
}

/** The keyword (and ONBUILD's trigger keyword, FROM's AS) in the file's case; one space after each. */
function keywordEdits(context: FormatContext, statement: Statement): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const line = context.read.lines[statement.firstLine];
  const recase = (word: string) => (context.keywordCase === 'lower' ? word.toLowerCase() : word.toUpperCase());
  let at = 0;
  for (let depth = 0; depth < 2; depth++) {
    const keyword = /^[A-Za-z]+/.exec(statement.joined.slice(at))?.[0];
    if (!keyword) break;
    const end = at + keyword.length;
    if (end < statement.joined.length && !/\s/.test(statement.joined[end])) break;
    const offset = documentOffset(statement.segments, at, keyword.length);
    if (offset === null) break; // a keyword split over two lines
    const upper = keyword.toUpperCase();
    if (INSTRUCTION_KEYWORDS.has(upper) && recase(keyword) !== keyword)
      edits.push({ start: offset, end: offset + keyword.length, text: recase(keyword) });
    // One space after it, when something follows on the same line (blanks at the end go with the trailing ones).
    if (offset + keyword.length < line.start + line.text.length && offset >= line.start) {
      const column = offset - line.start + keyword.length;
      const gap = /^[ \t]*/.exec(line.text.slice(column))![0];
      if (gap !== '' && gap !== ' ' && column + gap.length < line.text.length) {
        edits.push({ start: line.start + column, end: line.start + column + gap.length, text: ' ' });
      }
    }
    const restStart = end + /^\s*/.exec(statement.joined.slice(end))![0].length;
    if (upper === 'FROM') edits.push(...fromAsEdits(statement, restStart, recase));
    if (upper !== 'ONBUILD') break;
    at = restStart;
  }
  return edits;
}

/** `FROM image AS name`: AS follows the keyword's case, as the from-as-casing rule wants. */
function fromAsEdits(statement: Statement, restStart: number, recase: (w: string) => string): OffsetEdit[] {
  const rest = statement.joined.slice(restStart);
  const argsAt = restStart + argumentsStart(rest);
  const words = [...statement.joined.slice(argsAt).matchAll(/\S+/g)];
  if (words.length !== 3 || words[1][0].toLowerCase() !== 'as') return [];
  const as = words[1];
  const wanted = recase('as');
  if (as[0] === wanted) return [];
  const start = documentOffset(statement.segments, argsAt + as.index, 2);
  return start === null ? [] : [{ start, end: start + 2, text: wanted }];
}

/** The document offset of `length` characters of the joined text at `joined`; null when they span lines. */
function documentOffset(segments: Segment[], joined: number, length: number): number | null {
  for (const segment of segments) {
    if (joined >= segment.joined && joined + length <= segment.joined + segment.length)
      return segment.offset + joined - segment.joined;
  }
  return null;
}

const JSON_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** `["a","b"]` → `["a", "b"]` when the array is valid JSON on one line. */
function jsonEdits(statement: Statement): OffsetEdit[] {
  const args = execArguments(statement.joined);
  if (!args) return [];
  const text = statement.joined.slice(args.start, args.end);
  const spaced = spacedJsonArray(text);
  if (spaced === null || spaced === text) return [];
  const start = documentOffset(statement.segments, args.start, text.length);
  if (start === null) return [];
  // Only the part that differs, so an edit never touches more than it must.
  let prefix = 0;
  while (prefix < text.length && text[prefix] === spaced[prefix]) prefix++;
  let suffix = 0;
  while (suffix < text.length - prefix && text[text.length - 1 - suffix] === spaced[spaced.length - 1 - suffix])
    suffix++;
  return [
    { start: start + prefix, end: start + text.length - suffix, text: spaced.slice(prefix, spaced.length - suffix) },
  ];
}

/** Where the exec-form JSON array of an instruction is in its joined text (also after HEALTHCHECK CMD and ONBUILD). */
function execArguments(joined: string): { start: number; end: number } | null {
  const outer = splitKeyword(joined);
  let { keyword, rest } = outer;
  let base = outer.restStart;
  if (keyword.toUpperCase() === 'ONBUILD') {
    const inner = splitKeyword(rest);
    keyword = inner.keyword;
    rest = inner.rest;
    base += inner.restStart;
  }
  let upper = keyword.toUpperCase();
  let argsAt = argumentsStart(rest);
  if (upper === 'HEALTHCHECK') {
    const sub = /^(\S+)[ \t]+/.exec(rest.slice(argsAt));
    if (!sub || sub[1].toUpperCase() !== 'CMD') return null;
    argsAt += sub[0].length;
    upper = 'CMD';
  }
  if (!JSON_KEYWORDS.has(upper)) return null;
  const text = rest.slice(argsAt);
  const trimmed = text.trim();
  if (!isJsonStringArray(trimmed)) return null;
  const start = base + argsAt + (text.length - text.trimStart().length);
  return { start, end: start + trimmed.length };
}

/** The array with `, ` between strings and nothing inside the brackets; every string as written. */
export function spacedJsonArray(text: string): string | null {
  if (!isJsonStringArray(text)) return null;
  const strings = text.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
  const spaced = `[${strings.join(', ')}]`;
  return JSON.stringify(JSON.parse(spaced)) === JSON.stringify(JSON.parse(text)) ? spaced : null;
}

/**
 * How the text of an instruction treats blanks where a continuation line
 * starts: 'shell' and 'words' separate words there (outside quotes), 'json'
 * outside strings; 'exact' instructions keep every blank.
 */
type JoinSyntax = 'shell' | 'words' | 'json' | 'exact';

function joinSyntax(joined: string, shell: ShellKind): JoinSyntax {
  const { keyword, rest } = splitKeyword(joined);
  const upper = keyword.toUpperCase();
  const args = rest.slice(argumentsStart(rest)).trim();
  switch (upper) {
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      if (isJsonStringArray(args)) return 'json';
      return shell === 'posix' && upper !== 'SHELL' ? 'shell' : 'exact';
    case 'HEALTHCHECK': {
      const command = args.replace(/^\S+\s*/, '');
      if (isJsonStringArray(command)) return 'json';
      return shell === 'posix' ? 'shell' : 'exact';
    }
    case 'COPY':
    case 'ADD':
    case 'VOLUME':
      return isJsonStringArray(args) ? 'json' : 'words';
    case 'FROM':
    case 'EXPOSE':
    case 'ARG':
      return 'words';
    case 'ENV':
    case 'LABEL':
      // `ENV key value` keeps the value's blanks; `ENV key=value …` is words.
      return args.split(/\s+/)[0].includes('=') ? 'words' : 'exact';
    case 'ONBUILD': {
      const trigger = joinSyntax(rest, 'other');
      return trigger === 'shell' ? 'exact' : trigger;
    }
    default:
      return 'exact';
  }
}

/** Continuation lines indented one level deeper than the instruction (deeper lines keep their nesting in levels). */
function indentEdits(context: FormatContext, statement: Statement, shell: ShellKind): OffsetEdit[] {
  if (statement.segments.length < 2) return [];
  const syntax = joinSyntax(statement.joined, shell);
  if (syntax === 'exact' || (syntax === 'shell' && !shellParses(context.model, statement))) return [];
  const { read, model, unit, tabSize } = context;
  const firstLine = read.lines[statement.firstLine];
  const instructionIndent = /^[ \t]*/.exec(firstLine.text)![0];
  const escapes = syntax === 'words' ? [...new Set([model.escapeChar, '\\'])] : ['\\'];
  const eligible: { segment: Segment; indent: string }[] = [];
  // Segments are in text order: one scan per escape character answers for all of them.
  const boundaries = escapes.map((escape) => wordBoundaries(statement.joined, syntax, escape));
  for (const segment of statement.segments.slice(1)) {
    const line = read.lines[segment.line];
    const indent = /^[ \t]*/.exec(line.text)![0];
    if (/^\s/.test(line.text.slice(indent.length)) && line.text.slice(indent.length) !== '') continue; // other blanks lead: leave it
    const before = statement.joined[segment.joined - 1];
    if (indent === '' && (before === undefined || !/[ \t]/.test(before))) continue; // joined without a blank: a word goes on
    if (!boundaries.map((isBoundary) => isBoundary(segment.joined)).every(Boolean)) continue;
    eligible.push({ segment, indent });
  }
  if (eligible.length === 0) return [];
  // Lines deeper than the first keep their nesting, in whole levels: the smallest extra depth is one level.
  const baseColumns = columns(eligible[0].indent, tabSize);
  const extras = eligible.map(({ indent }) => Math.max(0, columns(indent, tabSize) - baseColumns));
  const step = Math.min(...extras.filter((extra) => extra > 0));
  const edits: OffsetEdit[] = [];
  eligible.forEach(({ segment, indent }, i) => {
    const levels = extras[i] > 0 ? Math.round(extras[i] / step) : 0;
    const wanted = instructionIndent + unit.repeat(1 + levels);
    if (wanted !== indent) {
      const start = read.lines[segment.line].start;
      edits.push({ start, end: start + indent.length, text: wanted });
    }
  });
  return edits;
}

/** Each model's instructions by the line they start on (built once: every multi-line RUN asks). */
const instructionsByLine = new WeakMap<DockerfileModel, Map<number, Instruction>>();
function instructionStartingAt(model: DockerfileModel, line: number): Instruction | undefined {
  let byLine = instructionsByLine.get(model);
  if (!byLine) {
    byLine = new Map(model.ast.getInstructions().map((i) => [i.getRange().start.line, i]));
    instructionsByLine.set(model, byLine);
  }
  return byLine.get(line);
}

/**
 * True when the shell form's script parses: blanks between words are only
 * known to be separators in a script the shell can read.
 */
function shellParses(model: DockerfileModel, statement: Statement): boolean {
  const { keyword, rest } = splitKeyword(statement.joined);
  if (keyword.toUpperCase() === 'RUN') {
    const run = instructionStartingAt(model, statement.firstLine);
    const scripts = run ? model.shellScripts(run) : null;
    return scripts !== null && scripts.every((script) => !script.error);
  }
  let script = rest.slice(argumentsStart(rest));
  if (keyword.toUpperCase() === 'HEALTHCHECK') script = script.replace(/^\S+\s*/, '');
  return !parseShell(script, 0).error;
}

function columns(indent: string, tabSize: number): number {
  let column = 0;
  for (const ch of indent) column = ch === '\t' ? (Math.floor(column / tabSize) + 1) * tabSize : column + 1;
  return column;
}

/**
 * True when position `at` of the joined text is between words: not inside
 * quotes, a JSON string, `${…}`, `$(…)`, backticks or a shell comment.
 */
export function separatesWords(text: string, at: number, syntax: JoinSyntax, escape: string): boolean {
  return wordBoundaries(text, syntax, escape)(at);
}

/**
 * `separatesWords` for many positions of one text in a single pass: the
 * returned function must be asked in increasing order of position, and carries
 * its scan on from the last position asked.
 *
 * Why a scanner here and not mvdan/sh, the shell parser the rules use
 * (shell/shell.ts): the formatter re-indents only scripts mvdan/sh parses
 * (`shellParses`), so the parser stays the judge of what a script is; this
 * scanner only answers "is this blank between words". On that question the two
 * agree at all 21,606 continuation-line starts that follow a blank in the 1,115
 * multi-line shell-form RUNs of the 524 corpus Dockerfiles (measured 2026-12-03;
 * formatting.test.ts checks tricky scripts against the parser). Asking the
 * parser would need a second parse per instruction, with comments kept (the
 * cached parse drops them and keeps only the words of simple commands), and a
 * walk of its GopherJS node graph for every word span. The same scanner also
 * reads the `words` and `json` forms, which are not shell. Known difference: a
 * `case` pattern's `)` inside `$(…)` ends the substitution early here, which only
 * lets the formatter re-indent blanks between words of that inner script.
 */
function wordBoundaries(text: string, syntax: JoinSyntax, escape: string): (at: number) => boolean {
  let i = 0;
  if (syntax === 'json') {
    let inString = false;
    return (at) => {
      for (; i < at; i++) {
        if (inString && text[i] === '\\') i++;
        else if (text[i] === '"') inString = !inString;
      }
      return !inString;
    };
  }
  if (syntax === 'words') {
    let quote = '';
    return (at) => {
      for (; i < at; i++) {
        const ch = text[i];
        if (ch === escape && quote !== "'") i++;
        else if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
      }
      return quote === '';
    };
  }
  // POSIX shell: a stack of the constructs the position is nested in.
  const stack: string[] = [];
  let parens = 0;
  const parenStack: number[] = [];
  return (at) => {
    for (; i < at; i++) {
      const ch = text[i];
      const top = stack[stack.length - 1];
      if (top === "'") {
        if (ch === "'") stack.pop();
        continue;
      }
      if (top === '#') continue;
      if (ch === '\\') {
        i++;
        continue;
      }
      if (top === "$'") {
        if (ch === "'") stack.pop();
        continue;
      }
      if (ch === '$' && text[i + 1] === '(') {
        parenStack.push(parens);
        parens = 0;
        stack.push('$(');
        i++;
        continue;
      }
      if (ch === '$' && text[i + 1] === '{') {
        stack.push('${');
        i++;
        continue;
      }
      if (ch === '`') {
        if (top === '`') stack.pop();
        else stack.push('`');
        continue;
      }
      if (top === '"') {
        if (ch === '"') stack.pop();
        continue;
      }
      if (ch === '"') stack.push('"');
      else if (ch === "'") stack.push("'");
      else if (ch === '$' && text[i + 1] === "'") {
        stack.push("$'");
        i++;
      } else if (top === '${' && ch === '}') stack.pop();
      else if (top === '$(' && ch === '(') parens++;
      else if (top === '$(' && ch === ')') {
        if (parens === 0) {
          stack.pop();
          parens = parenStack.pop() ?? 0;
        } else parens--;
      } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) stack.push('#');
    }
    return stack.length === 0;
  };
}
