/**
 * What compose services refer to by name: other services (`depends_on`,
 * `links`, `extends`, `service:` modes, `volumes_from`) and top-level
 * networks, volumes, secrets and configs, each with the exact range of the
 * name. Shared by the reference rules (and later by navigation and rename).
 */
import * as path from 'path';
import { isMap, isScalar, isSeq, Scalar, YAMLMap, Node as YamlNode } from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { filePathOf } from '../util/files';
import { volumeMounts } from './entries';
import { ComposeModel, ComposeService, DefinitionSection, Entry, isInterpolated, scalarText } from './model';

export type ReferenceKind = DefinitionSection | 'services';

export interface Span {
  start: number;
  end: number;
}

export interface Reference {
  kind: ReferenceKind;
  name: string;
  /** The service holding the reference. */
  service: ComposeService;
  /** The service key it is written under (`depends_on`, `networks`, `build`…). */
  via: string;
  /** The scalar that holds the name. */
  node: Scalar;
  /** Document offsets of the name itself; null when they cannot be known exactly (escapes, block scalars). */
  span: Span | null;
  /** True when the reference comes from a merged mapping (`<<: *defaults`), not from the service itself. */
  merged: boolean;
  /** `depends_on` with `required: false`: Compose accepts it when the service is missing. */
  optional?: boolean;
}

/**
 * The document offsets of `length` characters at `index` of a scalar's value,
 * when the source writes them literally (plain or quoted without escapes before them).
 */
export function spanInScalar(model: ComposeModel, node: Scalar, index: number, length: number): Span | null {
  const range = node.range;
  const value = scalarText(node);
  if (!range || value === null) return null;
  const quote =
    node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : node.type === Scalar.PLAIN ? 0 : -1;
  if (quote < 0) return null;
  const start = range[0] + quote + index;
  return model.text.slice(start, start + length) === value.slice(index, index + length)
    ? { start, end: start + length }
    : null;
}

/** The range to report a reference at: the name, or the service key when the reference is merged in from elsewhere. */
export function referenceRange(model: ComposeModel, ref: Reference): Range {
  if (ref.merged) return model.rangeOfNode(ref.service.key)!;
  if (ref.span) return model.rangeOf(ref.span.start, ref.span.end);
  return model.rangeOfNode(ref.node)!;
}

/** A literal, non-interpolated string value. */
function literal(node: YamlNode | null | undefined): string | null {
  const text = scalarText(node);
  return text === null || isInterpolated(text) ? null : text;
}

type Collector = (name: string, node: Scalar, index?: number) => void;

/** The string items of a sequence, or the keys of a mapping (`networks:`, `depends_on:` in both forms). */
function namesOfListOrMap(model: ComposeModel, value: YamlNode | null, add: Collector): void {
  if (isSeq(value)) {
    for (const item of value.items) {
      const node = model.resolve(item);
      const name = literal(node);
      if (name !== null) add(name, node as Scalar);
    }
  } else if (isMap(value)) {
    for (const [name, entry] of model.entriesOf(value)) if (!isInterpolated(name)) add(name, entry.key);
  }
}

/** `secrets:`/`configs:` items: a name, or a mapping with `source`. */
function sourcesOf(model: ComposeModel, value: YamlNode | null, add: Collector): void {
  if (!isSeq(value)) return;
  for (const item of value.items) {
    const node = model.resolve(item);
    if (isMap(node)) {
      const source = model.entriesOf(node).get('source')?.value;
      const name = literal(source);
      if (name !== null) add(name, source as Scalar);
    } else {
      const name = literal(node);
      if (name !== null) add(name, node as Scalar);
    }
  }
}

/** A mount of a service's `volumes:`. */
export interface Mount {
  type: 'volume' | 'bind' | 'tmpfs' | 'anonymous' | 'other' | 'unknown';
  /** The named volume or host path; null for anonymous volumes and tmpfs. */
  source: string | null;
  /** The path in the container, when literal. */
  target: string | null;
  /** The item (a scalar in short syntax, a mapping in long syntax). */
  node: YamlNode;
  /** The scalar holding the source, with the source's offset in its value. */
  sourceNode: Scalar | null;
}

/** A short-syntax source that is a host path (relative, absolute, home, Windows) rather than a volume name. */
function isHostPath(source: string): boolean {
  return /^[./~\\]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}

/**
 * The service's `volumes:` mounts (aliases and merge keys followed), told
 * apart as named volumes, bind mounts and the rest, with literal targets.
 */
export function mountsOf(model: ComposeModel, service: ComposeService): Mount[] {
  const mounts: Mount[] = [];
  for (const mount of volumeMounts(service, model)) {
    const { node, source } = mount;
    const target = mount.target === null || isInterpolated(mount.target) ? null : mount.target;
    if (mount.syntax === 'short') {
      if (source === null) mounts.push({ type: 'anonymous', source: null, target, node, sourceNode: null });
      else if (isInterpolated(source))
        mounts.push({ type: 'unknown', source, target, node, sourceNode: node as Scalar });
      else
        mounts.push({ type: isHostPath(source) ? 'bind' : 'volume', source, target, node, sourceNode: node as Scalar });
      continue;
    }
    const type = literal(mount.typeNode);
    const sourceNode = isScalar(mount.sourceNode) ? mount.sourceNode : null;
    if (type === 'volume') {
      if (source === null) mounts.push({ type: 'anonymous', source: null, target, node, sourceNode: null });
      else mounts.push({ type: isInterpolated(source) ? 'unknown' : 'volume', source, target, node, sourceNode });
    } else if (type === 'bind' || type === 'tmpfs') mounts.push({ type, source, target, node, sourceNode });
    else mounts.push({ type: type === null ? 'unknown' : 'other', source, target, node, sourceNode });
  }
  return mounts;
}

/** Literal value of `service:NAME` (and `service:NAME:mode` for `volumes_from`). */
function serviceModeName(text: string): { name: string; index: number } | null {
  if (!text.startsWith('service:')) return null;
  const name = text.slice('service:'.length).split(':')[0];
  return name ? { name, index: 'service:'.length } : null;
}

function collect(model: ComposeModel, service: ComposeService, kind: ReferenceKind): Reference[] {
  const refs: Reference[] = [];
  const at =
    (via: string, entry: Entry): Collector =>
    (name, node, index = 0) => {
      refs.push({
        kind,
        name,
        service,
        via,
        node,
        span: entry.merged ? null : spanInScalar(model, node, index, name.length),
        merged: entry.merged,
      });
    };
  const entries = service.entries;
  const each = (key: string, read: (value: YamlNode | null, add: Collector) => void) => {
    const entry = entries.get(key);
    if (entry) read(entry.value, at(key, entry));
  };
  switch (kind) {
    case 'services':
      each('depends_on', (value, add) => namesOfListOrMap(model, value, add));
      if (isMap(entries.get('depends_on')?.value)) {
        const dependencies = model.entriesOf(entries.get('depends_on')!.value as YAMLMap);
        for (const ref of refs) {
          const options = dependencies.get(ref.name)?.value;
          if (isMap(options) && scalarText(model.entriesOf(options).get('required')?.value) === 'false')
            ref.optional = true;
        }
      }
      each('links', (value, add) => {
        if (!isSeq(value)) return;
        for (const item of value.items) {
          const node = model.resolve(item);
          const text = literal(node);
          if (text !== null) add(text.split(':')[0], node as Scalar);
        }
      });
      each('extends', (value, add) => {
        if (isScalar(value)) {
          const name = literal(value);
          if (name !== null) add(name, value);
        } else if (isMap(value)) {
          const own = model.entriesOf(value);
          if (own.has('file')) return; // the service lives in another file
          const node = own.get('service')?.value;
          const name = literal(node);
          if (name !== null) add(name, node as Scalar);
        }
      });
      for (const key of ['network_mode', 'pid', 'ipc']) {
        each(key, (value, add) => {
          const text = literal(value);
          const mode = text === null ? null : serviceModeName(text);
          if (mode) add(mode.name, value as Scalar, mode.index);
        });
      }
      each('volumes_from', (value, add) => {
        if (!isSeq(value)) return;
        for (const item of value.items) {
          const node = model.resolve(item);
          const text = literal(node);
          if (text === null || text.startsWith('container:')) continue;
          const mode = serviceModeName(text);
          if (mode) add(mode.name, node as Scalar, mode.index);
          else add(text.split(':')[0], node as Scalar);
        }
      });
      break;
    case 'networks':
      each('networks', (value, add) => namesOfListOrMap(model, value, add));
      break;
    case 'volumes':
      each('volumes', (_value, add) => {
        for (const mount of mountsOf(model, service)) {
          if (mount.type === 'volume' && mount.source !== null && mount.sourceNode) add(mount.source, mount.sourceNode);
        }
      });
      break;
    case 'secrets':
      each('secrets', (value, add) => sourcesOf(model, value, add));
      each('build', (value, add) => {
        if (isMap(value)) sourcesOf(model, model.entriesOf(value).get('secrets')?.value ?? null, add);
      });
      break;
    case 'configs':
      each('configs', (value, add) => sourcesOf(model, value, add));
      break;
  }
  return refs;
}

const cache = new WeakMap<ComposeModel, Map<ReferenceKind, Reference[]>>();

/** Every reference of one kind, in file order of the services. */
export function referencesOf(model: ComposeModel, kind: ReferenceKind): Reference[] {
  let byKind = cache.get(model);
  if (!byKind) cache.set(model, (byKind = new Map<ReferenceKind, Reference[]>()));
  let refs = byKind.get(kind);
  if (!refs) {
    refs = model.services.flatMap((service) => collect(model, service, kind));
    byKind.set(kind, refs);
  }
  return refs;
}

/**
 * True when the file pulls in definitions from elsewhere (`include:`) or is
 * probably combined with another file, so a name not defined here may still
 * exist in the project.
 */
export function hasIncludes(model: ComposeModel): boolean {
  return model.topLevelPair('include') !== undefined || isPartialFile(model);
}

/**
 * True for a file that is probably combined with others (`-f compose.yaml -f
 * compose.override.yaml`, `docker-compose.prod.yml`): names it uses may be
 * defined in the other file, and what it defines may be used there.
 */
export function isPartialFile(model: ComposeModel): boolean {
  const name = model.document.uri.slice(model.document.uri.lastIndexOf('/') + 1).toLowerCase();
  return /override/.test(name) || /^(docker-)?compose\.[^.]+\.ya?ml$/.test(name);
}

/** The networks a service is attached to (`default` when it lists none); null when unknown (`network_mode`, interpolation). */
export function networksOf(model: ComposeModel, service: ComposeService): Set<string> | null {
  if (service.entries.has('network_mode')) return null;
  const entry = service.entries.get('networks');
  if (!entry) return new Set(['default']);
  const names = new Set<string>();
  let unknown = false;
  const value = entry.value;
  if (isSeq(value)) {
    for (const item of value.items) {
      const name = literal(model.resolve(item));
      if (name === null) unknown = true;
      else names.add(name);
    }
  } else if (isMap(value)) {
    for (const name of model.entriesOf(value).keys()) {
      if (isInterpolated(name)) unknown = true;
      else names.add(name);
    }
  } else if (value !== null) unknown = true;
  return unknown ? null : names;
}

/** The folder of a compose file on disk, or null (untitled documents, other schemes). */
export function composeFolder(model: ComposeModel): string | null {
  const file = filePathOf(model.document.uri);
  return file === null ? null : path.dirname(file);
}

/** A build context that is not a local folder: a Git repository, a URL, another image or target. */
export function isRemoteContext(context: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ||
    /^git@/.test(context) ||
    /^github\.com\//.test(context) ||
    /\.git(#.*)?$/.test(context)
  );
}

/** A service's `build:`, in either form. */
export interface Build {
  /** The `build` entry (its key is where to report when nothing more precise exists). */
  entry: Entry;
  /** The context as written (`.` when only `dockerfile:` is given), null when interpolated or not a string. */
  context: string | null;
  contextNode: Scalar | null;
  /** `dockerfile:` as written, null when absent or interpolated. */
  dockerfile: string | null;
  dockerfileNode: Scalar | null;
  /** The Dockerfile is written inline (`dockerfile_inline:`). */
  inline: boolean;
}

export function buildOf(model: ComposeModel, service: ComposeService): Build | null {
  const entry = service.entries.get('build');
  if (!entry) return null;
  const value = entry.value;
  if (isScalar(value)) {
    const context = literal(value);
    return { entry, context, contextNode: value, dockerfile: null, dockerfileNode: null, inline: false };
  }
  if (!isMap(value)) return null;
  const own = model.entriesOf(value);
  const contextValue = own.get('context')?.value;
  const dockerfileValue = own.get('dockerfile')?.value;
  return {
    entry,
    context: contextValue === undefined ? '.' : literal(contextValue),
    contextNode: isScalar(contextValue) ? contextValue : null,
    dockerfile: literal(dockerfileValue),
    dockerfileNode: isScalar(dockerfileValue) ? dockerfileValue : null,
    inline: own.has('dockerfile_inline'),
  };
}

/** The literal image a service runs (`image:`), or null. */
export function imageOf(service: ComposeService): string | null {
  return literal(service.entries.get('image')?.value);
}
