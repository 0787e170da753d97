/**
 * One parse of a compose file per document version: the YAML node tree with
 * source ranges (the `yaml` package), shared by every compose rule.
 */
import { withThousands } from '../util/numbers';
import {
  Alias,
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  Node as YamlNode,
  Tags,
  visit,
} from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';

export interface YamlProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

/** One key of a mapping after YAML merge keys (`<<: *defaults`) and aliases are resolved. */
export interface Entry {
  key: Scalar;
  /** The value, aliases resolved; null for an empty value. */
  value: YamlNode | null;
  /** True when the entry comes from a merged mapping rather than being written here. */
  merged: boolean;
}

/** A service under `services:`, with its keys resolved. */
export interface ComposeService {
  name: string;
  key: Scalar;
  /** The service's mapping (null when the value is not a mapping). */
  map: YAMLMap | null;
  entries: Map<string, Entry>;
}

/** A named definition under `networks:`, `volumes:`, `secrets:` or `configs:`. */
export interface Definition {
  name: string;
  key: Scalar;
  value: YamlNode | null;
}

export type DefinitionSection = 'networks' | 'volumes' | 'secrets' | 'configs';

/** The top-level sections whose entries services refer to by name. */
export const RESOURCE_SECTIONS: readonly DefinitionSection[] = ['networks', 'volumes', 'secrets', 'configs'];

/** What one entry of a section is, as a message names it (`volume`). */
export const RESOURCE_KIND: Readonly<Record<DefinitionSection, string>> = {
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
};

/** Compose's own tags: `!reset` drops an inherited value, `!override` replaces it instead of merging. */
export const COMPOSE_TAGS: Tags = ['!reset', '!override'].flatMap((tag) => [
  { tag, collection: 'map' as const, nodeClass: YAMLMap, identify: () => false },
  { tag, collection: 'seq' as const, nodeClass: YAMLSeq, identify: () => false },
  { tag, identify: () => false, resolve: (value: string) => value },
]);

const TOO_DEEP =
  'Nested too deeply here for the parser to follow (thousands of levels); what is inside is not checked.';

/** Merge chains deeper than this are ignored (a hostile file cannot make us loop). */
const MAX_MERGE_DEPTH = 20;
/**
 * How many keys merge keys may copy into mappings, over the whole file. One anchor of thousands of
 * keys merged into thousands of services would otherwise build millions of entries; past this, further
 * merges are not applied and compose-yaml-syntax says so.
 */
export const MAX_MERGED_KEYS = 100_000;

/** True when a compose value is interpolated from the environment (`${VAR}`, `$VAR`), so its final value is unknown. `$$` is a literal dollar. */
export function isInterpolated(text: string): boolean {
  return /(^|[^$])(\$\$)*\$(\{|[A-Za-z_])/.test(text);
}

/** The text of a scalar (numbers and booleans as written), or null for anything else. */
export function scalarText(node: YamlNode | null | undefined): string | null {
  if (!isScalar(node) || node.value === null || node.value === undefined) return null;
  return typeof node.source === 'string' ? node.source : String(node.value);
}

/**
 * What an alias names, as yaml's `Alias.resolve` finds it (the last node anchored with its name before
 * it, in document order), from an index built once per document: `resolve` walks the whole document
 * on every call, which made a file with thousands of aliases quadratic.
 */
export function resolveAlias(doc: Document.Parsed, alias: Alias): YamlNode | undefined {
  let index = anchorIndexes.get(doc);
  if (!index) {
    index = { anchors: new Map(), positions: new Map() };
    const built = index;
    let order = 0;
    visit(doc, {
      Node: (_key, node) => {
        order++;
        if (isAlias(node)) built.positions.set(node, order);
        else if (node.anchor) {
          const list = built.anchors.get(node.anchor);
          if (list) list.push({ order, node });
          else built.anchors.set(node.anchor, [{ order, node }]);
        }
      },
    });
    anchorIndexes.set(doc, index);
  }
  const position = index.positions.get(alias);
  const candidates = index.anchors.get(alias.source);
  if (position === undefined || !candidates) return undefined;
  // The last anchor before the alias: a binary search over the anchors of that name, in document order.
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (candidates[middle].order < position) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? candidates[low - 1].node : undefined;
}
const anchorIndexes = new WeakMap<
  Document.Parsed,
  { anchors: Map<string, { order: number; node: YamlNode }[]>; positions: Map<Alias, number> }
>();

export class ComposeModel {
  readonly document: TextDocument;
  readonly text: string;
  readonly documents: Document.Parsed[];
  /**
   * What the YAML parser could not read (syntax, unknown or self-containing aliases, too deep a nesting)
   * and merges too large to apply: the findings of `compose-yaml-syntax`.
   */
  get yamlProblems(): readonly YamlProblem[] {
    // Merges are resolved lazily: the services' own, the ones most files have, are resolved first.
    void this.services;
    return this.problems;
  }
  private readonly problems: YamlProblem[] = [];
  /** Keys copied by merge keys so far (see MAX_MERGED_KEYS). */
  private mergedKeys = 0;

  constructor(source: TextDocument) {
    this.text = source.getText();
    this.document = TextDocument.create(source.uri, source.languageId, source.version, this.text);
    // The node tree keeps aliases as references (no expansion), so a "billion laughs" document stays small.
    let documents: Document.Parsed[];
    try {
      documents = parseAllDocuments(this.text, {
        prettyErrors: false,
        uniqueKeys: true,
        merge: true,
        customTags: COMPOSE_TAGS,
        // A mapping or list as a key is stringified by `toJS` (compose-schema then reports the key): without this
        // the library also printed a warning of its own on the process's stderr (in the CLI's output).
        logLevel: 'error',
      }) as Document.Parsed[];
    } catch (err) {
      // The parser recurses per nesting level: thousands of levels (`- - - - …`) exhaust the stack.
      if (!(err instanceof RangeError)) throw err;
      documents = [];
      this.problems.push({ message: TOO_DEEP, range: this.rangeOf(0, 0), severity: 'error' });
    }
    this.documents = Array.isArray(documents) ? documents : [];
    for (const doc of this.documents) {
      // Too deep a nesting fails at every level the parser unwinds through: say it once.
      const tooDeep = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
      if (tooDeep) this.problems.push(this.toProblem(TOO_DEEP, tooDeep.pos, 'error'));
      for (const error of doc.errors) {
        if (error.code === 'RESOURCE_EXHAUSTION') continue;
        // The parser marks a duplicate key by its first character: cover the whole key.
        const pos = error.code === 'DUPLICATE_KEY' ? this.keySpanAt(error.pos[0]) : error.pos;
        this.problems.push(this.toProblem(error.message, pos, 'error'));
      }
      for (const warning of doc.warnings) this.problems.push(this.toProblem(warning.message, warning.pos, 'warning'));
      // An alias is written `*name`: without a `*` there is none to check, and no walk over every node.
      if (doc.errors.length === 0 && this.text.includes('*')) {
        visit(doc, {
          Alias: (_key, alias) => {
            if (!alias.range) return;
            const target = resolveAlias(doc, alias);
            if (target === undefined) {
              this.problems.push(
                this.toProblem(
                  `Unknown alias *${alias.source}: no anchor &${alias.source} is defined before it.`,
                  [alias.range[0], alias.range[1]],
                  'error',
                ),
              );
            } else if (target.range && target.range[0] <= alias.range[0] && alias.range[1] <= target.range[2]) {
              // Docker Compose refuses it too ("anchor value contains itself").
              this.problems.push(
                this.toProblem(
                  `The alias *${alias.source} is inside the anchor &${alias.source} it refers to: the value would contain itself.`,
                  [alias.range[0], alias.range[1]],
                  'error',
                ),
              );
            }
          },
        });
      }
    }
  }

  /** The top-level mapping of the first document, if it is one. */
  get root(): YAMLMap | null {
    const contents = this.documents[0]?.contents;
    return isMap(contents) ? contents : null;
  }

  /** Follows an alias to the node it names (null when it cannot be resolved). */
  resolve(node: unknown, doc: Document.Parsed | undefined = this.documents[0]): YamlNode | null {
    let current = node as YamlNode | null;
    for (let i = 0; i < MAX_MERGE_DEPTH && isAlias(current); i++)
      current = doc ? (resolveAlias(doc, current) ?? null) : null;
    return isAlias(current) ? null : (current ?? null);
  }

  /**
   * Each mapping's entries, computed once: `<<: [*a, *a, *a]` nested level after level merges the
   * same anchors again and again, which without this costs exponential time (a merge-key bomb).
   * A mapping being computed is skipped when a merge reaches it again (a merge cycle).
   */
  private readonly entriesCache = new Map<YAMLMap, Map<string, Entry> | 'computing'>();

  /** The keys of a mapping with merge keys and aliases resolved; keys written in the mapping win over merged ones. */
  entriesOf(map: YAMLMap, depth = 0): Map<string, Entry> {
    const cached = this.entriesCache.get(map);
    if (cached === 'computing') return new Map();
    if (cached) return cached;
    this.entriesCache.set(map, 'computing');
    const entries = this.computeEntries(map, depth);
    this.entriesCache.set(map, entries);
    return entries;
  }

  private computeEntries(map: YAMLMap, depth: number): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    const merged: Map<string, Entry>[] = [];
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const key = pair.key;
      if (key.value === '<<' || typeof key.value === 'symbol') {
        if (depth >= MAX_MERGE_DEPTH) continue;
        const source = this.resolve(pair.value);
        const sources = isSeq(source) ? source.items.map((item) => this.resolve(item)) : [source];
        for (const m of sources) if (isMap(m)) merged.push(this.entriesOf(m, depth + 1));
        continue;
      }
      entries.set(String(key.value), { key, value: this.resolve(pair.value), merged: false });
    }
    for (const source of merged) {
      for (const [name, entry] of source) {
        if (entries.has(name)) continue;
        if (this.mergedKeys === MAX_MERGED_KEYS) {
          const mergeKey = map.items.find(
            (pair) => isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol'),
          )?.key as Scalar | undefined;
          const at = mergeKey?.range ?? [0, 0];
          this.problems.push(
            this.toProblem(
              `Merge keys in this file copy more than ${withThousands(MAX_MERGED_KEYS)} keys: from here on, merges are not applied, so what they would add is not checked.`,
              [at[0], at[1]],
              'warning',
            ),
          );
          this.mergedKeys++;
        }
        if (this.mergedKeys > MAX_MERGED_KEYS) return entries;
        this.mergedKeys++;
        entries.set(name, { ...entry, merged: true });
      }
    }
    return entries;
  }

  private servicesCache: ComposeService[] | undefined;

  /** Every service of the first document, in file order. */
  get services(): ComposeService[] {
    if (!this.servicesCache) {
      this.servicesCache = [];
      const section = this.resolve(this.topLevelPair('services')?.value);
      if (isMap(section)) {
        for (const pair of section.items) {
          if (!isScalar(pair.key)) continue;
          const value = this.resolve(pair.value);
          const map = isMap(value) ? value : null;
          this.servicesCache.push({
            name: String(pair.key.value),
            key: pair.key,
            map,
            entries: map ? this.entriesOf(map) : new Map<string, Entry>(),
          });
        }
      }
    }
    return this.servicesCache;
  }

  /** The named networks, volumes, secrets or configs defined at the top level. */
  definitions(section: DefinitionSection): Definition[] {
    const value = this.resolve(this.topLevelPair(section)?.value);
    if (!isMap(value)) return [];
    return value.items
      .filter((p) => isScalar(p.key))
      .map((p) => ({ name: String((p.key as Scalar).value), key: p.key as Scalar, value: this.resolve(p.value) }));
  }

  /** A top-level key's pair, e.g. `version`. */
  topLevelPair(key: string): Pair<Scalar, unknown> | undefined {
    return this.root?.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as
      Pair<Scalar, unknown> | undefined;
  }

  rangeOfNode(node: YamlNode | null | undefined): Range | null {
    const r = node?.range;
    if (!r) return null;
    return this.rangeOf(r[0], r[1]);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }

  /** The whole line span of a top-level pair, for deletion fixes. */
  lineSpanOfPair(pair: Pair<Scalar, unknown>): { start: number; end: number } | null {
    const keyRange = pair.key?.range;
    const value = pair.value as YamlNode | null;
    const endOffset = value?.range ? value.range[2] : keyRange?.[2];
    if (!keyRange || endOffset === undefined) return null;
    const start = this.text.lastIndexOf('\n', keyRange[0] - 1) + 1;
    let end = this.text.indexOf('\n', Math.max(endOffset - 1, keyRange[1]));
    end = end < 0 ? this.text.length : end + 1;
    return { start, end };
  }

  /** The span of the mapping key written at `offset` (quoted or plain). */
  private keySpanAt(offset: number): [number, number] {
    const quote = this.text[offset];
    if (quote === '"' || quote === "'") {
      const close = this.text.indexOf(quote, offset + 1);
      return [offset, close < 0 ? offset + 1 : close + 1];
    }
    const plain = /[^\s:,[\]{}#]*/y;
    plain.lastIndex = offset;
    return [offset, offset + (plain.exec(this.text)?.[0].length ?? 0)];
  }

  private toProblem(message: string, pos: [number, number], severity: 'error' | 'warning'): YamlProblem {
    const firstLine = message.split('\n')[0];
    const end = Math.max(pos[1], pos[0] + 1);
    return { message: firstLine, range: this.rangeOf(pos[0], Math.min(end, this.text.length)), severity };
  }
}
