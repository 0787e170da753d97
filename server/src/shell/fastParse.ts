/**
 * A parser for the shell scripts most RUN instructions hold, which gives exactly
 * what mvdan/sh and our conversion of its tree give (shell.ts), a hundred times
 * faster, and declines (null) everything else. It takes lists and pipelines of
 * simple commands, `$(…)`, `${NAME…}` operations, `export`, `{ … }`, `( … )`,
 * `if`, `for … in`, `while`, `until`, `case`, `NAME() { … }`, `!`, `&`, comments
 * and line continuations; it declines heredocs, backquotes, `$((…))`, `[[ … ]]`,
 * `<(…)`, declarations other than `export`, and any syntax error. The unit
 * tests compare the two on real scripts and on random scripts.
 */
import type { ShellCommand, ShellExport, ShellJoin, ShellWord } from './shell';

/** What the fast parse gives: the script's commands and exports, as `parseWithMvdan` collects them. */
export interface FastParse {
  commands: ShellCommand[];
  exports: ShellExport[];
}

/** A word: its place, literal value, and the statements of the `$(…)` in it (outside nested statements). */
interface Word extends ShellWord {
  stmts: readonly Stmt[];
}

/** One element of a pipeline: mvdan/sh's statement holding one command. */
interface Element {
  /** The statement's position (for the first element of a negated pipeline, the `!`). */
  pos: number;
  /** Where its command and redirections end. */
  end: number;
  kind: 'call' | 'compound' | 'export';
  words: ShellWord[];
  assignments: number;
  redirects: number;
  /** The statements directly inside a compound command or `export`, in source order. */
  inner: Stmt[];
  /** Statements of `if`, `while` and `until` conditions. */
  cond?: Set<Stmt>;
  exports?: { name: string; value: string | null; assigns: boolean }[];
}

interface Pipeline {
  negated: boolean;
  elements: Element[];
}

/** A statement of a list: pipelines joined by `&&` and `||`, ended by `;`, `&`, a newline or the list's end. */
interface Stmt {
  pos: number;
  /** As `statementEnd` in shell.ts: at a terminating `;` or `&`, else where its last element ends. */
  end: number;
  semi: boolean;
  background: boolean;
  pipelines: Pipeline[];
  /** The operator before each pipeline after the first. */
  ops: ShellJoin[];
}

/** The statements of a word without `$(…)` (never written to). */
const NO_STMTS: readonly Stmt[] = [];

/**
 * Thrown when the text holds anything left to mvdan/sh: one object made once (no stack to record per throw).
 * Made without a stack trace: the one it would record, at the bundle's start, kept the bytecode of the
 * bundle's whole top-level code alive (0.4 MB of heap in the language server).
 */
const DECLINE = withoutStack(() => new Error('left to mvdan/sh'));

function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function decline(): never {
  throw DECLINE;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Parameters that are one character long (`$1`, `$@`, `$?`…). */
const SPECIAL_PARAMETER = /[0-9@*#?$!-]/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
/** Words that open or close shell syntax where a command name is expected, or that are clauses of their own. */
const RESERVED = new Set([
  ...['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in'],
  ...['select', 'function', 'time', 'coproc', '[[', ']]', '{', '}', '!'],
  ...['declare', 'local', 'export', 'readonly', 'typeset', 'nameref', 'let'],
]);
/** `${NAME<op>word}` operators. */
const PARAM_OPS = [':-', ':=', ':+', ':?', '##', '%%', '//', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', '^', ','];
/** Characters a `${…}` operation's word may hold unquoted (checked against mvdan/sh by the tests). */
const PARAM_WORD_CHARS = new Set([
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,=-*?[]~^#/ ',
]);
/** The ASCII characters a word may hold unquoted, by code. */
const WORD_ASCII = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,=-*?[]~^{}!')
  WORD_ASCII[ch.charCodeAt(0)] = 1;

/** Characters a word may hold unquoted: none is an operator, quote, expansion, comment or blank. */
function isWordChar(code: number): boolean {
  // Outside ASCII, any character but half of a surrogate pair; NaN (past the end) is none.
  return code < 128 ? WORD_ASCII[code] === 1 : code < 0xd800 || code > 0xdfff;
}

/** A character that a backslash outside quotes may escape here: printable ASCII. */
function isPlainEscape(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

function isBlank(ch: string | undefined): boolean {
  // mvdan/sh reads a carriage return (CRLF line ends) as a blank.
  return ch === ' ' || ch === '\t' || ch === '\r';
}

/** Whether the character (undefined at the end of the text) ends a word. */
function endsWord(ch: string | undefined): boolean {
  return (
    ch === undefined ||
    isBlank(ch) ||
    ch === '\n' ||
    ch === ';' ||
    ch === '&' ||
    ch === '|' ||
    ch === '<' ||
    ch === '>' ||
    ch === ')'
  );
}

/** Whether the word from `start` to `end` ends with a digit or `}` (`{fd}>`) that touches a `<` or `>`. */
function endsWithDescriptor(text: string, start: number, end: number): boolean {
  const code = text.charCodeAt(end - 1);
  return end > start && ((code >= 0x30 && code <= 0x39) || code === 0x7d) && (text[end] === '<' || text[end] === '>');
}

/** Where the word of a redirection operator at `i` may start, or 0 when there is none at `i` (heredocs, `<(…)`, `>&` and `&` alone are left out). */
function redirectionAt(text: string, i: number): number {
  const rest = text.slice(i, i + 4);
  const op = /^(?:&>>|&>|>>|>\||>&|<<<|<&|<>|>|<)/.exec(rest)?.[0];
  if (!op) return 0;
  const after = text[i + op.length];
  if (after === '(' || (op === '<' && after === '<')) return 0;
  return i + op.length;
}

/** Parses `text`; null when it holds anything left to mvdan/sh. */
export function parseFast(text: string): FastParse | null {
  let stmts: Stmt[];
  try {
    const parser = new Parser(text);
    stmts = parser.list(null, true);
    if (parser.i < text.length) return null;
  } catch (err) {
    if (err === DECLINE || err instanceof RangeError) return null; // RangeError: nesting deeper than the stack
    throw err;
  }
  const out: FastParse = { commands: [], exports: [] };
  convertList(stmts, 'start', { nested: false, inPipeline: false, tested: false }, out);
  return out;
}

/** What closes a list: a keyword at a command's place, or `)`. */
type Closer = ReadonlySet<string> | ')' | null;
const THEN = new Set(['then']);
const AFTER_THEN = new Set(['elif', 'else', 'fi']);
const FI = new Set(['fi']);
const DO = new Set(['do']);
const DONE = new Set(['done']);
const BRACE = new Set(['}']);
/** The body of a `case` item: up to `;;` or `esac`, and it may be empty. */
const CASE_BODY = new Set(['esac']);

class Parser {
  i = 0;
  constructor(private readonly text: string) {}

  /** Skips blanks, line continuations after a blank, and a comment: a `#` at the start of a line or after a blank. */
  private blanks(): void {
    const text = this.text;
    for (;;) {
      const ch = text[this.i];
      const afterBlank = this.i === 0 || isBlank(text[this.i - 1]) || text[this.i - 1] === '\n';
      if (isBlank(ch)) this.i++;
      // A line continuation between words (`apt-get install \⏎ curl`, in heredoc scripts).
      else if (ch === '\\' && text[this.i + 1] === '\n' && afterBlank) this.i += 2;
      else if (ch === '#' && afterBlank) {
        const end = text.indexOf('\n', this.i);
        if (end > 0 && text[end - 1] === '\\') decline(); // mvdan/sh continues a comment after a `\`
        this.i = end < 0 ? text.length : end;
      } else return;
    }
  }

  /** Skips blanks, comments and newlines. */
  private lines(): void {
    for (;;) {
      this.blanks();
      if (this.text[this.i] !== '\n') return;
      this.i++;
    }
  }

  /** The keyword at `i` if a word there is exactly one of the reserved words (then followed by a blank, newline or operator). */
  private keywordAt(): string | null {
    const text = this.text;
    let k = this.i;
    // Reserved words are made of a-z, `[`, `]`, `{`, `}` and `!`, and none is longer than 8.
    for (
      let c = text.charCodeAt(k);
      (c >= 0x61 && c <= 0x7d && c !== 0x7c) || c === 0x5b || c === 0x5d || c === 0x21;
    ) {
      if (++k - this.i > 8) return null;
      c = text.charCodeAt(k);
    }
    if (k === this.i) return null;
    const word = text.slice(this.i, k);
    if (!RESERVED.has(word)) return null;
    const after = text[k];
    if (after === undefined || isBlank(after) || after === '\n' || after === ';' || after === '&' || after === '|')
      return word;
    // `$(if a; then b; fi)`: a closing word touching the `)` of a command substitution or subshell.
    if (after === ')' && (word === 'fi' || word === 'done' || word === 'esac' || word === '}')) return word;
    if (after === ')' || after === '<' || after === '>' || after === '(') decline();
    return null; // a longer word (`done_x`, `{a,b}`)
  }

  /**
   * Reads statements up to `closer` (left unread) or, at the top (`top`), the end of the text.
   * A list is never empty.
   */
  list(closer: Closer, top = false): Stmt[] {
    const text = this.text;
    const stmts: Stmt[] = [];
    for (;;) {
      this.lines();
      if (this.i >= text.length) {
        if (!top) decline();
        return stmts;
      }
      if (closer === ')' && text[this.i] === ')') break;
      if (closer === CASE_BODY && text.startsWith(';;', this.i)) break;
      if (closer !== null && closer !== ')') {
        const keyword = this.keywordAt();
        if (keyword !== null && closer.has(keyword)) break;
      }
      const stmt = this.statement();
      stmts.push(stmt);
      // After a statement: `;`, `&`, a newline, the closer or the end.
      this.blanks();
      const ch = text[this.i];
      if (ch === ';') {
        if (text[this.i + 1] === ';' && closer === CASE_BODY) break;
        if (text[this.i + 1] === ';' || text[this.i + 1] === '&') decline();
        stmt.semi = true;
        stmt.end = this.i;
        this.i++;
      } else if (ch === '&') {
        stmt.semi = true;
        stmt.background = true;
        stmt.end = this.i;
        this.i++;
      } else if (ch === ')') {
        if (closer !== ')') decline();
        break;
      } else if (ch !== '\n' && ch !== undefined) {
        decline();
      }
    }
    if (stmts.length === 0 && closer !== CASE_BODY) decline();
    return stmts;
  }

  /** Pipelines joined by `&&` and `||`. */
  private statement(): Stmt {
    const text = this.text;
    const pipelines = [this.pipeline()];
    const ops: ShellJoin[] = [];
    for (;;) {
      this.blanks();
      const op = text.startsWith('&&', this.i) ? '&&' : text.startsWith('||', this.i) ? '||' : null;
      if (!op) break;
      this.i += 2;
      this.lines();
      ops.push(op);
      pipelines.push(this.pipeline());
    }
    const last = pipelines[pipelines.length - 1].elements;
    return {
      pos: pipelines[0].elements[0].pos,
      end: last[last.length - 1].end,
      semi: false,
      background: false,
      pipelines,
      ops,
    };
  }

  private pipeline(): Pipeline {
    const text = this.text;
    let negated = false;
    let negation = -1;
    if (text[this.i] === '!' && isBlank(text[this.i + 1])) {
      negated = true;
      negation = this.i;
      this.i++;
      this.blanks();
    }
    const elements = [this.element()];
    if (negated) elements[0].pos = negation;
    for (;;) {
      this.blanks();
      if (text[this.i] !== '|' || text[this.i + 1] === '|' || text[this.i + 1] === '&') break;
      this.i++;
      this.lines();
      elements.push(this.element());
    }
    return { negated, elements };
  }

  /** One command: a compound command, an `export`, or a simple command. */
  private element(): Element {
    const text = this.text;
    const start = this.i;
    const ch = text[start];
    if (ch === '(') {
      if (text[start + 1] === '(') decline(); // arithmetic
      this.i++;
      const inner = this.list(')');
      this.i++; // the `)`
      return this.compoundEnd(start, inner);
    }
    if (NAME_START.test(ch)) {
      let k = start + 1;
      while (NAME_CHAR.test(text[k] ?? '')) k++;
      if (text[k] === '(' && text[k + 1] === ')') return this.functionDeclaration(start, k + 2);
    }
    const keyword = this.keywordAt();
    if (keyword !== null) {
      this.i += keyword.length;
      switch (keyword) {
        case '{': {
          const inner = this.list(BRACE);
          this.i++;
          return this.compoundEnd(start, inner);
        }
        case 'if':
          return this.ifClause(start);
        case 'while':
        case 'until': {
          const cond = this.list(DO);
          this.i += 2;
          const body = this.list(DONE);
          this.i += 4;
          return this.compoundEnd(start, [...cond, ...body], new Set(cond));
        }
        case 'case':
          return this.caseClause(start);
        case 'for':
          return this.forClause(start);
        case 'export':
          return this.exportClause(start);
        default:
          decline();
      }
    }
    return this.simpleCommand();
  }

  /**
   * `NAME() { … }` ending its statement: mvdan/sh makes the body one statement holding the block. (It would
   * also take a pipe or `&&` after the block into the body; those are left to it, with redirections.)
   */
  private functionDeclaration(start: number, after: number): Element {
    const text = this.text;
    this.i = after;
    this.blanks();
    if (this.keywordAt() !== '{') decline();
    const block = this.element();
    const ch = text[this.i];
    if (block.redirects > 0 || !(ch === undefined || ch === '\n' || ch === ';')) decline();
    if (ch === ';' && (text[this.i + 1] === ';' || text[this.i + 1] === '&')) decline();
    const body: Stmt = {
      pos: block.pos,
      end: block.end,
      semi: false,
      background: false,
      pipelines: [{ negated: false, elements: [block] }],
      ops: [],
    };
    return { pos: start, end: block.end, kind: 'compound', words: [], assignments: 0, redirects: 0, inner: [body] };
  }

  private ifClause(start: number): Element {
    const inner: Stmt[] = [];
    const cond = new Set<Stmt>();
    for (;;) {
      // After `if` or `elif`: the condition, `then`, the body.
      for (const stmt of this.list(THEN)) {
        inner.push(stmt);
        cond.add(stmt);
      }
      this.i += 4;
      inner.push(...this.list(AFTER_THEN));
      const keyword = this.keywordAt();
      this.i += keyword!.length;
      if (keyword === 'fi') break;
      if (keyword === 'else') {
        inner.push(...this.list(FI));
        this.i += 2;
        break;
      }
    }
    return this.compoundEnd(start, inner, cond);
  }

  private forClause(start: number): Element {
    const text = this.text;
    this.blanks();
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(this.i, this.i + 256))?.[0];
    if (!name) decline();
    this.i += name.length;
    this.blanks();
    const inner: Stmt[] = [];
    if (this.keywordAt() !== 'in') decline();
    this.i += 2;
    let count = 0;
    for (;;) {
      this.blanks();
      const ch = text[this.i];
      if (ch === ';' || ch === '\n') break;
      if (ch === undefined || ch === '&' || ch === '|' || ch === '<' || ch === '>' || ch === '(' || ch === ')')
        decline();
      const word = this.word();
      if (endsWithDescriptor(text, word.start, word.end)) decline();
      inner.push(...word.stmts);
      count++;
    }
    if (count === 0) decline();
    this.i++;
    this.lines();
    if (this.keywordAt() !== 'do') decline();
    this.i += 2;
    inner.push(...this.list(DONE));
    this.i += 4;
    return this.compoundEnd(start, inner);
  }

  /** `case WORD in PATTERN) LIST ;; … esac`, whose items end with `;;` (the last one may end at `esac`). */
  private caseClause(start: number): Element {
    const text = this.text;
    this.blanks();
    const subject = this.word();
    const inner = [...subject.stmts];
    this.blanks();
    if (this.keywordAt() !== 'in') decline();
    this.i += 2;
    for (;;) {
      this.lines();
      if (this.keywordAt() === 'esac') break;
      if (text[this.i] === '(') {
        this.i++;
        this.blanks();
      }
      for (;;) {
        const pattern = this.word();
        inner.push(...pattern.stmts);
        this.blanks();
        if (text[this.i] === ')') break;
        if (text[this.i] !== '|') decline();
        this.i++;
        this.blanks();
      }
      this.i++; // the `)`
      inner.push(...this.list(CASE_BODY));
      if (text.startsWith(';;', this.i)) {
        if (text[this.i + 2] === '&') decline();
        this.i += 2;
      } else break; // `esac`
    }
    this.lines();
    if (this.keywordAt() !== 'esac') decline();
    this.i += 4;
    return this.compoundEnd(start, inner);
  }

  /** `export NAME=word NAME …` with no other forms (flags, quoted assignments, `+=`, redirections). */
  private exportClause(start: number): Element {
    const text = this.text;
    const inner: Stmt[] = [];
    const exports: Element['exports'] = [];
    let end = this.i;
    for (;;) {
      this.blanks();
      const ch = text[this.i];
      if (ch === '&' && text[this.i + 1] === '>') decline(); // mvdan/sh reads no redirection after `export`
      if (ch === undefined || ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === ')') break;
      if (ch === '<' || ch === '>' || ch === '(') decline();
      const word = this.word();
      if (endsWithDescriptor(text, word.start, word.end)) decline();
      const raw = text.slice(word.start, word.end);
      const assignment = ASSIGNMENT.exec(raw);
      if (assignment) {
        const name = assignment[0].slice(0, -1);
        if (name.endsWith('+') || text[word.start + assignment[0].length] === '(') decline();
        exports.push({ name, value: word.value === null ? null : word.value.slice(name.length + 1), assigns: true });
      } else if (NAME.test(raw)) {
        exports.push({ name: raw, value: null, assigns: false });
      } else {
        decline();
      }
      inner.push(...word.stmts);
      end = word.end;
    }
    if (exports.length === 0) decline();
    return { pos: start, end, kind: 'export', words: [], assignments: 0, redirects: 0, inner, exports };
  }

  /** After a compound command's closing word: its redirections, then an operator, a newline or the end. */
  private compoundEnd(start: number, inner: Stmt[], cond?: Set<Stmt>): Element {
    const text = this.text;
    let end = this.i;
    let redirects = 0;
    for (;;) {
      this.blanks();
      const target = this.redirection();
      if (target === null) break;
      redirects++;
      end = target;
    }
    const ch = text[this.i];
    if (!(ch === undefined || ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === ')')) decline();
    return {
      pos: start,
      end,
      kind: 'compound',
      words: [],
      assignments: 0,
      redirects,
      inner,
      ...(cond ? { cond } : {}),
    };
  }

  /** A redirection at `i` (with a file descriptor first or not): where it ends, or null when there is none. */
  private redirection(): number | null {
    const text = this.text;
    let k = this.i;
    while (text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
    // A file descriptor touches `<` or `>` (`2>&1`); `10&>f` is the word `10`, then a redirection.
    if (k > this.i && text[k] !== '<' && text[k] !== '>') return null;
    const c = text.charCodeAt(k);
    if (c !== 0x3c && c !== 0x3e && c !== 0x26) return null; // no `<`, `>` or `&`
    const operator = redirectionAt(text, k);
    if (!operator) {
      if (k > this.i && (text[k] === '<' || text[k] === '>')) decline();
      return null;
    }
    k = operator;
    while (isBlank(text[k])) k++;
    if (k >= text.length || text[k] === '#') decline();
    this.i = k;
    const target = this.word();
    if (target.end === k || endsWithDescriptor(text, k, target.end)) decline();
    return target.end;
  }

  /** Words, prefix assignments and redirections up to an operator, a newline or `)`. */
  private simpleCommand(): Element {
    const text = this.text;
    const start = this.i;
    const words: ShellWord[] = [];
    let assignments = 0;
    let redirects = 0;
    let lastEnd = -1;
    for (;;) {
      this.blanks();
      const ch = text[this.i];
      if (
        ch === undefined ||
        ch === '\n' ||
        ch === ';' ||
        ch === ')' ||
        ch === '|' ||
        (ch === '&' && text[this.i + 1] !== '>')
      )
        break;
      if (ch === '(') decline();
      const redirected = this.redirection();
      if (redirected !== null) {
        redirects++;
        lastEnd = redirected;
        continue;
      }
      const wordStart = this.i;
      const word = this.word();
      // `''2>f`, `a2>f`: a word that ends with a digit touching `<` or `>`; not worth telling apart.
      if (endsWithDescriptor(text, wordStart, word.end)) decline();
      if (words.length === 0) {
        const raw = text.slice(wordStart, word.end);
        const assignment = ASSIGNMENT.exec(raw);
        if (assignment) {
          if (text[wordStart + assignment[0].length] === '(') decline(); // an array
          assignments++;
          lastEnd = word.end;
          continue;
        }
        // `a[1]=x` assigns to an array element; `{` and `}` open and close blocks; reserved words after
        // assignments or redirections (and keywords such as `then` out of place) are left to mvdan/sh.
        if (/^[A-Za-z_][A-Za-z0-9_]*\[/.test(raw) || (raw.includes('[') && raw.includes('='))) decline();
        if (raw.startsWith('{') || raw.startsWith('}') || RESERVED.has(raw)) decline();
      }
      words.push({ value: word.value, start: word.start, end: word.end });
      lastEnd = word.end;
    }
    // A statement of redirections alone has no command in mvdan/sh's tree.
    if (words.length === 0 && assignments === 0) decline();
    return { pos: start, end: lastEnd, kind: 'call', words, assignments, redirects, inner: [] };
  }

  /**
   * Reads the word at `i`: plain characters, backslash escapes, `'…'`, `"…"`, `$NAME`, `${NAME}`,
   * `${NAME<op>word}`, `${#NAME}`, one-character parameters and `$(…)`. Declines anything else
   * (backquotes, `$((…))`, `$'…'`, globs with parentheses, line continuations).
   */
  private word(): Word {
    const text = this.text;
    const start = this.i;
    let value: string | null = '';
    let stmts: Stmt[] | undefined;
    /** Whether the character before `i` is a plain one: only then is a `#` part of the word (mvdan/sh). */
    let afterPlain = false;
    while (this.i < text.length) {
      const i = this.i;
      const ch = text[i];
      const code = text.charCodeAt(i);
      if (isWordChar(code) || (ch === '#' && afterPlain)) {
        // A run of plain characters (a `#` after a plain one is plain too).
        let k = i + 1;
        for (let c = text.charCodeAt(k); isWordChar(c) || c === 0x23; c = text.charCodeAt(k)) k++;
        if (value !== null) value += text.slice(i, k);
        this.i = k;
        afterPlain = true;
        continue;
      }
      afterPlain = false;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === undefined || !isPlainEscape(text.charCodeAt(i + 1))) decline();
        if (value !== null) value += next;
        this.i += 2;
      } else if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) decline();
        if (value !== null) value += text.slice(i + 1, close);
        this.i = close + 1;
      } else if (ch === '"') {
        this.i++;
        for (;;) {
          const c = text[this.i];
          if (c === undefined || c === '`') decline();
          if (c === '"') break;
          if (c === '\\') {
            const next = text[this.i + 1];
            if (next === undefined || next === '\n' || next === '\r') decline();
            if (value !== null) value += '$`"\\'.includes(next) ? next : c + next;
            this.i += 2;
          } else if (c === '$' && (text[this.i + 1] === '"' || isBlank(text[this.i + 1]))) {
            if (value !== null) value += c; // a `$` that starts no expansion is a plain character
            this.i++;
          } else if (c === '$') {
            this.expansion((stmts ??= []), true);
            value = null;
          } else {
            if (value !== null) value += c;
            this.i++;
          }
        }
        this.i++;
      } else if (ch === '$' && endsWord(text[i + 1])) {
        if (value !== null) value += ch; // `-run=^$ .`: a `$` that starts no expansion is a plain character
        this.i++;
      } else if (ch === '$') {
        this.expansion((stmts ??= []), false);
        value = null;
      } else if (isBlank(ch) || ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '<' || ch === '>') {
        break;
      } else if (ch === ')') {
        break;
      } else {
        decline();
      }
    }
    if (this.i === start) decline();
    return { value, start, end: this.i, stmts: stmts ?? NO_STMTS };
  }

  /** Reads `$…` at `i`: a parameter, `${…}` or `$(…)`; declines anything else. */
  private expansion(stmts: Stmt[], quoted: boolean): void {
    const text = this.text;
    const i = this.i;
    const next = text[i + 1] ?? '';
    if (next === '(') {
      if (text[i + 2] === '(') decline(); // arithmetic
      this.i = i + 2;
      stmts.push(...this.list(')'));
      this.i++; // the `)`
    } else if (next === '{') {
      this.braced(stmts, quoted);
    } else if (NAME_START.test(next)) {
      this.i = i + 2;
      while (NAME_CHAR.test(text[this.i] ?? '')) this.i++;
    } else if (next !== '' && SPECIAL_PARAMETER.test(next)) {
      this.i = i + 2;
    } else {
      decline();
    }
  }

  /** `${NAME}`, `${#NAME}`, `${NAME<op>word}` whose word holds plain characters, quotes (outside `"…"`) and expansions. */
  private braced(stmts: Stmt[], quoted: boolean): void {
    const text = this.text;
    let k = this.i + 2;
    const length = text[k] === '#';
    if (length) k++;
    if (!NAME_START.test(text[k] ?? '')) decline();
    while (NAME_CHAR.test(text[k] ?? '')) k++;
    if (text[k] === '}') {
      this.i = k + 1;
      return;
    }
    if (length) decline();
    const op = PARAM_OPS.find((o) => text.startsWith(o, k));
    if (!op) decline();
    this.i = k + op.length;
    for (;;) {
      const ch = text[this.i];
      if (ch === undefined) decline();
      if (ch === '}') break;
      if (PARAM_WORD_CHARS.has(ch)) this.i++;
      else if (ch === '$') this.expansion(stmts, quoted);
      else if (ch === "'" && !quoted) {
        const close = text.indexOf("'", this.i + 1);
        if (close < 0) decline();
        this.i = close + 1;
      } else if (ch === '"' && !quoted) {
        this.i++;
        for (;;) {
          const c = text[this.i];
          if (c === undefined || c === '`' || c === '\\') decline();
          if (c === '"') break;
          if (c === '$') this.expansion(stmts, true);
          else this.i++;
        }
        this.i++;
      } else decline();
    }
    this.i++;
  }
}

/** Where the statements being collected sit (as in shell.ts). */
interface Context {
  nested: boolean;
  inPipeline: boolean;
  tested: boolean;
}

function convertList(stmts: Stmt[], firstJoin: ShellJoin, context: Context, out: FastParse, cond?: Set<Stmt>): void {
  for (let i = 0; i < stmts.length; i++) {
    const join: ShellJoin = i === 0 ? firstJoin : stmts[i - 1].semi ? ';' : 'newline';
    const tested = context.tested || (cond?.has(stmts[i]) ?? false);
    convertStatement(stmts[i], join, tested === context.tested ? context : { ...context, tested }, out);
  }
}

function convertStatement(stmt: Stmt, join: ShellJoin, context: Context, out: FastParse): void {
  const first = out.commands.length;
  const single = stmt.pipelines.length === 1 && stmt.pipelines[0].elements.length === 1;
  stmt.pipelines.forEach((pipeline, k) => {
    const pipelineJoin = k === 0 ? join : stmt.ops[k - 1];
    const tested = context.tested || pipeline.negated;
    const pipe = pipeline.elements.length > 1;
    const inner: Context =
      tested === context.tested && (!pipe || context.inPipeline)
        ? context
        : { ...context, tested, inPipeline: context.inPipeline || pipe };
    pipeline.elements.forEach((element, j) => {
      const firstOfElement = out.commands.length;
      convertElement(element, j === 0 ? pipelineJoin : '|', inner, single ? stmt.end : element.end, out);
      const consumer = out.commands[firstOfElement];
      if (j > 0 && consumer) {
        consumer.pipeProducerStart = pipeline.elements[j - 1].pos;
        consumer.pipeConsumerSimple = element.kind === 'call';
        consumer.pipeTested = tested;
      }
    });
  });
  if (stmt.background) for (let i = first; i < out.commands.length; i++) out.commands[i].background = true;
}

function convertElement(element: Element, join: ShellJoin, context: Context, end: number, out: FastParse): void {
  if (element.kind === 'call') {
    out.commands.push({
      words: element.words,
      start: element.pos,
      end,
      join,
      nested: context.nested,
      inPipeline: context.inPipeline,
      redirects: element.redirects,
      assignments: element.assignments,
    });
    return;
  }
  if (element.exports) for (const e of element.exports) out.exports.push({ ...e, start: element.pos, end });
  convertList(element.inner, join, { ...context, nested: true }, out, element.cond);
}
