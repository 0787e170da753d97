/**
 * Every place a compose file names a service, network, volume, secret, config or
 * YAML anchor: the definitions (`services.web`, `volumes.data`, `&base`) and the
 * references (`depends_on`, `links`, `extends`, `network_mode: service:x`,
 * `volumes_from`, a service's `networks`/`volumes`/`secrets`/`configs`, `build.secrets`, `*base`).
 * Navigation, rename, highlights and reference hovers use this one index.
 */
import { isAlias, isMap, isScalar, isSeq, Node as YamlNode, visit } from 'yaml';
import { ComposeModel, ComposeService, DefinitionSection, isInterpolated, resolveAlias } from './model';
import { isMergeKey, valueStart } from './locate';
import { oncePer } from '../util/memo';

export type NameKind = 'service' | 'network' | 'volume' | 'secret' | 'config' | 'anchor';

export interface NameOccurrence {
  kind: NameKind;
  name: string;
  /** Occurrences with the same group are the same thing (anchors: the anchor's position, since YAML may reuse a name). */
  group: string;
  start: number;
  end: number;
  definition: boolean;
  /** For a reference: the services that make it (several when it sits in an anchor that services merge). */
  from: string[];
  /** For `extends: {file: …, service: …}`: the file as written, where the service is defined (project navigation follows it). */
  inFile?: string;
}

const SECTION_KINDS: [DefinitionSection, NameKind][] = [
  ['networks', 'network'],
  ['volumes', 'volume'],
  ['secrets', 'secret'],
  ['configs', 'config'],
];

/** Names the compose specification allows for services, networks and the like; used to validate renames too. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const nameOccurrences: (model: ComposeModel) => NameOccurrence[] = oncePer(collect);

export function occurrenceAt(model: ComposeModel, offset: number): NameOccurrence | undefined {
  return nameOccurrences(model).find((o) => o.start <= offset && offset <= o.end);
}

export function sameGroup(model: ComposeModel, occurrence: NameOccurrence): NameOccurrence[] {
  return nameOccurrences(model).filter((o) => o.group === occurrence.group);
}

function collect(model: ComposeModel): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  const seen = new Map<string, NameOccurrence>();
  const add = (kind: NameKind, name: string, start: number, definition: boolean, from?: string): void => {
    const id = `${start}:${kind}`;
    const known = seen.get(id);
    if (known) {
      if (from && !known.from.includes(from)) known.from.push(from);
      return;
    }
    if (!name) return;
    const occurrence: NameOccurrence = {
      kind,
      name,
      group: `${kind}:${name}`,
      start,
      end: start + name.length,
      definition,
      from: from ? [from] : [],
    };
    seen.set(id, occurrence);
    out.push(occurrence);
  };
  /** A reference written as a whole scalar, or as its first part before `:` (`web:alias`, `data:/path`). */
  const addScalar = (
    kind: NameKind,
    node: YamlNode | null | undefined,
    from: string,
    prefix = '',
    untilColon = false,
  ): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    let text = node.value;
    if (!text.startsWith(prefix)) return;
    text = text.slice(prefix.length);
    if (untilColon && text.includes(':')) text = text.slice(0, text.indexOf(':'));
    if (isInterpolated(text) || !NAME_PATTERN.test(text)) return;
    add(kind, text, valueStart(model, node) + prefix.length, false, from);
  };
  const addKeys = (kind: NameKind, node: YamlNode | null, from: string): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) if (!isMergeKey(pair.key)) addScalar(kind, pair.key as YamlNode, from);
  };
  const addItems = (kind: NameKind, node: YamlNode | null, from: string, untilColon = false): void => {
    if (!isSeq(node)) return;
    for (const item of node.items) addScalar(kind, model.resolve(item), from, '', untilColon);
  };
  /** `secrets:`/`configs:` of a service or build: names, or mappings with `source`. */
  const addSources = (kind: NameKind, node: YamlNode | null, from: string): void => {
    if (!isSeq(node)) return;
    for (const raw of node.items) {
      const item = model.resolve(raw);
      if (isMap(item)) addScalar(kind, model.resolve(item.get('source', true)), from);
      else addScalar(kind, item, from);
    }
  };

  for (const service of model.services) add('service', service.name, valueStart(model, service.key), true);
  for (const [section, kind] of SECTION_KINDS) {
    for (const definition of model.definitions(section))
      add(kind, definition.name, valueStart(model, definition.key), true);
  }
  /** A service of another file: its own group, so that renames in this file leave it alone. */
  const addExtendsFile = (file: YamlNode | null | undefined, node: YamlNode | null | undefined, from: string): void => {
    if (!isScalar(file) || typeof file.value !== 'string' || isInterpolated(file.value)) return;
    if (
      !isScalar(node) ||
      typeof node.value !== 'string' ||
      !node.range ||
      isInterpolated(node.value) ||
      !NAME_PATTERN.test(node.value)
    )
      return;
    const start = valueStart(model, node);
    if (seen.has(`${start}:service`)) return;
    const occurrence: NameOccurrence = {
      kind: 'service',
      name: node.value,
      group: `service@${file.value}:${node.value}`,
      start,
      end: start + node.value.length,
      definition: false,
      from: [from],
      inFile: file.value,
    };
    seen.set(`${start}:service`, occurrence);
    out.push(occurrence);
  };
  for (const service of model.services)
    collectServiceReferences(model, service, { addExtendsFile, addScalar, addKeys, addItems, addSources });
  collectAnchors(model, out);
  return out.sort((a, b) => a.start - b.start);
}

interface Adders {
  addExtendsFile: (file: YamlNode | null | undefined, service: YamlNode | null | undefined, from: string) => void;
  addScalar: (
    kind: NameKind,
    node: YamlNode | null | undefined,
    from: string,
    prefix?: string,
    untilColon?: boolean,
  ) => void;
  addKeys: (kind: NameKind, node: YamlNode | null, from: string) => void;
  addItems: (kind: NameKind, node: YamlNode | null, from: string, untilColon?: boolean) => void;
  addSources: (kind: NameKind, node: YamlNode | null, from: string) => void;
}

function collectServiceReferences(
  model: ComposeModel,
  service: ComposeService,
  { addExtendsFile, addScalar, addKeys, addItems, addSources }: Adders,
): void {
  const value = (key: string): YamlNode | null => service.entries.get(key)?.value ?? null;
  const from = service.name;
  // depends_on: [db] or {db: {condition: …}}
  addItems('service', value('depends_on'), from);
  addKeys('service', value('depends_on'), from);
  addItems('service', value('links'), from, true);
  const extendsValue = value('extends');
  if (isScalar(extendsValue)) addScalar('service', extendsValue, from);
  else if (isMap(extendsValue) && !extendsValue.has('file'))
    addScalar('service', model.resolve(extendsValue.get('service', true)), from);
  else if (isMap(extendsValue))
    addExtendsFile(
      model.resolve(extendsValue.get('file', true)),
      model.resolve(extendsValue.get('service', true)),
      from,
    );
  for (const key of ['network_mode', 'pid', 'ipc']) addScalar('service', value(key), from, 'service:');
  const volumesFrom = value('volumes_from');
  if (isSeq(volumesFrom)) {
    for (const raw of volumesFrom.items) {
      const item = model.resolve(raw);
      if (isScalar(item) && typeof item.value === 'string' && item.value.startsWith('container:')) continue;
      addScalar(
        'service',
        item,
        from,
        isScalar(item) && String(item.value).startsWith('service:') ? 'service:' : '',
        true,
      );
    }
  }
  addItems('network', value('networks'), from);
  addKeys('network', value('networks'), from);
  const volumes = value('volumes');
  if (isSeq(volumes)) {
    for (const raw of volumes.items) {
      const item = model.resolve(raw);
      if (isScalar(item) && typeof item.value === 'string') {
        // Short syntax SOURCE:TARGET[:MODE]: a source that is a plain name (not a path) is a named volume.
        const target = item.value.split(':')[1];
        if (target !== undefined && !target.startsWith('\\')) addScalar('volume', item, from, '', true);
      } else if (isMap(item)) {
        const type = model.resolve(item.get('type', true));
        if (isScalar(type) && type.value === 'volume')
          addScalar('volume', model.resolve(item.get('source', true)), from);
      }
    }
  }
  addSources('secret', value('secrets'), from);
  addSources('config', value('configs'), from);
  const build = value('build');
  if (isMap(build)) addSources('secret', model.resolve(build.get('secrets', true)), from);
}

/** `&name` anchors and the `*name` aliases that resolve to them. */
function collectAnchors(model: ComposeModel, out: NameOccurrence[]): void {
  const doc = model.documents[0];
  if (!doc) return;
  const anchors = new Map<unknown, NameOccurrence>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node) || !node.anchor || !node.range) return;
      // The anchor is written before the node's content (and before a tag, if any).
      const start = model.text.lastIndexOf(`&${node.anchor}`, node.range[0]);
      if (start < 0) return;
      const occurrence: NameOccurrence = {
        kind: 'anchor',
        name: node.anchor,
        group: `anchor:${start}`,
        start: start + 1,
        end: start + 1 + node.anchor.length,
        definition: true,
        from: [],
      };
      anchors.set(node, occurrence);
      out.push(occurrence);
    },
  });
  visit(doc, {
    Alias: (_key, alias) => {
      const target = resolveAlias(doc, alias);
      const anchor = target ? anchors.get(target) : undefined;
      if (!anchor || !alias.range) return;
      out.push({
        kind: 'anchor',
        name: alias.source,
        group: anchor.group,
        start: alias.range[0] + 1,
        end: alias.range[0] + 1 + alias.source.length,
        definition: false,
        from: [],
      });
    },
  });
}
