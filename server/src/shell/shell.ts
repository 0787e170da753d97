/**
 * A real shell parse of RUN commands, via mvdan/sh (the parser behind shfmt,
 * compiled to JavaScript). Rules see simple commands with their words and
 * document offsets, never regexes over raw lines.
 */
import type { ShNode, ShParser, ShParseError } from 'mvdan-sh';
import { SizedCache } from '../util/sizedCache';
import { parseFast } from './fastParse';

export interface ShellWord {
  /** The literal value with quotes removed, or null when it depends on expansion. */
  value: string | null;
  /** Offsets in the document (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

/** How a command is joined to the command before it. */
export type ShellJoin = '&&' | '||' | '|' | '|&' | ';' | 'newline' | 'start';

export interface ShellCommand {
  /** Every word, the command name first; assignments (`A=b cmd`) are left out, so a bare `A=b` has none. */
  words: ShellWord[];
  /** Statement range in the document (offsets). */
  start: number;
  end: number;
  /** How the command is joined to the previous command in the same list. */
  join: ShellJoin;
  /** True when the command is nested in a subshell, function, `if`, loop and so on. */
  nested: boolean;
  /** True when the command is part of a pipeline (`a | b`). */
  inPipeline: boolean;
  /**
   * Set on the first command of the right side of a pipe (`join` is `|` or `|&`): the document
   * offset where the pipe's producer starts. The producer is the commands from there up to this
   * one: one simple command, or all the commands of a subshell, block, loop or `if`.
   */
  pipeProducerStart?: number;
  /** Set with `pipeProducerStart`: true when the right side of that pipe is this one simple command. */
  pipeConsumerSimple?: boolean;
  /**
   * Set with `pipeProducerStart`: true when the pipe's exit status is tested rather than able to
   * fail the script: it is (part of) an `if`, `while` or `until` condition, or negated with `!`.
   */
  pipeTested?: boolean;
  /** True when the command runs in the background (`cmd &`, or inside `( … ) &`). */
  background?: boolean;
  /** Number of redirections (`> file`, `2>&1`) and of prefix assignments (`A=b cmd`). */
  redirects: number;
  assignments: number;
}

/** A variable the script exports (`export A=1`, `export A`), in document order. */
export interface ShellExport {
  name: string;
  /** The literal value assigned, '' for `export A=`, null when none is assigned (`export A`) or it is not literal. */
  value: string | null;
  /** True when the export assigns a value (`A=…`). */
  assigns: boolean;
  /** The statement's range in the document (offsets). */
  start: number;
  end: number;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** The variables `export`ed by the script's statements; absent when there are none. */
  exports?: ShellExport[];
  /** True when the script has `#` comments (appending to such a line would comment the addition out). */
  hasComments: boolean;
  /** Set when the shell text could not be parsed; `commands` is then empty. */
  error?: { message: string; offset: number };
}

const BINARY_OPS: Record<number, ShellJoin> = { 10: '&&', 11: '||', 12: '|', 13: '|&' };

let parser: ShParser | undefined;
/**
 * mvdan-sh (1.5 MB of Go compiled to JavaScript, which builds thousands of
 * objects when it loads) is loaded at the first shell parse, not at start. The
 * server bundle keeps it in a file of its own (scripts/build.mjs).
 */
function getParser(): ShParser {
  if (!parser) {
    // Its runtime sets Error.stackTraceLimit to Infinity for the whole process: every error
    // would then record its full stack. Node's default is kept.
    const stackTraceLimit = Error.stackTraceLimit;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use, see above
    const { syntax } = require('mvdan-sh') as typeof import('mvdan-sh');
    Error.stackTraceLimit = stackTraceLimit;
    parser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  }
  return parser;
}

/**
 * Parses `text`, which starts at document offset `base`. Offsets in the result
 * are document offsets. `text` must already have Dockerfile line continuations
 * and comment lines blanked out (see `prepareShellText`).
 */
export function parseShell(text: string, base: number): ShellScript {
  // Parsing is the expensive part of linting a RUN; while someone types, most
  // RUNs keep their text, so parses are cached by text and only rebased.
  let relative = cache.get(text);
  const parsedBefore = relative !== undefined;
  if (!relative) {
    relative = parseUncached(text);
    cache.set(text, relative);
  }
  if (base === 0) return relative;
  // While someone types below a RUN, its offset stays: the last rebased copy serves again.
  const last = lastRebased.get(relative);
  if (last?.base === base) return last.script;
  const script = rebase(relative, base);
  // Only for a text met again: each version of the RUN being edited is met once, and a copy
  // beside each of them would double what the cache holds (400 edits in a 43 KB heredoc).
  if (parsedBefore) lastRebased.set(relative, { base, script });
  return script;
}

/** The last copy of a cached parse moved to a document offset (kept while the parse is cached). */
const lastRebased = new WeakMap<ShellScript, { base: number; script: ShellScript }>();

/**
 * What a cached parse costs, in bytes, roughly: its text, and per word and command the
 * objects that describe them (measured: a 43 KB script of 3,000 words and 1,000 commands
 * holds about 0.5 MB).
 */
function parseSize(text: string, script: ShellScript): number {
  let words = 0;
  for (const command of script.commands) words += command.words.length;
  return text.length + 150 * words + 60 * script.commands.length;
}

/**
 * Parses by text, bounded by size, not count (400 edits inside a 43 KB heredoc once
 * kept 400 parses, 0.5 MB each). 8 MB holds the RUN scripts of a Dockerfile of about
 * 700 KB, so typing there parses only the RUN being edited.
 */
const CACHE_BUDGET = 8 * 1024 * 1024;
const cache = new SizedCache<string, ShellScript>(CACHE_BUDGET, parseSize);

/** Forgets every cached parse (benchmarks measure lints that start from nothing). */
export function forgetShellParses(): void {
  cache.clear();
}

function rebase(script: ShellScript, base: number): ShellScript {
  return {
    hasComments: script.hasComments,
    error: script.error && { message: script.error.message, offset: script.error.offset + base },
    ...(script.exports
      ? { exports: script.exports.map((e) => ({ ...e, start: e.start + base, end: e.end + base })) }
      : {}),
    commands: script.commands.map((c) => {
      const moved: ShellCommand = {
        ...c,
        start: c.start + base,
        end: c.end + base,
        words: c.words.map((w) => ({ value: w.value, start: w.start + base, end: w.end + base })),
      };
      if (c.pipeProducerStart !== undefined) moved.pipeProducerStart = c.pipeProducerStart + base;
      return moved;
    }),
  };
}

function parseUncached(text: string): ShellScript {
  return parseSimpleList(text) ?? parseWithMvdan(text);
}

/** The parse through mvdan/sh (exported for the tests that compare it with `parseSimpleList`). */
export function parseWithMvdan(text: string): ShellScript {
  const toChar = byteToCharOffsets(text);
  let file: ShNode;
  try {
    file = getParser().Parse(text, '');
  } catch (err) {
    return { commands: [], hasComments: false, error: describeParseError(err, text, 0, toChar) };
  }
  const commands: ShellCommand[] = [];
  const exports: ShellExport[] = [];
  collectStatements(
    items<GoNode>(internal(file)['Stmts']),
    { nested: false, inPipeline: false, tested: false },
    'start',
    { commands, exports },
    0,
    toChar,
  );
  return { commands, ...(exports.length ? { exports } : {}), hasComments: hasShellComment(text, commands) };
}

/**
 * The same result as mvdan/sh for the commonest RUN scripts, without it (a hundred to a thousand times
 * faster): lists and pipelines of simple commands whose words are plain, quoted, or hold parameters,
 * `${NAME…}` operations and `$(…)`, with redirections to a word, prefix assignments, `export`, `!`, `&`,
 * comments, `{ … }`, `( … )`, `if`, `for`, `while`, `until`, `case` and functions (fastParse.ts, which 1,743 of
 * the 1,746 corpus RUN scripts pass). Null for anything else, such as heredocs and backquotes.
 * The unit tests check both agree on real scripts and random token strings.
 */
export function parseSimpleList(text: string): ShellScript | null {
  const parsed = parseFast(text);
  if (!parsed) return null;
  const { commands, exports } = parsed;
  return { commands, ...(exports.length ? { exports } : {}), hasComments: hasShellComment(text, commands) };
}

/** A `#` that starts a word outside every parsed word is a comment (words never contain one at their start). */
function hasShellComment(text: string, commands: ShellCommand[]): boolean {
  let from = text.indexOf('#');
  if (from < 0) return false;
  const words = commands.flatMap((c) => c.words).sort((a, b) => a.start - b.start);
  // The furthest end among the words starting at or before each word: whether a word covers an offset is then one binary search.
  const reach: number[] = [];
  words.forEach((w, i) => (reach[i] = Math.max(w.end, i ? reach[i - 1] : 0)));
  for (; from >= 0; from = text.indexOf('#', from + 1)) {
    if (from > 0 && !/\s/.test(text[from - 1])) continue;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (words[middle].start <= from) low = middle + 1;
      else high = middle;
    }
    if (low === 0 || reach[low - 1] <= from) return true;
  }
  return false;
}

function describeParseError(
  err: unknown,
  text: string,
  base: number,
  toChar: (byteOffset: number) => number,
): { message: string; offset: number } {
  const e = err as Partial<ShParseError> & { Pos?: { Offset(): number } };
  if (typeof e?.Error === 'function') {
    const full = e.Error();
    const message = full.replace(/^\d+:\d+: /, '');
    let offset = 0;
    try {
      offset = e.Pos ? e.Pos.Offset() : 0;
    } catch {
      offset = 0;
    }
    return { message, offset: base + toChar(Math.min(offset, Buffer.byteLength(text))) };
  }
  // A JavaScript error (for example the stack overflowing on absurd nesting).
  return { message: 'the shell command is too complex to analyse', offset: base };
}

/*
 * The tree is read through GopherJS's internal objects (`__internal_object__`):
 * going through the exported JavaScript wrappers copies every node on each
 * property access and was ten times slower than parsing itself. mvdan-sh is
 * pinned to one version, and the protocol tests fail loudly if this shape
 * ever changes.
 */
interface GoPos {
  Offset(): number;
  IsValid(): boolean;
}
interface GoNode {
  constructor: { string?: string };
  Pos(): GoPos;
  End(): GoPos;
  [field: string]: unknown;
}
interface GoSlice<T> {
  $array: T[];
  $offset: number;
  $length: number;
}

function items<T>(slice: unknown): T[] {
  const s = slice as GoSlice<T> | null | undefined;
  if (!s || !s.$array) return [];
  return s.$array.slice(s.$offset, s.$offset + s.$length);
}

function typeOf(node: unknown): string {
  return (node as GoNode | null)?.constructor?.string ?? '';
}

/** Go strings are byte strings in GopherJS; decode UTF-8 when needed. */
function goString(value: unknown): string {
  const text = String(value ?? '');
  return /[\x80-\xff]/.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

function internal(file: ShNode): GoNode {
  const node = (file as unknown as { __internal_object__?: GoNode }).__internal_object__;
  if (!node) throw new Error('mvdan-sh changed shape: no __internal_object__');
  return node;
}

/** Where the statements being collected sit. */
interface Context {
  nested: boolean;
  inPipeline: boolean;
  tested: boolean;
}

/** What a walk collects: the simple commands, and the exports of `export` statements. */
interface Collected {
  commands: ShellCommand[];
  exports: ShellExport[];
}

function collectStatements(
  stmts: GoNode[],
  context: Context,
  firstJoin: ShellJoin,
  out: Collected,
  base: number,
  toChar: (b: number) => number,
  testedStmts?: Set<GoNode>,
): void {
  const tasks: Task[] = [];
  pushStatements(tasks, stmts, context, firstJoin, testedStmts);
  runTasks(tasks, out, base, toChar);
}

/**
 * What is left to collect, as a stack (the next task on top). The tree is
 * walked with this explicit stack rather than by recursion: a long `&&` chain
 * nests one binary command per operator, deeper than the call stack goes.
 */
type Task = { stmt: GoNode; outer: Context; join: ShellJoin; backgroundDone: boolean } | (() => void);

/** Pushes the statements of a list so that they are collected in order. */
function pushStatements(
  tasks: Task[],
  stmts: GoNode[],
  context: Context,
  firstJoin: ShellJoin,
  testedStmts?: Set<GoNode>,
): void {
  for (let i = stmts.length - 1; i >= 0; i--) {
    const join: ShellJoin = i === 0 ? firstJoin : separatorBetween(stmts[i - 1]);
    const tested = context.tested || (testedStmts?.has(stmts[i]) ?? false);
    tasks.push({
      stmt: stmts[i],
      outer: tested === context.tested ? context : { ...context, tested },
      join,
      backgroundDone: false,
    });
  }
}

function separatorBetween(previous: GoNode): ShellJoin {
  const semi = previous['Semicolon'] as GoPos | undefined;
  return semi && semi.IsValid() ? ';' : 'newline';
}

/** Where a statement ends, not counting a terminating `;`. */
function statementEnd(stmt: GoNode): number {
  const end = stmt.End().Offset();
  const semi = stmt['Semicolon'] as GoPos | undefined;
  if (semi && semi.IsValid() && semi.Offset() === end - 1) return end - 1;
  return end;
}

function runTasks(tasks: Task[], out: Collected, base: number, toChar: (b: number) => number): void {
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    if (typeof task === 'function') task();
    else collectStatement(task.stmt, task.outer, task.join, task.backgroundDone, tasks, out, base, toChar);
  }
}

/** Collects one statement's own command, and pushes the tasks for the statements inside it. */
function collectStatement(
  stmt: GoNode,
  outer: Context,
  join: ShellJoin,
  backgroundDone: boolean,
  tasks: Task[],
  collected: Collected,
  base: number,
  toChar: (b: number) => number,
): void {
  const out = collected.commands;
  const cmd = stmt['Cmd'] as GoNode | null | undefined;
  if (!cmd) return;
  if (stmt['Background'] === true && !backgroundDone) {
    // Collect as usual, then mark every command of the statement.
    const first = out.length;
    tasks.push(() => {
      for (let i = first; i < out.length; i++) out[i].background = true;
    });
    tasks.push({ stmt, outer, join, backgroundDone: true });
    return;
  }
  // Then, like any other clause, the commands nested in it (`export V=$(cat /version)`).
  if (typeOf(cmd) === '*syntax.DeclClause' && goString((cmd['Variant'] as GoNode | null)?.['Value']) === 'export')
    collectExports(cmd, stmt, collected.exports, base, toChar);
  const context = stmt['Negated'] === true && !outer.tested ? { ...outer, tested: true } : outer;
  const { nested, inPipeline, tested } = context;
  switch (typeOf(cmd)) {
    case '*syntax.CallExpr': {
      // A bare assignment (`A=1`) has no words but still changes the shell's state.
      const words = items<GoNode>(cmd['Args']).map((w) => toShellWord(w, base, toChar));
      out.push({
        words,
        start: base + toChar(stmt.Pos().Offset()),
        end: base + toChar(statementEnd(stmt)),
        join,
        nested,
        inPipeline,
        redirects: items(stmt['Redirs']).length,
        assignments: items(cmd['Assigns']).length,
      });
      return;
    }
    case '*syntax.BinaryCmd': {
      const op = BINARY_OPS[cmd['Op'] as number] ?? '&&';
      const pipe = op === '|' || op === '|&';
      const sides = pipe && !inPipeline ? { ...context, inPipeline: true } : context;
      // In order: the left side, then the right side, then (for a pipe) marking the right side's first command.
      let first = 0;
      if (pipe) {
        tasks.push(() => {
          if (!out[first]) return;
          out[first].pipeProducerStart =
            base +
            toChar(
              pipeProducer(cmd['X'] as GoNode)
                .Pos()
                .Offset(),
            );
          out[first].pipeConsumerSimple = typeOf((cmd['Y'] as GoNode)['Cmd']) === '*syntax.CallExpr';
          out[first].pipeTested = tested;
        });
      }
      tasks.push({ stmt: cmd['Y'] as GoNode, outer: sides, join: op, backgroundDone: false });
      if (pipe) tasks.push(() => (first = out.length));
      tasks.push({ stmt: cmd['X'] as GoNode, outer: sides, join, backgroundDone: false });
      return;
    }
    default:
      // Compound commands: subshells, blocks, if/while/for/case, functions.
      pushStatements(tasks, innerStatements(cmd), { ...context, nested: true }, join, conditionStatements(cmd));
  }
}

/** The statements of the conditions of an `if` (and its `elif`s), `while` or `until`. */
function conditionStatements(cmd: GoNode): Set<GoNode> | undefined {
  const type = typeOf(cmd);
  if (type !== '*syntax.IfClause' && type !== '*syntax.WhileClause') return undefined;
  const found = new Set<GoNode>();
  for (
    let clause: GoNode | null = cmd;
    clause && !isNil(clause);
    clause = type === '*syntax.IfClause' ? ((clause['Else'] as GoNode | null | undefined) ?? null) : null
  ) {
    for (const stmt of items<GoNode>(clause['Cond'])) found.add(stmt);
  }
  return found;
}

/** A Go nil pointer (such as the `Else` of the last `if` clause): reading its fields throws. */
function isNil(node: GoNode): boolean {
  return (node.constructor as unknown as { nil?: unknown }).nil === node;
}

/** The statement a pipe reads from: in `a | b | c` (parsed as `(a | b) | c`), the producer of `c` is `b`. */
function pipeProducer(stmt: GoNode): GoNode {
  for (;;) {
    const cmd = stmt['Cmd'] as GoNode | null | undefined;
    if (!cmd || typeOf(cmd) !== '*syntax.BinaryCmd') return stmt;
    const op = BINARY_OPS[cmd['Op'] as number];
    if (op !== '|' && op !== '|&') return stmt;
    stmt = cmd['Y'] as GoNode;
  }
}

/** The statements directly inside a compound command, in source order. */
function innerStatements(node: GoNode): GoNode[] {
  const found: GoNode[] = [];
  const seen = new Set<unknown>();
  const stack: unknown[] = [node];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (value !== node && typeOf(value) === '*syntax.Stmt') {
      found.push(value as GoNode);
      continue;
    }
    if ('$array' in value) {
      stack.push(...items(value));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key !== '$val') stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return found.sort((a, b) => a.Pos().Offset() - b.Pos().Offset());
}

/** The variables of one `export` statement: `A=1`, `A`, and the quoted `"A=1"` form. */
function collectExports(
  clause: GoNode,
  stmt: GoNode,
  exports: ShellExport[],
  base: number,
  toChar: (b: number) => number,
): void {
  const start = base + toChar(stmt.Pos().Offset());
  const end = base + toChar(statementEnd(stmt));
  for (const assign of items<GoNode>(clause['Args'])) {
    const present = (node: unknown): GoNode | null => (node && !isNil(node as GoNode) ? (node as GoNode) : null);
    const name = present(assign['Name']);
    const word = present(assign['Value']);
    if (name) {
      exports.push({
        name: goString(name['Value']),
        value: word ? literalValue(word) : assign['Naked'] === true ? null : '',
        assigns: assign['Naked'] !== true,
        start,
        end,
      });
      continue;
    }
    // `export "A=$x"`: a word that assigns when its text has a literal name and `=`.
    const text = word ? literalValue(word) : null;
    const match = text === null ? null : /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
    if (match) exports.push({ name: match[1], value: match[2], assigns: true, start, end });
  }
}

function toShellWord(word: GoNode, base: number, toChar: (b: number) => number): ShellWord {
  return {
    value: literalValue(word),
    start: base + toChar(word.Pos().Offset()),
    end: base + toChar(word.End().Offset()),
  };
}

/** The word's value when it has no expansions, with quoting removed. */
function literalValue(word: GoNode): string | null {
  let value = '';
  for (const part of items<GoNode>(word['Parts'])) {
    switch (typeOf(part)) {
      case '*syntax.Lit':
        value += goString(part['Value']).replace(/\\(.)/g, '$1');
        break;
      case '*syntax.SglQuoted':
        value += goString(part['Value']);
        break;
      case '*syntax.DblQuoted':
        for (const inner of items<GoNode>(part['Parts'])) {
          if (typeOf(inner) !== '*syntax.Lit') return null;
          value += goString(inner['Value']).replace(/\\([$`"\\])/g, '$1');
        }
        break;
      default:
        return null;
    }
  }
  return value;
}

/** mvdan/sh reports UTF-8 byte offsets; the document wants UTF-16 offsets. */
function byteToCharOffsets(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex -- every character outside ASCII, NUL included
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const map: number[] = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k++) map[byte + k] = i;
    byte += size;
    if (code >= 0x10000) i++;
  }
  map[byte] = text.length;
  return (b) => map[b] ?? text.length;
}

/** A command's name and arguments once wrappers such as `sudo` or `env A=b` are stripped. */
export function effectiveWords(command: ShellCommand): ShellWord[] {
  let words = command.words;
  for (;;) {
    const head = words[0]?.value;
    if (head === 'sudo' || head === 'command' || head === 'exec' || head === 'nohup' || head === 'time') {
      words = words.slice(1);
      while (words[0]?.value?.startsWith('-')) words = words.slice(1);
    } else if (head === 'env') {
      words = words.slice(1);
      while (words[0]?.value && (words[0].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value))) {
        words = words.slice(1);
      }
    } else {
      return words;
    }
  }
}

/** The command name, without any directory (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(words: ShellWord[]): string | null {
  const head = words[0]?.value;
  if (head == null) return null;
  const slash = head.lastIndexOf('/');
  return slash >= 0 ? head.slice(slash + 1) : head;
}
