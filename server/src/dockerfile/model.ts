/**
 * One parse of a Dockerfile, shared by every rule and feature for a document
 * version: the dockerfile-ast tree, the build stages, resolved base images and
 * (lazily) the shell parse of each RUN.
 */
import { Argument, DockerfileParser, Dockerfile, From, Instruction, Onbuild, Run, Arg } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { parseShell, ShellScript } from '../shell/shell';
import { ImageReference, parseImageReference } from './image';
import { DockerfileTemplate } from './templates';
import { SizedCache } from '../util/sizedCache';

/**
 * Instructions that rules judge together, in one context:
 * - `stage`: a build stage, from its FROM to the next;
 * - `fragment`: the instructions of a file part without FROM (a template part, an included file, a file
 *   being typed), or written before the first FROM; BuildKit rejects such a file, and another rule says so,
 *   but what the instructions do can still be judged. Rules that judge a whole image (its user, health
 *   check, labels) stay with `model.stages` and say nothing about a fragment;
 * - `onbuild`: the trigger instructions of the `ONBUILD`s of a stage (or fragment). They run later, in a build
 *   that starts FROM the image of that stage, so that stage is their `fromStage` (WORKDIR, ENV, SHELL are
 *   inherited from it). Their ranges are inside the ONBUILD lines.
 */
export interface Scope {
  kind: 'stage' | 'fragment' | 'onbuild';
  /** The stage's index in `model.stages`; -1 for a fragment or ONBUILD triggers. */
  index: number;
  /** The stage's FROM; null for a fragment or ONBUILD triggers. */
  from: From | null;
  /** The `AS name`, as written. */
  name: string | null;
  /** Instructions after the FROM, up to the next FROM (for ONBUILD triggers: the trigger instructions). */
  instructions: Instruction[];
  /** The base image with global ARG defaults substituted; null when it cannot be resolved. */
  image: ImageReference | null;
  /** The scope this one starts from: an earlier stage (`FROM builder`), or for ONBUILD triggers the stage storing them. */
  fromStage: Scope | null;
  /** For ONBUILD triggers: each trigger instruction's ONBUILD. */
  onbuild?: Map<Instruction, Onbuild>;
}

export interface Stage extends Scope {
  kind: 'stage';
  from: From;
  /** True when the base is an earlier stage (`FROM builder`). */
  fromStage: Stage | null;
}

/** One shell script of a RUN: its text as the shell receives it and where it starts in the document. */
export interface ShellSource {
  text: string;
  offset: number;
  /** The interpreter named by a heredoc's `#!` line, if any. */
  shebang: string | null;
}

/** The shells whose syntax our shell parser understands. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

export class DockerfileModel {
  readonly ast: Dockerfile;
  readonly text: string;
  readonly stages: Stage[];
  /**
   * Every scope in document order: the fragment before or without FROM (if any), then each stage followed by
   * its ONBUILD triggers (if any). Rules about instructions iterate these; rules about whole images, `stages`.
   */
  readonly scopes: readonly Scope[];
  /** The instructions before the first FROM other than ARG, or of a file without FROM; null when there are none. */
  readonly fragment: Scope | null;
  readonly escapeChar: string;
  /** ARG instructions before the first FROM (usable in FROM lines). */
  readonly globalArgs: Arg[];
  private readonly shellCache = new Map<Instruction, ShellScript[] | null>();
  /**
   * Set by a lint with a time budget while it runs: past this time (`performance.now()`), a RUN script not
   * parsed yet is not parsed, `shellScripts` answers null for it, and `shellSkipped` turns true. Such a model
   * (and the views built on it) lacks those RUNs: the model cache does not hand it out again.
   */
  shellDeadline = Infinity;
  shellSkipped = false;

  /** A snapshot of the document as parsed (LSP documents are updated in place). */
  readonly document: TextDocument;
  /**
   * Set when the document is a template (`Dockerfile.template`, `{{ … }}` lines): then `text`
   * and `document` are the file as rendered, with its actions neutralised (same offsets), and
   * rules' findings about those actions are dropped (see templates.ts).
   */
  readonly template: DockerfileTemplate | null;

  constructor(source: TextDocument) {
    const text = source.getText();
    this.template = DockerfileTemplate.read(source.uri, text);
    this.text = this.template ? this.template.text : text;
    this.document = TextDocument.create(source.uri, source.languageId, source.version, this.text);
    this.ast = DockerfileParser.parse(this.text);
    for (const instruction of this.ast.getInstructions()) memoizeInstruction(instruction);
    this.escapeChar = this.ast.getEscapeCharacter();
    const { stages, globalArgs, fragment } = this.buildStages();
    this.stages = stages;
    this.globalArgs = globalArgs;
    this.fragment = fragment;
    const scopes: Scope[] = [];
    for (const scope of [...(fragment ? [fragment] : []), ...stages]) {
      scopes.push(scope);
      const triggers = triggerScope(scope);
      if (triggers) scopes.push(triggers);
    }
    this.scopes = Object.freeze(scopes);
  }

  /** The scope an instruction belongs to (an ONBUILD trigger's is the triggers' scope); undefined for global ARGs. */
  scopeOf(instruction: Instruction): Scope | undefined {
    if (!this.scopeIndex) {
      this.scopeIndex = new Map();
      for (const scope of this.scopes) for (const i of scope.instructions) this.scopeIndex.set(i, scope);
    }
    return this.scopeIndex.get(instruction);
  }
  private scopeIndex: Map<Instruction, Scope> | undefined;

  /**
   * The lines holding parser directives (`# syntax=`, `# escape=`, `# check=`).
   * Docker only reads them before the first comment, blank line or instruction.
   */
  directiveLines(): number[] {
    const lines: number[] = [];
    for (let i = 0, start = 0; start <= this.text.length; i++) {
      const newline = this.text.indexOf('\n', start);
      if (!/^\s*#\s*(syntax|escape|check)\s*=/i.test(this.text.slice(start, newline < 0 ? undefined : newline))) break;
      lines.push(i);
      if (newline < 0) break;
      start = newline + 1;
    }
    return lines;
  }

  /** The line break new lines get: CRLF when the file has any, else LF. */
  get eol(): string {
    return (this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }
  private lineBreak: string | undefined;

  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  offsetAt(position: Range['start']): number {
    return this.document.offsetAt(position);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }

  /** The text of a line, without its line break. */
  lineText(line: number): string {
    const start = this.document.offsetAt({ line, character: 0 });
    const end = this.document.offsetAt({ line: line + 1, character: 0 });
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }

  /** The leading whitespace of a line. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  /** The stage an instruction belongs to (the last FROM at or above it); undefined above the first FROM. */
  stageOf(instruction: Instruction): Stage | undefined {
    const line = instruction.getRange().start.line;
    // The last stage starting at or before the line: a binary search, as every RUN asks once.
    let low = 0;
    let high = this.stages.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.stages[middle].from.getRange().start.line <= line) low = middle + 1;
      else high = middle;
    }
    return low > 0 ? this.stages[low - 1] : undefined;
  }

  /**
   * The shell scripts a RUN executes (one for the command line, plus one per
   * heredoc that is itself the script), or null when the RUN is in exec form
   * or runs under a shell we cannot parse (PowerShell, cmd).
   */
  shellScripts(run: Instruction): ShellScript[] | null {
    let scripts = this.shellCache.get(run);
    if (scripts === undefined) {
      if (this.shellDeadline !== Infinity && performance.now() > this.shellDeadline) {
        this.shellSkipped = true;
        return null;
      }
      scripts = this.computeShellScripts(run);
      this.shellCache.set(run, scripts);
    }
    return scripts;
  }

  isExecForm(instruction: Instruction): boolean {
    const args = instruction.getArguments();
    return args.length > 0 && args[0].getValue().startsWith('[') && isJsonStringArray(argumentsText(this, instruction));
  }

  /**
   * The shell source texts of a RUN as the shell receives them (continuations
   * blanked out, offsets kept), each with its offset in the document; null
   * when the RUN is in exec form or runs under a non-POSIX shell.
   */
  shellSources(run: Instruction): ShellSource[] | null {
    if (!this.usesPosixShell(run) || this.isExecForm(run)) return null;
    const args = run.getArguments();
    if (args.length === 0) return [];
    const start = this.offsetAt(args[0].getRange().start);
    const end = this.offsetAt(run.getRange().end);
    const heredocs = run instanceof Run ? run.getHeredocs() : [];
    if (heredocs.length === 0) {
      return [{ text: prepareShellText(this.text.slice(start, end), this.escapeChar), offset: start, shebang: null }];
    }
    const firstBody = heredocs[0].getContentRange() ?? heredocs[0].getDelimiterRange();
    const headEnd = firstBody ? this.offsetAt(firstBody.start) : end;
    const head = prepareShellText(this.text.slice(start, headEnd), this.escapeChar);
    const command = head.replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '').trim();
    // `RUN <<EOF` or `RUN bash -e <<EOF`: the body is the script the shell runs.
    const interpreter = /^(?:\/(?:usr\/)?bin\/)?((?:ba|da|a|k|mk|z)?sh)(?:\s+-[A-Za-z]+)*$/.exec(command)?.[1] ?? null;
    if (command !== '' && !interpreter) {
      return [{ text: head + this.text.slice(headEnd, end), offset: start, shebang: null }];
    }
    // `RUN <<EOF`: each heredoc body is the script itself.
    const sources: ShellSource[] = [];
    for (const heredoc of heredocs) {
      const body = heredoc.getContentRange();
      if (!body) continue;
      const bodyStart = this.offsetAt(body.start);
      const text = this.text.slice(bodyStart, this.offsetAt(body.end));
      const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
      let named: string | null = interpreter;
      if (shebang && !interpreter) {
        named = basename(shebang[1]) === 'env' && shebang[2] ? basename(shebang[2]) : basename(shebang[1]);
        if (!POSIX_SHELLS.has(named)) continue;
      }
      sources.push({ text, offset: bodyStart, shebang: named });
    }
    return sources;
  }

  private computeShellScripts(run: Instruction): ShellScript[] | null {
    return this.shellSources(run)?.map((source) => parseShell(source.text, source.offset)) ?? null;
  }

  /** The shell a RUN runs under, from the last SHELL before it ("sh" when none). */
  shellOf(run: Instruction): string {
    const first = this.shellAt(run)?.[0];
    return first ? basename(first) : 'sh';
  }

  /**
   * The SHELL in effect for an instruction (its JSON array): the last SHELL before it in its scope, or inherited
   * from the scope it starts from (`FROM <stage>`; for ONBUILD triggers, the stage storing them); null when none
   * is set in this file (or the last one is not a JSON array of strings).
   */
  shellAt(instruction: Instruction): readonly string[] | null {
    const scope = this.scopeOf(instruction) ?? this.stageOf(instruction);
    const line = instruction.getRange().start.line;
    const seen = new Set<Scope>();
    for (let s: Scope | null = scope ?? null; s && !seen.has(s); s = s.fromStage) {
      const shells = this.shellInstructions(s).filter((i) => s !== scope || i.getRange().start.line < line);
      seen.add(s);
      const last = shells[shells.length - 1];
      if (last) return parseJsonStringArray(argumentsText(this, last));
    }
    return null;
  }

  private usesPosixShell(run: Instruction): boolean {
    const shell = this.shellAt(run)?.[0] ?? null;
    if (shell === null) return this.escapeChar !== '`';
    return POSIX_SHELLS.has(basename(shell));
  }

  private readonly shellsByStage = new Map<Scope, Instruction[]>();

  /** The SHELL instructions of a scope, found once. */
  shellInstructions(stage: Scope): Instruction[] {
    let shells = this.shellsByStage.get(stage);
    if (!shells) {
      shells = stage.instructions.filter((i) => i.getKeyword() === 'SHELL');
      this.shellsByStage.set(stage, shells);
    }
    return shells;
  }

  private buildStages(): { stages: Stage[]; globalArgs: Arg[]; fragment: Scope | null } {
    const stages: Stage[] = [];
    const globalArgs: Arg[] = [];
    let fragment: Scope | null = null;
    const byName = new Map<string, Stage>();
    for (const instruction of this.ast.getInstructions()) {
      if (instruction instanceof From) {
        const raw = instruction.getImage();
        const resolved = raw === null ? null : this.resolveGlobalArgs(raw, globalArgs);
        const fromStage = resolved ? (byName.get(resolved.toLowerCase()) ?? null) : null;
        const stage: Stage = {
          kind: 'stage',
          index: stages.length,
          from: instruction,
          name: instruction.getBuildStage(),
          instructions: [],
          image: resolved === null ? null : parseImageReference(resolved),
          fromStage,
        };
        stages.push(stage);
        if (stage.name) byName.set(stage.name.toLowerCase(), stage);
      } else if (stages.length === 0) {
        if (instruction instanceof Arg) globalArgs.push(instruction);
        else
          (fragment ??= {
            kind: 'fragment',
            index: -1,
            from: null,
            name: null,
            instructions: [],
            image: null,
            fromStage: null,
          }).instructions.push(instruction);
      } else {
        stages[stages.length - 1].instructions.push(instruction);
      }
    }
    return { stages, globalArgs, fragment };
  }

  /** Substitutes `$VAR` / `${VAR}` / `${VAR:-x}` from global ARG defaults; null if any is unknown. */
  private resolveGlobalArgs(text: string, args: Arg[]): string | null {
    const values = new Map<string, string | null>();
    for (const arg of args) {
      const property = arg.getProperty();
      if (property) values.set(property.getName(), property.getValue());
    }
    let unresolved = false;
    const result = text.replace(
      /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
        const name = braced ?? bare!;
        const value = values.get(name);
        if (op === '-') return value ? value : (word ?? '');
        if (op === '+') return value ? (word ?? '') : '';
        if (value == null) {
          unresolved = true;
          return '';
        }
        return value;
      },
    );
    return unresolved ? null : result;
  }
}

/**
 * The trigger instructions of a scope's ONBUILDs, as a scope that starts from it; null when it has none.
 * dockerfile-ast builds a trigger's instruction on each call: it is built once here, so every rule sees
 * the same object (caches are keyed by instruction).
 */
function triggerScope(owner: Scope): Scope | null {
  const onbuild = new Map<Instruction, Onbuild>();
  for (const instruction of owner.instructions) {
    if (!(instruction instanceof Onbuild)) continue;
    const trigger = instruction.getTriggerInstruction();
    if (!trigger) continue;
    memoizeInstruction(trigger);
    onbuild.set(trigger, instruction);
  }
  if (onbuild.size === 0) return null;
  return {
    kind: 'onbuild',
    index: -1,
    from: null,
    name: null,
    instructions: [...onbuild.keys()],
    image: null,
    fromStage: owner,
    onbuild,
  };
}

/**
 * dockerfile-ast splits an instruction's text into arguments again on every
 * call of its (private) `getRawArguments()`, and its own constructors and
 * accessors call it several times per instruction (`getArguments`,
 * `getArgumentsRange`, `getRawArgumentsContent`, `getFlags`, `getVariables`):
 * about a third of what a lint allocates. An instruction's document, range and
 * escape character never change after construction, so the split is kept per
 * instance; callers get a copy, because `ModifiableInstruction.getArguments`
 * shifts the flags off the array it receives. If a future dockerfile-ast drops
 * the method, this does nothing (`test/unit/model.test.ts` notices).
 */
type RawArgumentsSource = { getRawArguments?: (this: Instruction) => Argument[] };
const RAW_ARGUMENTS = Symbol('docker-coach raw arguments');
const instructionPrototype = Instruction.prototype as unknown as RawArgumentsSource;
const uncachedRawArguments = instructionPrototype.getRawArguments;
export const RAW_ARGUMENTS_CACHED = typeof uncachedRawArguments === 'function';
if (uncachedRawArguments) {
  instructionPrototype.getRawArguments = function (this: Instruction & { [RAW_ARGUMENTS]?: Argument[] }): Argument[] {
    const args = (this[RAW_ARGUMENTS] ??= sharedRawArguments(this, uncachedRawArguments));
    return args.slice();
  };
}

/**
 * The splits of the instructions of earlier texts, by the instruction's text, its first
 * column and the escape character: together they fix every position inside it except for
 * the line it starts on, so each entry keeps the splits of the lines it was met on (a few:
 * the same `WORKDIR /app` may start several stages). While someone types, every
 * instruction but the edited one is found here (about a third of what the lint of a
 * 250-line Dockerfile allocated went into splitting arguments again). The arguments are
 * shared between models, so nothing may modify them (`From.getImageRange` above).
 * Bounded by size, like the shell parses. An instruction longer than `SHARED_TEXT_LIMIT` is
 * split anew each time: it is rare, and when it is the one being edited (a long heredoc), each
 * keystroke would keep another stale copy (400 edits in a 43 KB heredoc left 9 MB more resident).
 */
const SHARED_TEXT_LIMIT = 8 * 1024;
const rawArgumentSplits = new SizedCache<string, Map<number, Argument[]>>(2 * 1024 * 1024, (key, byLine) => {
  let args = 0;
  for (const split of byLine.values()) args += split.length;
  return 2 * key.length + 200 * args;
});
const LINES_PER_SPLIT = 4;

function sharedRawArguments(instruction: Instruction, split: (this: Instruction) => Argument[]): Argument[] {
  const start = instruction.getRange().start;
  const escapeChar = (instruction as unknown as { escapeChar: string }).escapeChar;
  const text = instruction.getTextContent();
  if (text.length > SHARED_TEXT_LIMIT) return split.call(instruction);
  const key = `${escapeChar}${start.character}:${text}`;
  const byLine = rawArgumentSplits.get(key);
  const known = byLine?.get(start.line);
  if (known) return known;
  let args: Argument[];
  if (byLine) {
    const [line, other] = byLine.entries().next().value as [number, Argument[]];
    const shift = start.line - line;
    const moved = (p: Position): Position => ({ line: p.line + shift, character: p.character });
    args = other.map(
      (a) => new Argument(a.getValue(), { start: moved(a.getRange().start), end: moved(a.getRange().end) }),
    );
    if (byLine.size >= LINES_PER_SPLIT) byLine.delete(line);
  } else {
    args = split.call(instruction);
  }
  const lines = byLine ?? new Map<number, Argument[]>();
  lines.set(start.line, args);
  rawArgumentSplits.set(key, lines); // weighed again
  return args;
}

/** Forgets what is kept by instruction text: argument splits, prepared shell texts (benchmarks measure lints that start from nothing). */
export function forgetInstructionCaches(): void {
  rawArgumentSplits.clear();
  preparedShellTexts.clear();
}

/**
 * dockerfile-ast's `From.getImageNameRange()` and `getRegistryRange()` take the range of
 * the first argument from `getImageRange()` and assign new ends to it. With the arguments
 * kept per instruction (above), that moved the FROM image argument's range for every rule,
 * hover and fix that read it after `pin-base-image` asked for the image name's range. Each
 * call now gets a range object of its own.
 */
const fromPrototype = From.prototype as unknown as { getImageRange: (this: From) => Range | null };
const sharedImageRange = fromPrototype.getImageRange;
fromPrototype.getImageRange = function (this: From): Range | null {
  const range = sharedImageRange.call(this);
  return range && { start: range.start, end: range.end };
};

const NO_HEREDOCS: ReturnType<Run['getHeredocs']> = Object.freeze([]) as unknown as ReturnType<Run['getHeredocs']>;

/**
 * dockerfile-ast tokenises an instruction again on every `getArguments()` and
 * `getKeyword()` call, and a hundred rules ask; the model's text never
 * changes, so each instruction answers from its first result.
 */
function memoizeInstruction(instruction: Instruction): void {
  const getArguments = instruction.getArguments.bind(instruction);
  const getKeyword = instruction.getKeyword.bind(instruction);
  let args: ReturnType<Instruction['getArguments']> | undefined;
  let keyword: string | undefined;
  // Shared by every caller, so frozen: a caller that modified it would change what the others see.
  instruction.getArguments = () => (args ??= Object.freeze(getArguments()) as ReturnType<Instruction['getArguments']>);
  instruction.getKeyword = () => (keyword ??= getKeyword());
  // A RUN's heredocs are parsed again on each call too (its flags are cached by the library). A heredoc starts
  // with `<<` (which a line continuation may split: `<\` then `<EOF`): a RUN without `<` has none, and needs no
  // look at its arguments.
  if (instruction instanceof Run) {
    const getHeredocs = instruction.getHeredocs.bind(instruction);
    let heredocs: ReturnType<Run['getHeredocs']> | undefined;
    instruction.getHeredocs = () =>
      (heredocs ??= instruction.getTextContent().includes('<')
        ? (Object.freeze(getHeredocs()) as ReturnType<Run['getHeredocs']>)
        : NO_HEREDOCS);
  }
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** The raw text of an instruction's arguments (after flags), continuations included. */
export function argumentsText(model: DockerfileModel, instruction: Instruction): string {
  const args = instruction.getArguments();
  if (args.length === 0) return '';
  const start = model.offsetAt(args[0].getRange().start);
  const end = model.offsetAt(args[args.length - 1].getRange().end);
  return prepareShellText(model.text.slice(start, end), model.escapeChar).trim();
}

/** What the exec-form parses may weigh together, in bytes (estimated: the key's text, and the strings parsed out of it). */
const JSON_ARRAYS_BUDGET = 4 * 1024 * 1024;

/**
 * Exec-form texts already parsed: several rules ask about the same instruction,
 * and a failed `JSON.parse` (a near-JSON `['sh']`) costs a thrown error each time.
 * Bounded; the arrays are frozen because they are shared.
 */
const jsonArrays = new SizedCache<string, readonly string[] | null>(JSON_ARRAYS_BUDGET, (text) => 4 * text.length);

/** Forgets the shared exec-form parses (benchmarks measure lints that start from nothing). */
export function forgetJsonArrays(): void {
  jsonArrays.clear();
}

/** Parses a JSON array of strings (exec form); null when it is not exactly that. The result is shared: do not modify it. */
export function parseJsonStringArray(text: string): readonly string[] | null {
  if (!text.startsWith('[')) return null;
  const cached = jsonArrays.get(text);
  if (cached !== undefined) return cached;
  let result: readonly string[] | null = null;
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) result = Object.freeze(value);
  } catch {
    // not JSON
  }
  jsonArrays.set(text, result);
  return result;
}

function isJsonStringArray(text: string): boolean {
  return parseJsonStringArray(text) !== null;
}

/**
 * Turns the text of a continued Dockerfile instruction into what the shell
 * receives, keeping every offset: escaped line breaks, comment lines and empty
 * lines inside the continuation become spaces.
 */
export function prepareShellText(text: string, escapeChar: string): string {
  // The last line is kept as it is: one line needs nothing done.
  if (!text.includes('\n')) return text;
  if (text.length > SHARED_TEXT_LIMIT) return blankContinuations(text, escapeChar);
  const key = escapeChar + text;
  let prepared = preparedShellTexts.get(key);
  if (prepared === undefined) {
    prepared = blankContinuations(text, escapeChar);
    preparedShellTexts.set(key, prepared);
  }
  return prepared;
}

/** `prepareShellText` by text: while someone types, the RUNs they do not edit keep their text. */
const preparedShellTexts = new SizedCache<string, string>(
  2 * 1024 * 1024,
  (key, value) => 2 * (key.length + value.length),
);

function blankContinuations(text: string, escapeChar: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const last = i === lines.length - 1;
    if (continued && /^[ \t]*#/.test(line)) {
      out.push(' '.repeat(line.length) + (last ? '' : ' '));
      continue;
    }
    if (continued && /^[ \t\r]*$/.test(line) && !last) {
      out.push(' '.repeat(line.length) + ' ');
      continue;
    }
    const m = continuationPattern(escapeChar).exec(line);
    if (m && !last) {
      line = line.slice(0, m.index) + ' '.repeat(line.length - m.index);
      out.push(line + ' ');
      continued = true;
    } else {
      out.push(line + (last ? '' : '\n'));
      continued = false;
    }
  }
  return out.join('');
}

const continuationPatterns = new Map<string, RegExp>();

/** An escape character at the end of a line (trailing blanks allowed). */
function continuationPattern(escapeChar: string): RegExp {
  let pattern = continuationPatterns.get(escapeChar);
  if (!pattern) {
    pattern = new RegExp(`${escapeRegex(escapeChar)}[ \\t]*\\r?$`);
    continuationPatterns.set(escapeChar, pattern);
  }
  return pattern;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * One model per open document, for its current text: keyed by the text itself, not the
 * version (a client may repeat or lower a version, or open a document again at the same
 * version with other text). The source text is kept beside the model because a template's
 * model holds the rendered text.
 */
export class ModelCache {
  private readonly models = new Map<string, { source: string; model: DockerfileModel }>();

  get(document: TextDocument): DockerfileModel {
    const source = document.getText();
    const cached = this.models.get(document.uri);
    // Equal strings are usually one string (no copy): the comparison then costs nothing.
    if (cached && cached.source === source && !cached.model.shellSkipped) return cached.model;
    const model = new DockerfileModel(document);
    this.models.set(document.uri, { source, model });
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
