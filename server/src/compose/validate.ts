/**
 * Compose files against the compose-spec schema: each YAML document becomes
 * plain data (aliases and merge keys applied, alias bombs refused), ajv
 * reports every error, and each error goes back to the key or value it is
 * about, in words a person understands.
 */
import {
  Alias,
  Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  Pair,
  Scalar,
  YAMLMap,
  Node as YamlNode,
} from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { withThousands } from '../util/numbers';
import { closestMatch } from '../util/distance';
import { ComposeModel, isInterpolated, resolveAlias } from './model';
import { reachableSchemas, SchemaError, validateComposeData } from './schema';

export type SchemaIssueId =
  | 'unknownKey'
  | 'unknownKeySuggest'
  | 'unknownKeyList'
  | 'invalidName'
  | 'wrongType'
  | 'enumValue'
  | 'enumValueSuggest'
  | 'pattern'
  | 'required'
  | 'limit'
  | 'duplicate'
  | 'ambiguous'
  | 'other'
  | 'tooLarge'
  | 'legacyV1';

export interface SchemaIssue {
  messageId: SchemaIssueId;
  data: Record<string, string>;
  range: Range;
  /** "Did you mean": the text to write over `range` (absent when the text lives in an anchor shared with other places). */
  replacement?: string;
}

/**
 * `toJS` refuses a document whose aliases multiply beyond this (yaml counts
 * uses × nested aliases per anchor): a "billion laughs" document stops here.
 */
const MAX_ALIAS_COUNT = 10_000;
/** Documents that expand to more values than this are not validated (ajv would walk every copy). */
const MAX_EXPANDED_VALUES = 200_000;
const MAX_MERGE_DEPTH = 20;

/** The schema errors of every document of a compose file, at their keys and values. */
export function composeSchemaIssues(model: ComposeModel): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const doc of model.documents) {
    // Syntax errors are reported as such; the half-parsed tree would only add noise.
    if (doc.errors.length > 0 || doc.contents === null) continue;
    for (const issue of documentIssues(model, doc)) {
      const key = `${issue.messageId}|${JSON.stringify(issue.data)}|${issue.range.start.line}:${issue.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function documentIssues(model: ComposeModel, doc: Document.Parsed): SchemaIssue[] {
  const start = doc.contents?.range?.[0] ?? 0;
  const firstLine = model.rangeOf(start, lineEnd(model.text, start));
  // Merge keys copy what they merge: count the values before `toJS` builds them (aliases alone, it bounds).
  if (model.text.includes('<<')) {
    let size: number;
    try {
      size = nodeSize(doc);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      return [{ messageId: 'tooLarge', data: { detail: 'it is nested too deeply' }, range: firstLine }];
    }
    if (size > MAX_EXPANDED_VALUES) {
      return [
        {
          messageId: 'tooLarge',
          data: {
            detail: `more than ${withThousands(MAX_EXPANDED_VALUES)} values once its aliases and merge keys are expanded`,
          },
          range: firstLine,
        },
      ];
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias count/i.test(err.message)) {
      return [
        {
          messageId: 'tooLarge',
          data: {
            detail:
              'its aliases refer to aliases so many times over that expanding them would explode (a "billion laughs" document)',
          },
          range: firstLine,
        },
      ];
    }
    // Unknown aliases and aliases inside their own anchor are YAML problems of the model already.
    return [];
  }
  const size = expandedSize(data);
  // A cycle is an alias inside its own anchor: compose-yaml-syntax reports it at the alias.
  if (size === Infinity) return [];
  if (size > MAX_EXPANDED_VALUES) {
    return [
      {
        messageId: 'tooLarge',
        data: { detail: `more than ${withThousands(MAX_EXPANDED_VALUES)} values` },
        range: firstLine,
      },
    ];
  }
  const legacy = legacyV1Service(doc);
  if (legacy)
    return [{ messageId: 'legacyV1', data: { key: String(legacy.value) }, range: model.rangeOfNode(legacy)! }];
  let errors: SchemaError[];
  try {
    errors = validateComposeData(data);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return [{ messageId: 'tooLarge', data: { detail: 'it is nested too deeply' }, range: firstLine }];
  }
  if (errors.length === 0) return [];
  const context = new DocumentContext(model, doc, data);
  return collapse(errors, context).map((error) => context.issue(error));
}

/** The top-level keys of the Compose Specification; any other key must start with `x-`. */
const TOP_LEVEL_KEYS = new Set([
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs',
]);

/**
 * The first service of a Compose file format v1 document, which has its
 * services at the top level (no `services:` and no `version:` key, each
 * service with an `image` or a `build`); null for any other document. Compose
 * v2 rejects such a file as a whole, so one finding says so instead of one
 * unknown top-level key per service.
 */
function legacyV1Service(doc: Document.Parsed): Scalar | null {
  const root = doc.contents;
  if (!isMap(root)) return null;
  const keyOf = (pair: Pair): string | null => (isScalar(pair.key) ? String(pair.key.value) : null);
  if (root.items.some((pair) => keyOf(pair) === 'services' || keyOf(pair) === 'version')) return null;
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === null || TOP_LEVEL_KEYS.has(key) || key.startsWith('x-') || !isMap(pair.value)) continue;
    if (pair.value.has('image') || pair.value.has('build')) return pair.key as Scalar;
  }
  return null;
}

/**
 * How many values a document's tree stands for once aliases and merge keys are expanded, counted on
 * the nodes (each node once, in linear time), stopping early past MAX_EXPANDED_VALUES; a cycle counts as
 * nothing here (`toJS` and compose-yaml-syntax deal with it).
 */
function nodeSize(doc: Document.Parsed): number {
  const done = new Map<unknown, number>();
  const onStack = new Set<unknown>();
  const size = (node: unknown): number => {
    if (isAlias(node)) node = resolveAlias(doc, node);
    if (!isCollection(node)) return 1;
    const known = done.get(node);
    if (known !== undefined) return known;
    if (onStack.has(node)) return 0;
    onStack.add(node);
    let total = 1;
    for (const item of node.items) {
      total += item instanceof Pair ? 1 + size(item.value) : size(item);
      if (total > MAX_EXPANDED_VALUES) break;
    }
    onStack.delete(node);
    done.set(node, total);
    return total;
  };
  return size(doc.contents);
}

/**
 * The number of values the document stands for once aliases are expanded
 * (Infinity for a cycle). `toJS` shares one object between an anchor and its
 * aliases, so this counts each shared object once per use, in linear time.
 */
function expandedSize(root: unknown): number {
  const done = new Map<object, number>();
  const onStack = new Set<object>();
  const size = (value: unknown): number => {
    if (value === null || typeof value !== 'object') return 1;
    const known = done.get(value);
    if (known !== undefined) return known;
    if (onStack.has(value)) return Infinity;
    onStack.add(value);
    let total = 1;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      total += size(child);
      if (total > MAX_EXPANDED_VALUES) break;
    }
    onStack.delete(value);
    done.set(value, total);
    return total;
  };
  return size(root);
}

// ---------------------------------------------------------------------------
// oneOf: one mistake, one message

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function depth(path: string): number {
  return path === '' ? 0 : path.split('/').length - 1;
}

/**
 * Keeps the errors worth reporting, in order. Errors the user cannot act on
 * are dropped (interpolated values, `!reset` values). A failed `oneOf` is
 * replaced by the errors of its most plausible branch: ajv lists the errors
 * of every branch just before the `oneOf` error itself.
 */
function collapse(errors: SchemaError[], context: DocumentContext): SchemaError[] {
  const out: SchemaError[] = [];
  let i = errors.length - 1;
  while (i >= 0) {
    const error = errors[i];
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
      if (context.keep(error)) out.push(error);
      i--;
      continue;
    }
    const branches = error.parentSchema?.[error.keyword] ?? [];
    const reach = branches.map(reachableSchemas);
    const members: SchemaError[][] = branches.map(() => []);
    let j = i - 1;
    // Walking backwards, branch numbers only go down.
    let branch = branches.length - 1;
    while (j >= 0 && within(errors[j].instancePath, error.instancePath)) {
      const parent = errors[j].parentSchema;
      while (branch >= 0 && !(parent && reach[branch].has(parent))) branch--;
      if (branch < 0) break;
      members[branch].unshift(errors[j]);
      j--;
    }
    out.push(...alternatives(error, members, context).reverse());
    i = j;
  }
  return out.reverse();
}

function alternatives(error: SchemaError, members: SchemaError[][], context: DocumentContext): SchemaError[] {
  if (!context.keep(error)) return [];
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  if (passing !== null && passing !== undefined) return [error];
  const tried = members.map((list) => ({ raw: list, kept: collapse(list, context) })).filter((b) => b.raw.length > 0);
  if (tried.length === 0) return [error];
  // A branch whose every error was excused (an interpolated value) may well be the one that holds.
  if (tried.some((b) => b.kept.length === 0)) return [];
  const typeOnly = (list: SchemaError[]) =>
    list.every((e) => e.keyword === 'type' && e.instancePath === error.instancePath);
  const plausible = tried.filter((b) => !typeOnly(b.kept));
  if (plausible.length === 0) {
    // No branch has the value's type: one message listing the types that would do.
    const types = tried.flatMap((b) => b.kept.flatMap((e) => typesOf(e.params.type)));
    return [{ ...tried[0].kept[0], params: { type: [...new Set(types)] } }];
  }
  const deepest = (list: SchemaError[]) => Math.max(...list.map((e) => depth(e.instancePath)));
  plausible.sort((a, b) => deepest(b.kept) - deepest(a.kept) || a.kept.length - b.kept.length);
  return plausible[0].kept;
}

function typesOf(type: unknown): string[] {
  if (Array.isArray(type)) return type.map(String);
  return typeof type === 'string' ? type.split(',') : [];
}

// ---------------------------------------------------------------------------
// From JSON paths back to YAML nodes

interface Location {
  /** The node of the value, aliases resolved (null when the path leaves the tree). */
  value: YamlNode | null;
  /** The key of the pair that holds the value (null for list items and the document itself). */
  key: Scalar | null;
  /** The first alias crossed on the way (a `*name` value or a `<<: *name` merge): findings go there. */
  via: Alias | null;
  /** A `!reset` tag on the way: the value is dropped, whatever it is. */
  reset: boolean;
}

const SECTION_KINDS: Record<string, string> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean',
  null: 'empty',
};

/** Patterns of the schema, in words. */
const PATTERN_WORDS: Record<string, string> = {
  '^[a-zA-Z0-9._-]+$': 'use only letters, digits, `.`, `_` and `-`',
  '^[a-z]+$': 'use only lowercase letters',
  '[a-zA-Z0-9][a-zA-Z0-9_.-]+': 'a letter or digit followed by letters, digits, `_`, `.` or `-`',
  'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+':
    '`always`, `never`, `missing`, `build`, `refresh`, `daily`, `weekly` or `every_` followed by an interval such as `every_12h`',
};

function quoteList(values: unknown[]): string {
  const words = values.map((v) => `\`${String(v)}\``);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function orList(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function kindOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a decimal number';
  return `\`${String(value)}\``;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function segmentsOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

class DocumentContext {
  constructor(
    private readonly model: ComposeModel,
    private readonly doc: Document.Parsed,
    private readonly data: unknown,
  ) {}

  /** Errors the user can act on: not about an interpolated value, not under `!reset`. */
  keep(error: SchemaError): boolean {
    if (typeof error.data === 'string' && isInterpolated(error.data)) return false;
    const segments = segmentsOf(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const name = String((error.params as { additionalProperty?: string }).additionalProperty);
      if (isInterpolated(name)) return false;
      segments.push(name);
    }
    return !this.locate(segments).reset;
  }

  private resolve(node: unknown): YamlNode | null {
    let current = node as YamlNode | null;
    for (let i = 0; i < MAX_MERGE_DEPTH && isAlias(current); i++) current = resolveAlias(this.doc, current) ?? null;
    return isAlias(current) ? null : (current ?? null);
  }

  /** Per mapping: its own keys (the first of each name) and whether it has merge keys, so each error path costs its depth, not the size of the mappings it crosses. */
  private readonly ownKeys = new Map<YAMLMap, { pairs: Map<string, Pair<Scalar, unknown>>; merges: boolean }>();

  private ownKeysOf(map: YAMLMap): { pairs: Map<string, Pair<Scalar, unknown>>; merges: boolean } {
    let own = this.ownKeys.get(map);
    if (!own) {
      own = { pairs: new Map(), merges: false };
      for (const pair of map.items) {
        if (isMergeKey(pair.key)) own.merges = true;
        else if (isScalar(pair.key)) {
          const name = String(pair.key.value);
          if (!own.pairs.has(name)) own.pairs.set(name, pair as Pair<Scalar, unknown>);
        }
      }
      this.ownKeys.set(map, own);
    }
    return own;
  }

  /** The pair for `name` in a mapping, looking through merge keys like YAML does (keys written here win, then earlier merges). */
  private findPair(map: YamlNode, name: string, depth = 0): { key: Scalar; value: unknown; via: Alias | null } | null {
    if (!isMap(map)) return null;
    const own = this.ownKeysOf(map);
    const pair = own.pairs.get(name);
    if (pair) return { key: pair.key, value: pair.value, via: null };
    if (depth >= MAX_MERGE_DEPTH || !own.merges) return null;
    for (const pair of map.items) {
      if (!isMergeKey(pair.key)) continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const target = this.resolve(source);
        const found = target ? this.findPair(target, name, depth + 1) : null;
        if (found) return { ...found, via: isAlias(source) ? source : found.via };
      }
    }
    return null;
  }

  locate(segments: string[]): Location {
    let value: YamlNode | null = this.doc.contents;
    let key: Scalar | null = null;
    let via: Alias | null = null;
    let reset = false;
    const enter = (node: unknown) => {
      if (isAlias(node)) via ??= node;
      const resolved = this.resolve(node);
      if (resolved && (resolved as { tag?: string }).tag === '!reset') reset = true;
      return resolved;
    };
    value = enter(value);
    for (const segment of segments) {
      if (!value) break;
      if (isMap(value)) {
        const pair = this.findPair(value, segment);
        if (!pair) return { value: null, key: null, via, reset };
        if (pair.via) via ??= pair.via;
        key = pair.key;
        value = enter(pair.value);
      } else if (isSeq(value)) {
        key = null;
        value = enter(value.items[Number(segment)]);
      } else {
        return { value: null, key: null, via, reset };
      }
    }
    return { value, key, via, reset };
  }

  /** The range to report: the alias when the path went through one, else the key or the value. */
  private rangeOf(location: Location, prefer: 'key' | 'value'): Range {
    const text = this.model.text;
    const span = (range: [number, number]) => this.model.rangeOf(range[0], range[1]);
    if (location.via?.range) return span([location.via.range[0], location.via.range[1]]);
    const { key, value } = location;
    if (prefer === 'key' && key?.range) return span([key.range[0], key.range[1]]);
    const r = value?.range;
    if (r && r[1] > r[0]) {
      if (isScalar(value) || (isCollection(value) && value.flow)) return span([r[0], r[1]]);
      if (key?.range) return span([key.range[0], key.range[1]]);
      return span([r[0], Math.min(r[1], lineEnd(text, r[0]))]);
    }
    if (key?.range) return span([key.range[0], key.range[1]]);
    const start = (this.doc.contents as YamlNode | null)?.range?.[0] ?? 0;
    return span([start, lineEnd(text, start)]);
  }

  /** Where a path is, in words: `{ where: 'in service "web"', subject: '`ports` of service "web"' }`. */
  private describe(segments: string[], via: Alias | null): { where: string; subject: string } {
    let owner: string | null = null;
    let rest = segments;
    if (segments.length >= 2 && SECTION_KINDS[segments[0]]) {
      owner = `${SECTION_KINDS[segments[0]]} "${segments[1]}"`;
      rest = segments.slice(2);
    }
    // List indexes read as `ports[0]`; finding them needs the data, since JSON pointers do not say.
    let container: unknown = this.data;
    let dotted = '';
    segments.forEach((segment, index) => {
      const isIndex = Array.isArray(container);
      container =
        container && typeof container === 'object' ? (container as Record<string, unknown>)[segment] : undefined;
      if (index < segments.length - rest.length) return;
      dotted += isIndex ? `[${segment}]` : `${dotted ? '.' : ''}${segment}`;
    });
    const from = via ? ` (from \`*${via.source}\`)` : '';
    if (rest.length === 0) {
      return owner
        ? { where: `in ${owner}${from}`, subject: `${owner[0].toUpperCase()}${owner.slice(1)}${from}` }
        : { where: `at the top level${from}`, subject: `The compose file${from}` };
    }
    const scope = owner ? ` of ${owner}` : '';
    return { where: `in \`${dotted}\`${scope}${from}`, subject: `\`${dotted}\`${scope}${from}` };
  }

  issue(error: SchemaError): SchemaIssue {
    const segments = segmentsOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const parent = error.parentSchema ?? {};
    switch (error.keyword) {
      case 'additionalProperties': {
        const name = String(params.additionalProperty);
        const location = this.locate([...segments, name]);
        const range = this.rangeOf(location, 'key');
        const { where } = this.describe(segments, location.via);
        const allowed = Object.keys(parent.properties ?? {});
        const patterns = Object.keys(parent.patternProperties ?? {}).filter((p) => p !== '^x-');
        if (allowed.length === 0 && patterns.length > 0) {
          const kind =
            SECTION_KINDS[segments[segments.length - 1]] ??
            (segments[segments.length - 1] === 'depends_on' ? 'service' : 'key');
          return {
            messageId: 'invalidName',
            data: { name, kind, expected: PATTERN_WORDS[patterns[0]] ?? `match \`${patterns[0]}\`` },
            range,
          };
        }
        const suggestion = closestMatch(name, allowed);
        if (suggestion) {
          return {
            messageId: 'unknownKeySuggest',
            data: { key: name, where, suggestion },
            range,
            replacement: location.via ? undefined : suggestion,
          };
        }
        const extensions = parent.patternProperties?.['^x-'] !== undefined;
        if (allowed.length > 0 && allowed.length <= 12) {
          const list = allowed.map((a) => `\`${a}\``);
          if (extensions) list.push('an `x-` extension');
          return { messageId: 'unknownKeyList', data: { key: name, where, allowed: orList(list) }, range };
        }
        return {
          messageId: 'unknownKey',
          data: { key: name, where, hint: extensions ? ' (a key of your own must start with `x-`)' : '' },
          range,
        };
      }
      case 'required': {
        const location = this.locate(segments);
        return {
          messageId: 'required',
          data: { subject: this.describe(segments, location.via).subject, key: String(params.missingProperty) },
          range: this.rangeOf(location, 'key'),
        };
      }
      case 'uniqueItems': {
        const duplicate = String(Math.max(Number(params.i), Number(params.j)));
        const location = this.locate([...segments, duplicate]);
        const item: unknown = Array.isArray(error.data) ? error.data[Number(duplicate)] : undefined;
        const shown = item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item);
        return {
          messageId: 'duplicate',
          data: { subject: this.describe(segments, location.via).subject, value: shown },
          range: this.rangeOf(location, 'value'),
        };
      }
      default:
        break;
    }
    const location = this.locate(segments);
    const range = this.rangeOf(location, 'value');
    const { subject } = this.describe(segments, location.via);
    const value = String(error.data);
    switch (error.keyword) {
      case 'type': {
        const types = typesOf(params.type);
        const expected =
          types.length === 1 && types[0] === 'boolean'
            ? ['`true` or `false`']
            : [...new Set(types.map((t) => TYPE_WORDS[t] ?? t))];
        // "a whole number or a number" says nothing more than "a number".
        const words = expected.includes('a number') ? expected.filter((w) => w !== 'a whole number') : expected;
        return {
          messageId: 'wrongType',
          data: { subject, expected: orList(words), actual: kindOfValue(error.data) },
          range,
        };
      }
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]) ?? [];
        const suggestion = typeof error.data === 'string' ? closestMatch(error.data, allowed.map(String)) : null;
        const replace = suggestion && !location.via && isScalar(location.value);
        if (suggestion)
          return {
            messageId: 'enumValueSuggest',
            data: { subject, allowed: quoteList(allowed), value, suggestion },
            range,
            replacement: replace ? suggestion : undefined,
          };
        return { messageId: 'enumValue', data: { subject, allowed: quoteList(allowed), value }, range };
      }
      case 'pattern': {
        const pattern = String(params.pattern);
        return {
          messageId: 'pattern',
          data: { subject, expected: PATTERN_WORDS[pattern] ?? `text matching \`${pattern}\``, value },
          range,
        };
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const comparison = {
          minimum: 'at least',
          maximum: 'at most',
          exclusiveMinimum: 'more than',
          exclusiveMaximum: 'less than',
        }[error.keyword];
        return { messageId: 'limit', data: { subject, comparison, limit: String(params.limit), value }, range };
      }
      case 'oneOf':
      case 'anyOf':
        return { messageId: 'ambiguous', data: { subject }, range };
      default:
        return { messageId: 'other', data: { subject, detail: error.message ?? error.keyword }, range };
    }
  }
}
