/**
 * Build variables as BuildKit sees them: where `$NAME` references appear in
 * Dockerfile words, which ARG and ENV definitions are visible at an
 * instruction (per stage, with the global scope for FROM), the predefined
 * arguments, and BuildKit's "did you mean" suggestion. Shared by the variable
 * rules, and meant for hovers and rename too.
 */
import { levenshtein } from '../util/distance';
import { oncePer } from '../util/memo';
import { Arg, Env, Instruction } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { DockerfileModel, prepareShellText, Stage } from './model';

import { BUILDKIT_ARGS, PLATFORM_ARG_SAMPLES, PLATFORM_ARGS, PROXY_ARGS } from './buildArgs';

// The predefined arguments are defined once, in dockerfile/buildArgs.ts; the rules and features import them from here.
export { BUILDKIT_ARGS, PLATFORM_ARG_SAMPLES, PLATFORM_ARGS, PROXY_ARGS };

/**
 * The instructions of a stage whose arguments BuildKit expands itself (RUN,
 * CMD, ENTRYPOINT… leave `$` to the shell). FROM is expanded too, with the
 * global ARGs only.
 */
export const EXPANDED_IN_STAGE: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'COPY',
  'ENV',
  'EXPOSE',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** True for the instructions whose arguments BuildKit expands: FROM and those of `EXPANDED_IN_STAGE`. */
export function expandedByBuildKit(keyword: string): boolean {
  return keyword === 'FROM' || EXPANDED_IN_STAGE.has(keyword);
}

/** One `$NAME` or `${NAME…}` in a Dockerfile word. Offsets are into the document. */
export interface VariableReference {
  name: string;
  /** The whole reference, `$` to the closing brace. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?`, or another operator (`#`, `%`, `/`…); null for a plain reference. */
  operator: string | null;
  /** The word after the operator, as written; null without operator. */
  word: string | null;
}

/**
 * The variable references of `text` (at document offset `offset`) with the
 * quoting rules of Dockerfile words: nothing expands inside single quotes, and
 * the escape character makes the next character literal. References nested in
 * a `${A:-$B}` word are listed as well.
 */
export function variableReferences(
  text: string,
  offset: number,
  escapeChar: string,
  broken?: BrokenSubstitution[],
): VariableReference[] {
  const refs: VariableReference[] = [];
  scanWord(text, 0, text.length, offset, escapeChar, refs, 0, broken);
  return refs;
}

/**
 * A `${` that BuildKit's lexer refuses: never closed (`${VERSION`: "missing
 * '}'" or "unsupported modifier"), or with no name (`${}`, `${:x}`, `${{x}}`:
 * "bad substitution"). Offsets are document offsets.
 */
export interface BrokenSubstitution {
  start: number;
  end: number;
  kind: 'unclosed' | 'nameless';
}

/**
 * How deep references nested in `${A:-${B:-…}}` words are listed. Real files
 * nest two or three levels; past this, the inner ones are left out, so a
 * hostile line costs linear time and stack, not quadratic.
 */
export const MAX_REFERENCE_NESTING = 16;

function scanWord(
  text: string,
  from: number,
  to: number,
  offset: number,
  escapeChar: string,
  refs: VariableReference[],
  depth: number,
  broken?: BrokenSubstitution[],
): void {
  const inBraces = depth > 0;
  let inDouble = false;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === escapeChar) {
      i++;
      continue;
    }
    if (ch === "'" && !inDouble && !inBraces) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close;
      continue;
    }
    if (ch === '"') {
      inDouble = !inDouble;
      continue;
    }
    if (ch !== '$') continue;
    if (text[i + 1] === '{') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 2, to));
      const close = matchingBrace(text, i + 1, to, escapeChar);
      if (close < 0) {
        // The lexer stops at the first such error: nothing after it is read.
        broken?.push({ start: offset + i, end: offset + to, kind: 'unclosed' });
        return;
      }
      if (!name) {
        if ('}:{'.includes(text[i + 2])) broken?.push({ start: offset + i, end: offset + close + 1, kind: 'nameless' });
        continue;
      }
      const nameStart = i + 2;
      const nameEnd = nameStart + name[0].length;
      const op = /^(:?[-+?]|##?|%%?|\/\/?|:)?/.exec(text.slice(nameEnd, close))![0] || null;
      const wordStart = nameEnd + (op?.length ?? 0);
      refs.push({
        name: name[0],
        start: offset + i,
        end: offset + close + 1,
        nameStart: offset + nameStart,
        nameEnd: offset + nameEnd,
        operator: op,
        word: op ? text.slice(wordStart, close) : null,
      });
      if (op && depth < MAX_REFERENCE_NESTING)
        scanWord(text, wordStart, close, offset, escapeChar, refs, depth + 1, broken);
      i = close;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, to));
      if (!name) continue;
      refs.push({
        name: name[0],
        start: offset + i,
        end: offset + i + 1 + name[0].length,
        nameStart: offset + i + 1,
        nameEnd: offset + i + 1 + name[0].length,
        operator: null,
        word: null,
      });
      i += name[0].length;
    }
  }
}

function matchingBrace(text: string, open: number, to: number, escapeChar: string): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    if (text[i] === escapeChar) {
      i++;
    } else if (text[i] === '{') {
      depth++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}` and friends from `values`; null when an operator we cannot evaluate
 * is used, or the words nest deeper than `MAX_REFERENCE_NESTING`.
 */
export function expandVariables(
  text: string,
  values: ReadonlyMap<string, string | null>,
  escapeChar: string,
  depth = 0,
): string | null {
  if (depth > MAX_REFERENCE_NESTING) return null;
  // The outermost references: nested ones are listed right after the one they are in.
  let outerEnd = -1;
  const refs = variableReferences(text, 0, escapeChar).filter((r) =>
    r.start >= outerEnd ? ((outerEnd = r.end), true) : false,
  );
  let out = '';
  let last = 0;
  for (const ref of refs) {
    out += unquote(text.slice(last, ref.start), escapeChar);
    const value = values.get(ref.name) ?? null;
    const set = value !== null;
    const nonEmpty = set && value !== '';
    const word = ref.word === null ? '' : expandVariables(ref.word, values, escapeChar, depth + 1);
    if (word === null) return null;
    switch (ref.operator) {
      case null:
        out += value ?? '';
        break;
      case ':-':
        out += nonEmpty ? value : word;
        break;
      case '-':
        out += set ? value : word;
        break;
      case ':+':
        out += nonEmpty ? word : '';
        break;
      case '+':
        out += set ? word : '';
        break;
      case ':?':
      case '?':
        out += value ?? '';
        break;
      default:
        return null;
    }
    last = ref.end;
  }
  return out + unquote(text.slice(last), escapeChar);
}

function unquote(text: string, escapeChar: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === escapeChar && quote !== "'" && i + 1 < text.length) {
      out += text[++i];
    } else if ((ch === '"' || ch === "'") && (quote === null || quote === ch)) {
      quote = quote === null ? ch : null;
    } else {
      out += ch;
    }
  }
  return out;
}

export type DefinitionKind = 'global-arg' | 'arg' | 'env';

/** An ARG or ENV that defines a variable. */
export interface VariableDefinition {
  name: string;
  kind: DefinitionKind;
  instruction: Instruction;
  /** The range of the name in the instruction. */
  nameRange: Range;
  /** The default (ARG) or value (ENV) as written; null for `ARG NAME`. */
  value: string | null;
  /** The stage it belongs to; null in the global scope (before the first FROM). */
  stage: Stage | null;
}

/** What is visible at one instruction of a stage. */
export interface StageScope {
  stage: Stage;
  /** Names defined by ARG or ENV in this stage or an ancestor stage, before the instruction. */
  defined: Map<string, VariableDefinition>;
  /** True when the stage (through `FROM <stage>` ancestors) starts from `scratch`: no base-image ENV can exist. */
  fromScratch: boolean;
  /** The image the stage (through `FROM <stage>` ancestors) is built on, as written; null for `scratch`. Its ENV is unknown offline. */
  baseImage: string | null;
}

/** The variable scopes of a Dockerfile, computed once per model. */
export class VariableScopes {
  /** Global ARGs, in order (the last definition of a name wins). */
  readonly globals: Map<string, VariableDefinition>;

  constructor(private readonly model: DockerfileModel) {
    this.globals = new Map();
    for (const arg of model.globalArgs)
      for (const def of definitionsOf(model, arg, null)) this.globals.set(def.name, def);
  }

  /** Names a FROM line may use: global ARGs and the predefined platform arguments. */
  fromScopeNames(): string[] {
    return [...this.globals.keys(), ...PLATFORM_ARGS.filter((n) => !this.globals.has(n))];
  }

  /** Values of the FROM scope when no --build-arg is given: global defaults, typical platform values. */
  fromScopeDefaults(): Map<string, string | null> {
    const values = new Map<string, string | null>(Object.entries(PLATFORM_ARG_SAMPLES));
    for (const arg of this.model.globalArgs) {
      for (const def of definitionsOf(this.model, arg, null)) {
        const expanded = def.value === null ? null : expandVariables(def.value, values, this.model.escapeChar);
        values.set(def.name, def.value === null ? (values.get(def.name) ?? null) : expanded);
      }
    }
    return values;
  }

  /** The scope just before `instruction` (its own definitions are not yet visible, as in BuildKit). */
  scopeAt(instruction: Instruction): StageScope | null {
    const stage = this.model.stageOf(instruction);
    if (!stage) return null;
    const defined = new Map<string, VariableDefinition>();
    this.collect(stage, instruction.getRange().start.line, defined, new Set());
    const baseImage = rootImage(stage);
    return { stage, defined, fromScratch: baseImage === null, baseImage };
  }

  private collect(stage: Stage, beforeLine: number, into: Map<string, VariableDefinition>, seen: Set<Stage>): void {
    if (seen.has(stage)) return;
    seen.add(stage);
    // A stage built on another stage inherits its ENV (and, in BuildKit, its ARGs).
    if (stage.fromStage && stage.fromStage.index < stage.index) this.collect(stage.fromStage, Infinity, into, seen);
    for (const instruction of stage.instructions) {
      if (instruction.getRange().start.line >= beforeLine) break;
      for (const def of definitionsOf(this.model, instruction, stage)) into.set(def.name, def);
    }
  }
}

export const variableScopes: (model: DockerfileModel) => VariableScopes = oncePer((model) => new VariableScopes(model));

/** The variables an ARG or ENV instruction defines. */
export function definitionsOf(
  model: DockerfileModel,
  instruction: Instruction,
  stage: Stage | null,
): VariableDefinition[] {
  if (instruction instanceof Arg) {
    const kind: DefinitionKind = stage ? 'arg' : 'global-arg';
    return argDeclarations(model, instruction).map((d) => ({
      name: d.name,
      kind,
      instruction,
      nameRange: d.nameRange,
      value: d.value,
      stage,
    }));
  }
  if (instruction instanceof Env) {
    return instruction.getProperties().map((p) => ({
      name: p.getName(),
      kind: 'env' as const,
      instruction,
      nameRange: p.getNameRange(),
      value: p.getValue(),
      stage,
    }));
  }
  return [];
}

/** One name an ARG declares, with its default. */
export interface ArgDeclaration {
  name: string;
  nameRange: Range;
  /** The default without its quotes; null for a bare `NAME`. */
  value: string | null;
  /** Where the default is written; null without `=`. */
  valueRange: Range | null;
}

const argDeclarationsCache = new WeakMap<Arg, ArgDeclaration[]>();

/**
 * The names an ARG declares, as BuildKit reads them: the arguments are words
 * (quotes and the escape character keep blanks inside a word), and each word
 * is `NAME` or `NAME=default`. So `ARG A B C` declares three names and
 * `ARG OPTS="--jobs=8 --quiet"` one. dockerfile-ast reads `ARG A B C` the
 * way ENV's legacy form is read (A with the value "B C"); only that case is
 * taken apart here, every other ARG keeps dockerfile-ast's properties.
 */
export function argDeclarations(model: DockerfileModel, arg: Arg): ArgDeclaration[] {
  let declarations = argDeclarationsCache.get(arg);
  if (!declarations) {
    const properties = arg.getProperties();
    const legacyRead =
      properties.length === 1 && properties[0].getAssignmentOperator() === null && properties[0].getValue() !== null;
    declarations = legacyRead
      ? argWords(model, arg)
      : properties.map((p) => ({
          name: p.getName(),
          nameRange: p.getNameRange(),
          value: p.getValue(),
          valueRange: p.getValueRange(),
        }));
    argDeclarationsCache.set(arg, declarations);
  }
  return declarations;
}

/** The declarations of an ARG read word by word (BuildKit's word split: blanks outside quotes end a word). */
function argWords(model: DockerfileModel, arg: Arg): ArgDeclaration[] {
  const args = arg.getArguments();
  if (args.length === 0) return [];
  const offset = model.offsetAt(args[0].getRange().start);
  const text = prepareShellText(
    model.text.slice(offset, model.offsetAt(args[args.length - 1].getRange().end)),
    model.escapeChar,
  );
  const escape = model.escapeChar;
  const declarations: ArgDeclaration[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | null = null;
    let equals = -1;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (quote === null && /\s/.test(ch)) break;
      if (ch === escape && quote !== "'") {
        i++;
        continue;
      }
      if (quote === null && (ch === '"' || ch === "'")) quote = ch;
      else if (ch === quote) quote = null;
      else if (ch === '=' && equals < 0) equals = i;
    }
    const nameEnd = equals < 0 ? i : equals;
    const name = unquote(text.slice(start, nameEnd), escape);
    if (name === '') continue;
    declarations.push({
      name,
      nameRange: model.rangeOf(offset + start, offset + nameEnd),
      value: equals < 0 ? null : unquote(text.slice(equals + 1, i), escape),
      valueRange: equals < 0 ? null : model.rangeOf(offset + equals + 1, offset + i),
    });
  }
  return declarations;
}

/** The image a stage's chain of `FROM <stage>` ancestors starts from, as written; null for `scratch`. */
function rootImage(stage: Stage): string | null {
  const seen = new Set<Stage>();
  let current: Stage = stage;
  while (current.fromStage && !seen.has(current)) {
    seen.add(current);
    current = current.fromStage;
  }
  if (current.image?.raw.toLowerCase() === 'scratch') return null;
  return current.image?.raw ?? current.from.getArguments()[0]?.getValue() ?? 'unknown';
}

/**
 * BuildKit's "did you mean": the first option closest to `value` within an
 * edit distance of 2, or null. An exact match means there is nothing to
 * suggest.
 */
export function suggestName(value: string, options: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const option of options) {
    if (option === value) return null;
    const distance = levenshtein(value, option);
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The build-time secret heuristic of BuildKit's SecretsUsedInArgOrEnv: a name
 * that is, or starts or ends with (at an underscore), one of the secret
 * tokens, unless a word of it says it is not a secret (BuildKit's allow-list:
 * `public`, `file` for a path such as POSTGRES_PASSWORD_FILE, `version` as in
 * DOCKER_AUTH_VERSION). We also let through GPG/PGP key names (`GPG_KEY`,
 * `PYTHON_GPG_KEY`): by convention they hold the fingerprint of a public
 * signing key, which BuildKit still reports.
 */
export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) && !SIGNING_KEY_NAME.test(name);
}

const SECRET_NAME = /(?:_|^)(?:apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)/i;
const NOT_SECRET_NAME = /(?:_|^)(?:public|file|version)(?:_|$)/i;
const SIGNING_KEY_NAME = /(?:_|^)(?:gpg|pgp)_keys?$/i;

/**
 * Whether `text` is a valid image reference as Docker parses it
 * (`[host[:port]/]path[:tag][@digest]`, path in lower case).
 */
export function isValidImageReference(text: string): boolean {
  return IMAGE_REFERENCE.test(text);
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?)';
const IMAGE_REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);
