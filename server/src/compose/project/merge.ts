/**
 * Merging compose files as compose-go does (its `override` package), written from its behaviour: what a
 * later file does to each field of an earlier one.
 * - Mappings merge key by key; scalars are replaced; other sequences are appended, leaving out the entries
 *   equal to one already there (so merging the same file twice changes nothing).
 * - Some paths have their own rule (`MERGE_RULES`): `command`, `entrypoint` and `healthcheck.test` are
 *   replaced; `environment`, `labels`, `build.args`, `sysctls`… become `KEY=value` lists (a mapping is
 *   written as its sorted `KEY=value` entries) merged by key: a later entry takes the place of the earlier
 *   one with the same key; `dns`, `env_file`, `tmpfs`, `extra_hosts`… become lists and are appended without
 *   repeats; `depends_on`, `networks` and `models` become mappings and merge (null counts as empty);
 *   `build: path` is `build: {context: path}`; `logging` merges only for the same driver;
 *   `networks.*.ipam.config` merges by subnet. `jobs` get the rules of `services`, as in compose-go's main
 *   branch (the element itself is a proposal of the compose-spec, not yet in a release of it).
 * - Then the unicity pass (`enforceUnicity`): in the lists of `UNIQUE_BY`, a later entry with the same
 *   key (variable name, mount target, port…) replaces the earlier one in place.
 */
import { compareCodeUnits } from '../../util/order';

export type Value = null | string | number | boolean | Value[] | Mapping;
export interface Mapping {
  [key: string]: Value;
}

/** A mapping without a prototype, so that a key such as `__proto__` is an ordinary key. */
export function newMapping(): Mapping {
  return Object.create(null) as Mapping;
}

export function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why two values cannot be merged (compose-go's "cannot override" errors), with the path. */
export class MergeError extends Error {
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
  }
}

type Merger = (base: Value, override: Value, path: string[]) => Value;

/** Matches a path against a pattern of segments, `*` standing for any one segment. */
function matches(path: readonly string[], pattern: readonly string[]): boolean {
  return path.length === pattern.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

const replace: Merger = (_base, override) => override;

/** A value as `KEY=value` entries, as Compose converts a mapping before appending (sorted, `KEY` alone for null). */
export function toSequence(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [value];
  if (!isMapping(value)) return [];
  const entries: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === null) entries.push(k);
    else if (Array.isArray(v)) for (const item of v) entries.push(`${k}=${goText(item)}`);
    else entries.push(`${k}=${goText(v)}`);
  }
  // Go compares strings byte by byte.
  return entries.sort(compareCodeUnits);
}

/** How Go's `%v` prints a scalar (the numbers Compose files hold print the same way in JavaScript). */
function goText(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A value as a mapping, as Compose converts `depends_on`, `networks` and `models` lists before merging. */
function toMapping(value: Value, defaults: Mapping | null, path: string[]): Mapping {
  if (isMapping(value)) return value;
  const out = newMapping();
  const add = (key: Value) => {
    if (typeof key !== 'string')
      throw new MergeError(`${path.join('.')}: cannot use ${describe(key)} as a mapping key`, path);
    out[key] = defaults ? { ...defaults } : null;
  };
  if (value === null) return out;
  if (typeof value === 'string') add(value);
  else if (Array.isArray(value)) value.forEach(add);
  else throw new MergeError(`${path.join('.')}: cannot convert ${describe(value)} into a mapping`, path);
  return out;
}

function describe(v: Value): string {
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a sequence'
      : isMapping(v)
        ? 'a mapping'
        : `${typeof v} ${JSON.stringify(v)}`;
}

/** `base` followed by the entries of `override` not equal to one already in the result (base's own repeats stay). */
function appendWithoutRepeats(base: Value[], override: Value[]): Value[] {
  const out = [...base];
  for (const v of override) if (!out.some((e) => deepEqual(e, v))) out.push(v);
  return out;
}

/** Lists such as `dns` or `env_file` (a single string is a list of one): appended without repeats. */
const appendAsSequence: Merger = (base, override) => appendWithoutRepeats(toSequence(base), toSequence(override));

/** `KEY=value` lists: appended, then each key kept once, where it first appears, with its last value. */
const mergeByKey: Merger = (base, override, path) =>
  uniqueBy([...toSequence(base), ...toSequence(override)], byKey, path);

const mergeAsMapping =
  (defaults: Mapping | null): Merger =>
  (base, override, path) =>
    mergeMappings(toMapping(base, defaults, path), toMapping(override, defaults, path), path);

const mergeBuild: Merger = (base, override, path) => {
  const asBuild = (v: Value): Mapping =>
    typeof v === 'string' ? Object.assign(newMapping(), { context: v }) : isMapping(v) ? v : newMapping();
  return mergeMappings(asBuild(base), asBuild(override), path);
};

const mergeLogging: Merger = (base, override, path) => {
  if (override === null) return base;
  if (base === null) return override;
  if (!isMapping(base))
    throw new MergeError(`${path.join('.')}: cannot merge logging: ${describe(base)} is not a mapping`, path);
  if (!isMapping(override))
    throw new MergeError(`${path.join('.')}: cannot merge logging: ${describe(override)} is not a mapping`, path);
  // Options merge only when both files name the same driver (or one names none).
  if (!('driver' in override) || !('driver' in base) || deepEqual(override.driver, base.driver))
    return mergeMappings(base, override, path);
  return override;
};

/** A limit: two soft/hard mappings merge key by key; otherwise the later value wins whole. */
const mergeUlimit: Merger = (base, override, path) =>
  isMapping(base) && isMapping(override) ? mergeMappings(base, override, path) : override;

const mergeIpamConfig: Merger = (base, override, path) => {
  if (!Array.isArray(base))
    throw new MergeError(`${path.join('.')}: the base value is not a list (${describe(base)})`, path);
  if (!Array.isArray(override))
    throw new MergeError(`${path.join('.')}: the override value is not a list (${describe(override)})`, path);
  const out: Mapping[] = [];
  const indexOfSubnet = (subnet: Value) => out.findIndex((c) => deepEqual(c.subnet ?? null, subnet));
  for (const original of base) {
    const right = toMapping(original, null, path);
    for (const item of override) {
      const left = toMapping(item, null, path);
      if (!deepEqual(left.subnet ?? null, right.subnet ?? null) && indexOfSubnet(left.subnet ?? null) < 0) {
        out.push(left);
        continue;
      }
      const merged = mergeMappings(right, left, path);
      const at = indexOfSubnet(merged.subnet ?? null);
      if (at >= 0) out[at] = merged;
      else out.push(merged);
    }
  }
  return out;
};

/** The rules of a service (compose-go applies them to jobs too). */
const CONTAINER_RULES: [string, Merger][] = [
  ['annotations', mergeByKey],
  ['build', mergeBuild],
  ['build.args', mergeByKey],
  ['build.additional_contexts', mergeByKey],
  ['build.extra_hosts', appendAsSequence],
  ['build.labels', mergeByKey],
  ['command', replace],
  ['depends_on', mergeAsMapping({ condition: 'service_started', required: true })],
  ['dns', appendAsSequence],
  ['dns_opt', appendAsSequence],
  ['dns_search', appendAsSequence],
  ['entrypoint', replace],
  ['env_file', appendAsSequence],
  ['label_file', appendAsSequence],
  ['environment', mergeByKey],
  ['extra_hosts', appendAsSequence],
  ['healthcheck.test', replace],
  ['labels', mergeByKey],
  ['volumes.*.volume.labels', mergeByKey],
  ['logging', mergeLogging],
  ['models', mergeAsMapping(null)],
  ['networks', mergeAsMapping(null)],
  ['sysctls', mergeByKey],
  ['tmpfs', appendAsSequence],
  ['ulimits.*', mergeUlimit],
];

/** compose-go's rules per path (its `mergeSpecials`). */
const MERGE_RULES: [string[], Merger][] = (
  [
    ['networks.*.ipam.config', mergeIpamConfig],
    ['networks.*.labels', mergeByKey],
    ['volumes.*.labels', mergeByKey],
    ['secrets.*.labels', mergeByKey],
    ['configs.*.labels', mergeByKey],
    ...CONTAINER_RULES.map(([p, m]) => [`services.*.${p}`, m]),
    ...CONTAINER_RULES.map(([p, m]) => [`jobs.*.${p}`, m]),
    ['services.*.deploy.labels', mergeByKey],
  ] as [string, Merger][]
).map(([p, m]) => [p.split('.'), m]);

/** Merges `override` into `base` at `path` (both may be changed; use the result). */
export function mergeValues(base: Value, override: Value, path: string[] = []): Value {
  for (const [pattern, merger] of MERGE_RULES) if (matches(path, pattern)) return merger(base, override, path);
  if (override === null) return base;
  if (isMapping(base)) {
    if (!isMapping(override)) throw new MergeError(`cannot override ${path.join('.')}`, path);
    return mergeMappings(base, override, path);
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(override)) throw new MergeError(`cannot override ${path.join('.')}`, path);
    return appendWithoutRepeats(base, override);
  }
  return override;
}

function mergeMappings(base: Mapping, override: Mapping, path: string[]): Mapping {
  for (const [key, value] of Object.entries(override)) {
    base[key] = key in base ? mergeValues(base[key], value, [...path, key]) : value;
  }
  return base;
}

// ---- unicity ----

type Indexer = (entry: Value, path: string[]) => string;

const byKey: Indexer = (entry, path) => {
  if (typeof entry !== 'string')
    throw new MergeError(`${path.join('.')}: unexpected ${describe(entry)} (a "KEY=value" string is expected)`, path);
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
};

/** The container path of a volume written `source:target[:mode]` (or `target`), as Compose's volume parser finds it. */
export function volumeTarget(spec: string): string {
  const parts = splitVolume(spec);
  return parts.length === 1 ? parts[0] : parts[1];
}

/** `a:b:c` split on colons, keeping a Windows drive letter (`C:\x`) with its path. */
function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    const driveLetter =
      c === ':' && current.length === 1 && /[A-Za-z]/.test(current) && /[\\/]/.test(spec[i + 1] ?? '');
    if (c === ':' && !driveLetter) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const byVolumeTarget: Indexer = (entry, path) => {
  if (isMapping(entry)) {
    if (typeof entry.target !== 'string')
      throw new MergeError(`service volume ${path.join('.')} is missing a mount target`, path);
    return entry.target;
  }
  return typeof entry === 'string' ? volumeTarget(entry) : '';
};

const byDeviceTarget: Indexer = (entry, path) => {
  if (isMapping(entry)) {
    if (typeof entry.target !== 'string')
      throw new MergeError(`service device ${path.join('.')} is missing a mount target`, path);
    return entry.target;
  }
  if (typeof entry !== 'string') return '';
  const parts = entry.split(':');
  return parts.length === 1 ? parts[0] : parts[1];
};

const byExposed: Indexer = (entry, path) => {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'number' && Number.isInteger(entry)) return String(entry);
  throw new MergeError(`${path.join('.')}: unsupported expose value ${JSON.stringify(entry)}`, path);
};

const byMountTarget =
  (folder: string): Indexer =>
  (entry, path) => {
    if (typeof entry === 'string') return `${folder}/${entry}`;
    if (isMapping(entry))
      return typeof entry.target === 'string' ? entry.target : `${folder}/${goText(entry.source ?? null)}`;
    throw new MergeError(`${path.join('.')}: unsupported value ${JSON.stringify(entry)}`, path);
  };

const byPort: Indexer = (entry, path) => {
  if (typeof entry === 'number') return String(entry);
  if (typeof entry === 'string') return entry;
  if (isMapping(entry)) {
    if (!('target' in entry)) throw new MergeError(`service ports ${path.join('.')} is missing a target port`, path);
    return `${goText(entry.host_ip ?? '0.0.0.0')}:${goText(entry.published ?? null)}:${goText(entry.target)}/${goText(entry.protocol ?? 'tcp')}`;
  }
  return '';
};

const byEnvFile: Indexer = (entry, path) => {
  if (typeof entry === 'string') return entry;
  if (isMapping(entry)) {
    if (!('path' in entry)) throw new MergeError(`environment path attribute ${path.join('.')} is missing`, path);
    return goText(entry.path);
  }
  return '';
};

/** compose-go's lists whose entries are unique by a key (its `unique` indexers). */
const UNIQUE_BY: [string[], Indexer][] = (
  [
    ['networks.*.labels', byKey],
    ['networks.*.ipam.options', byKey],
    ['services.*.annotations', byKey],
    ['services.*.build.args', byKey],
    ['services.*.build.additional_contexts', byKey],
    ['services.*.build.extra_hosts', byKey],
    ['services.*.build.platform', byKey],
    ['services.*.build.tags', byKey],
    ['services.*.build.labels', byKey],
    ['services.*.cap_add', byKey],
    ['services.*.cap_drop', byKey],
    ['services.*.configs', byMountTarget('')],
    ['services.*.deploy.labels', byKey],
    ['services.*.devices', byDeviceTarget],
    ['services.*.dns', byKey],
    ['services.*.dns_opt', byKey],
    ['services.*.dns_search', byKey],
    ['services.*.environment', byKey],
    ['services.*.env_file', byEnvFile],
    ['services.*.expose', byExposed],
    ['services.*.extra_hosts', byKey],
    ['services.*.labels', byKey],
    ['services.*.links', byKey],
    ['services.*.networks.*.aliases', byKey],
    ['services.*.networks.*.link_local_ips', byKey],
    ['services.*.ports', byPort],
    ['services.*.profiles', byKey],
    ['services.*.secrets', byMountTarget('/run/secrets')],
    ['services.*.sysctls', byKey],
    ['services.*.tmpfs', byKey],
    ['services.*.volumes', byVolumeTarget],
  ] as [string, Indexer][]
).map(([p, m]) => [p.split('.'), m]);

/** Removes the entries a later one redefines, in the lists of UNIQUE_BY (the later entry takes the earlier one's place). */
export function enforceUnicity(value: Value, path: string[] = []): Value {
  if (isMapping(value)) {
    for (const key of Object.keys(value)) value[key] = enforceUnicity(value[key], [...path, key]);
    return value;
  }
  if (!Array.isArray(value)) return value;
  const rule = UNIQUE_BY.find(([pattern]) => matches(path, pattern));
  return rule ? uniqueBy(value, rule[1], path) : value;
}

/** Each key once, where it first appears, holding the last entry with that key. */
function uniqueBy(list: Value[], indexer: Indexer, path: string[]): Value[] {
  const out: Value[] = [];
  const at = new Map<string, number>();
  list.forEach((entry, i) => {
    const key = indexer(entry, [...path, `[${i}]`]);
    const j = at.get(key);
    if (j !== undefined) out[j] = entry;
    else {
      at.set(key, out.length);
      out.push(entry);
    }
  });
  return out;
}

export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A deep copy (merging changes its inputs; a value used twice, as an extended service is, is copied first). */
export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (isMapping(v)) {
    const out = newMapping();
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
    return out as T;
  }
  return v;
}
