/**
 * What is under the cursor in a parsed compose document: the key path to it and
 * whether it is a key or a value. Keys inside an `x-` block that services merge
 * (`<<: *base`) get the path they have inside the service, so they are explained as service keys.
 */
import { isAlias, isMap, isScalar, isSeq, Alias, Pair, Scalar, YAMLMap, Node as YamlNode } from 'yaml';
import { ComposeModel } from './model';
import { KeyPath } from './schemaPaths';

export interface YamlLocation {
  /** Keys and indexes from the root to the node; for a key, the path ends with that key. */
  path: KeyPath;
  kind: 'key' | 'value';
  node: Scalar | Alias;
  /** The pair whose key or value this is (absent for a sequence item). */
  pair?: Pair;
  /** The collections from the root down to the one holding the node. */
  collections: (YAMLMap | import('yaml').YAMLSeq)[];
}

function within(node: YamlNode | null | undefined, offset: number, end: 0 | 1 | 2 = 1): boolean {
  const r = node?.range;
  return Boolean(r && r[0] <= offset && offset <= r[end]);
}

/** The key or value scalar (or alias) at an offset in the first document. */
export function locate(model: ComposeModel, offset: number): YamlLocation | null {
  const contents = model.documents[0]?.contents as YamlNode | null | undefined;
  if (!contents) return null;
  const collections: YamlLocation['collections'] = [];
  let path: (string | number)[] = [];
  let node: YamlNode | null | undefined = contents;
  for (let depth = 0; node && depth < 200; depth++) {
    if (isScalar(node) || isAlias(node)) {
      return within(node, offset) ? { path, kind: 'value', node, collections } : null;
    }
    if (isMap(node)) {
      collections.push(node);
      const pair: Pair | undefined =
        node.items.find((p) => within(p.key as YamlNode, offset)) ??
        node.items.find((p) => within(p.value as YamlNode, offset, 1));
      if (!pair) return null;
      const key = pair.key as YamlNode;
      const name = isMergeKey(key) ? '<<' : isScalar(key) ? String(key.value) : '';
      if (within(key, offset))
        return isScalar(key) ? { path: [...path, name], kind: 'key', node: key, pair, collections } : null;
      path = [...path, name];
      const value = pair.value as YamlNode | null;
      if (isScalar(value) || isAlias(value))
        return within(value, offset) ? { path, kind: 'value', node: value, pair, collections } : null;
      node = value;
      continue;
    }
    if (isSeq(node)) {
      collections.push(node);
      const index = node.items.findIndex((item) => within(item as YamlNode, offset, 1));
      if (index < 0) return null;
      path = [...path, index];
      node = node.items[index] as YamlNode;
      continue;
    }
    return null;
  }
  return null;
}

/**
 * A path that starts in an `x-` extension block merged into a service (`<<: *base`)
 * rebased onto that service (`x-base.restart` → `services.web.restart`); other paths unchanged.
 */
export function effectivePath(model: ComposeModel, location: YamlLocation): KeyPath {
  const { path, collections } = location;
  if (typeof path[0] !== 'string' || !path[0].startsWith('x-')) return path;
  for (let i = 1; i < collections.length; i++) {
    const candidate = collections[i];
    if (!isMap(candidate)) continue;
    for (const service of model.services) {
      const merges = service.map?.items.filter((p) => isMergeKey(p.key)) ?? [];
      for (const merge of merges) {
        const source = model.resolve(merge.value);
        const sources = isSeq(source) ? source.items.map((item) => model.resolve(item)) : [source];
        // collections[i] is the mapping reached after path[0..i-1].
        if (sources.includes(candidate)) return ['services', service.name, ...path.slice(i)];
      }
    }
  }
  return path;
}

/** The offset of a scalar's text inside its quotes. */
export function valueStart(model: ComposeModel, node: YamlNode): number {
  const start = node.range![0];
  const first = model.text[start];
  return first === '"' || first === "'" ? start + 1 : start;
}

/** A YAML merge key `<<` (the parser gives it a symbol value when merge keys are enabled). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}
