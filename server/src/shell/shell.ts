/**
 * A real shell parse of RUN commands, via mvdan/sh (the parser behind shfmt,
 * compiled to JavaScript). Rules see simple commands with their words and
 * document offsets, never regexes over raw lines.
 */
import { syntax, ShNode, ShParser, ShParseError } from 'mvdan-sh';

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
  /** Number of redirections (`> file`, `2>&1`) and of prefix assignments (`A=b cmd`). */
  redirects: number;
  assignments: number;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** True when the script has `#` comments (appending to such a line would comment the addition out). */
  hasComments: boolean;
  /** Set when the shell text could not be parsed; `commands` is then empty. */
  error?: { message: string; offset: number };
}

const BINARY_OPS: Record<number, ShellJoin> = { 10: '&&', 11: '||', 12: '|', 13: '|&' };

let parser: ShParser | undefined;
function getParser(): ShParser {
  parser ??= syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash));
  return parser;
}

/**
 * Parses `text`, which starts at document offset `base`. Offsets in the result
 * are document offsets. `text` must already have Dockerfile line continuations
 * and comment lines blanked out (see `prepareShellText`).
 */
export function parseShell(text: string, base: number): ShellScript {
  const toChar = byteToCharOffsets(text);
  let file: ShNode;
  try {
    file = getParser().Parse(text, '');
  } catch (err) {
    return { commands: [], hasComments: false, error: describeParseError(err, text, base, toChar) };
  }
  const commands: ShellCommand[] = [];
  collectStatements(asList(file['Stmts']), false, false, 'start', commands, base, toChar);
  let hasComments = false;
  syntax.Walk(file, (node) => {
    if (node && syntax.NodeType(node) === 'Comment') hasComments = true;
    return !hasComments;
  });
  return { commands, hasComments };
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

function asList(value: unknown): ShNode[] {
  return Array.isArray(value) ? (value as ShNode[]) : [];
}

function collectStatements(
  stmts: ShNode[],
  nested: boolean,
  inPipeline: boolean,
  firstJoin: ShellJoin,
  out: ShellCommand[],
  base: number,
  toChar: (b: number) => number,
): void {
  stmts.forEach((stmt, i) => {
    const join: ShellJoin = i === 0 ? firstJoin : separatorBetween(stmts[i - 1]);
    collectStatement(stmt, nested, inPipeline, join, out, base, toChar);
  });
}

function separatorBetween(previous: ShNode): ShellJoin {
  const semi = previous['Semicolon'] as { Offset(): number; IsValid?(): boolean } | undefined;
  try {
    if (semi && semi.Offset() > 0) return ';';
  } catch {
    // no semicolon position
  }
  return 'newline';
}

function collectStatement(
  stmt: ShNode,
  nested: boolean,
  inPipeline: boolean,
  join: ShellJoin,
  out: ShellCommand[],
  base: number,
  toChar: (b: number) => number,
): void {
  const cmd = stmt['Cmd'] as ShNode | null | undefined;
  if (!cmd) return;
  const type = syntax.NodeType(cmd);
  switch (type) {
    case 'CallExpr': {
      // A bare assignment (`A=1`) has no words but still changes the shell's state.
      const words = asList(cmd['Args']).map((w) => toShellWord(w, base, toChar));
      out.push({
        words,
        start: base + toChar(stmt.Pos().Offset()),
        end: base + toChar(statementEnd(stmt)),
        join,
        nested,
        inPipeline,
        redirects: asList(stmt['Redirs']).length,
        assignments: asList(cmd['Assigns']).length,
      });
      return;
    }
    case 'BinaryCmd': {
      const op = BINARY_OPS[cmd['Op'] as number] ?? '&&';
      const pipe = op === '|' || op === '|&';
      collectStatement(cmd['X'] as ShNode, nested, inPipeline || pipe, join, out, base, toChar);
      collectStatement(cmd['Y'] as ShNode, nested, inPipeline || pipe, op, out, base, toChar);
      return;
    }
    default: {
      // Compound commands: subshells, blocks, if/while/for/case, functions.
      // Their inner statements count as nested.
      const inner: ShNode[] = [];
      syntax.Walk(cmd, (node) => {
        if (!node || node === cmd) return true;
        if (syntax.NodeType(node) === 'Stmt') {
          inner.push(node);
          return false;
        }
        return true;
      });
      collectStatements(inner, true, inPipeline, join, out, base, toChar);
    }
  }
}

/** Where a statement ends, not counting a terminating `;`. */
function statementEnd(stmt: ShNode): number {
  const end = stmt.End().Offset();
  const semi = stmt['Semicolon'] as { Offset(): number } | undefined;
  try {
    if (semi && semi.Offset() > 0 && semi.Offset() === end - 1) return end - 1;
  } catch {
    // no semicolon
  }
  return end;
}

function toShellWord(word: ShNode, base: number, toChar: (b: number) => number): ShellWord {
  return {
    value: literalValue(word),
    start: base + toChar(word.Pos().Offset()),
    end: base + toChar(word.End().Offset()),
  };
}

/** The word's value when it has no expansions, with quoting removed. */
function literalValue(word: ShNode): string | null {
  let value = '';
  for (const part of asList(word['Parts'])) {
    switch (syntax.NodeType(part)) {
      case 'Lit':
        value += String(part['Value']).replace(/\\(.)/g, '$1');
        break;
      case 'SglQuoted':
        value += String(part['Value']);
        break;
      case 'DblQuoted':
        for (const inner of asList(part['Parts'])) {
          if (syntax.NodeType(inner) !== 'Lit') return null;
          value += String(inner['Value']).replace(/\\([$`"\\])/g, '$1');
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
  // eslint-disable-next-line no-control-regex
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
