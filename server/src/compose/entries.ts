/**
 * Views of a service's list-like keys for compose rules: published ports,
 * volume mounts and environment variables, each in its short and long syntax,
 * with the node (and, where it helps, the exact text offsets) they come from.
 */
import { isMap, isScalar, isSeq, Scalar, YAMLMap, Node as YamlNode } from 'yaml';
import { Range, TextEdit } from 'vscode-languageserver-types';
import { ComposeModel, ComposeService, Entry, isInterpolated, scalarText } from './model';

/** Where a finding about a service's entry goes: the node itself, or the service key when the entry was merged in from an anchor. */
export function findingRange(
  model: ComposeModel,
  service: ComposeService,
  entry: Entry,
  node: YamlNode | null | undefined,
): Range | null {
  if (entry.merged) return model.rangeOfNode(service.key);
  return model.rangeOfNode(node ?? entry.key);
}

/**
 * The offset of a scalar's first content character when the text between its
 * quotes (or its plain text) is exactly its value, so that offsets inside the
 * value map onto the document. Null for escaped, folded or multi-line scalars.
 */
export function contentStart(model: ComposeModel, node: YamlNode | null | undefined): number | null {
  if (!isScalar(node) || !node.range) return null;
  const text = scalarText(node);
  if (text === null) return null;
  const [start, end] = node.range;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (node.type !== Scalar.PLAIN && !quoted) return null;
  const inner = quoted ? model.text.slice(start + 1, end - 1) : model.text.slice(start, end);
  if (inner !== text) return null;
  return quoted ? start + 1 : start;
}

// ---------------------------------------------------------------- ports

export interface PortRange {
  from: number;
  to: number;
}

/** One item of a service's `ports:`. */
export interface PortMapping {
  /** The sequence item (a scalar for the short syntax, a mapping for the long one). */
  node: YamlNode;
  syntax: 'short' | 'long';
  /** The host address it is bound to; null when none is given (all interfaces). */
  hostIp: string | null;
  /** The published host port(s); null when Docker picks an ephemeral port. */
  published: PortRange | null;
  target: PortRange | null;
  /** Lower-case, `tcp` when not given. */
  protocol: string;
  /** Part of the value comes from the environment: its meaning is unknown. */
  interpolated: boolean;
  /** The short syntax text (for messages); for the long syntax `published:target`. */
  text: string;
}

function parseRange(text: string): PortRange | null | 'invalid' {
  if (text === '') return null;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return 'invalid';
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return to < from ? 'invalid' : { from, to };
}

/** The short port syntax: `[[HOST_IP:][PUBLISHED]:]TARGET[/PROTOCOL]`, IPv6 host addresses in brackets. Null when malformed. */
export function parsePortSpec(spec: string): Omit<PortMapping, 'node' | 'syntax' | 'interpolated' | 'text'> | null {
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
  }
  let hostIp: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close < 0) return null;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let publishedText = '';
  let targetText: string;
  if (parts.length === 1) {
    targetText = parts[0];
  } else if (parts.length === 2) {
    [publishedText, targetText] = parts;
  } else if (hostIp === null) {
    // `ip:published:target`, or an IPv6 address written without brackets.
    targetText = parts[parts.length - 1];
    publishedText = parts[parts.length - 2];
    hostIp = parts.slice(0, -2).join(':');
  } else {
    return null;
  }
  if (hostIp === '') hostIp = null;
  const published = parseRange(publishedText);
  const target = parseRange(targetText);
  if (published === 'invalid' || target === 'invalid' || target === null) return null;
  return { hostIp, published, target, protocol };
}

/** The items of a service's `ports:`; malformed ones are left out (the schema reports them). */
export function portMappings(service: ComposeService): PortMapping[] {
  const ports = service.entries.get('ports')?.value;
  if (!isSeq(ports)) return [];
  const result: PortMapping[] = [];
  for (const item of ports.items as YamlNode[]) {
    if (isScalar(item)) {
      const text = scalarText(item);
      if (text === null) continue;
      if (isInterpolated(text)) {
        result.push({
          node: item,
          syntax: 'short',
          hostIp: null,
          published: null,
          target: null,
          protocol: 'tcp',
          interpolated: true,
          text,
        });
        continue;
      }
      const spec = parsePortSpec(text);
      if (spec) result.push({ node: item, syntax: 'short', interpolated: false, text, ...spec });
    } else if (isMap(item)) {
      const field = (name: string): string | null => scalarText(item.get(name, true));
      const texts = ['target', 'published', 'host_ip', 'protocol'].map(field);
      const [targetText, publishedText, hostIp, protocol] = texts;
      const interpolated = texts.some((t) => t !== null && isInterpolated(t));
      const published = interpolated ? null : parseRange(publishedText ?? '');
      const target = interpolated ? null : parseRange(targetText ?? '');
      if (published === 'invalid' || target === 'invalid') continue;
      result.push({
        node: item,
        syntax: 'long',
        hostIp: hostIp === '' ? null : hostIp,
        published,
        target,
        protocol: (protocol ?? 'tcp').toLowerCase(),
        interpolated,
        text: publishedText === null ? (targetText ?? '') : `${publishedText}:${targetText ?? ''}`,
      });
    }
  }
  return result;
}

/**
 * Where a finding about the host side of a port mapping points: the short
 * syntax's string, or the long syntax's `published` key and value (`target`
 * when Docker picks the host port); the service key when the ports were
 * merged in from an anchor.
 */
export function publishedPortRange(
  model: ComposeModel,
  service: ComposeService,
  entry: Entry,
  port: PortMapping,
): Range | null {
  if (isMap(port.node) && !entry.merged) {
    for (const name of ['published', 'target']) {
      const pair = port.node.items.find((p) => isScalar(p.key) && p.key.value === name);
      const start = (pair?.key as YamlNode | undefined)?.range?.[0];
      const end = (pair?.value as YamlNode | null | undefined)?.range?.[1];
      if (start !== undefined && end !== undefined) return model.rangeOf(start, end);
    }
  }
  return findingRange(model, service, entry, port.node);
}

/** True for an address that means "every interface" (`0.0.0.0`, `::`, `[::]`). */
export function isWildcardAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '');
  return a === '0.0.0.0' || /^[0:]+$/.test(a) || a === '*';
}

// ---------------------------------------------------------------- volumes

/** One item of a service's `volumes:`. */
export interface VolumeMount {
  node: YamlNode;
  syntax: 'short' | 'long';
  /** `bind` for host paths, `volume` for named or anonymous volumes, or the long syntax's `type`. */
  type: string;
  /** The long syntax's `type:` value as written (null in the short syntax, or when absent). */
  typeNode: YamlNode | null;
  /** Host path or volume name; null for an anonymous volume. */
  source: string | null;
  /** The node holding the source (the long syntax's `source:` value, or the short item). */
  sourceNode: YamlNode | null;
  target: string | null;
  readOnly: boolean;
  /** The source comes (partly) from the environment. */
  interpolated: boolean;
}

/** True when a short-syntax source is a host path rather than a volume name. */
export function isHostPath(source: string): boolean {
  return /^([/.~]|\$|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

/** Splits `SOURCE:TARGET[:MODE]`, keeping a Windows drive letter (`C:\data`) with its path. */
export function splitVolumeSpec(spec: string): string[] {
  const raw = spec.split(':');
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (/^[A-Za-z]$/.test(raw[i]) && i + 1 < raw.length && /^[\\/]/.test(raw[i + 1])) {
      parts.push(`${raw[i]}:${raw[i + 1]}`);
      i++;
    } else {
      parts.push(raw[i]);
    }
  }
  return parts;
}

/**
 * The items of a service's `volumes:`, in both syntaxes. With `model`, items
 * and long-syntax fields are read through aliases and merge keys; without it,
 * only what is written in place.
 */
export function volumeMounts(service: ComposeService, model?: ComposeModel): VolumeMount[] {
  const volumes = service.entries.get('volumes')?.value;
  if (!isSeq(volumes)) return [];
  const result: VolumeMount[] = [];
  for (const written of volumes.items as YamlNode[]) {
    const item = model ? model.resolve(written) : written;
    if (isScalar(item)) {
      const text = scalarText(item);
      if (text === null) continue;
      const parts = splitVolumeSpec(text);
      if (parts.length === 1) {
        result.push({
          node: item,
          syntax: 'short',
          type: 'volume',
          typeNode: null,
          source: null,
          sourceNode: null,
          target: parts[0],
          readOnly: false,
          interpolated: false,
        });
        continue;
      }
      const [source, target, mode] = parts;
      result.push({
        node: item,
        syntax: 'short',
        type: isHostPath(source) ? 'bind' : 'volume',
        typeNode: null,
        source,
        sourceNode: item,
        target,
        readOnly: (mode ?? '').split(',').includes('ro'),
        interpolated: isInterpolated(source),
      });
    } else if (isMap(item)) {
      const fields = model ? model.entriesOf(item) : null;
      const field = (name: string) =>
        (fields ? fields.get(name)?.value : (item.get(name, true) as YamlNode | undefined)) ?? null;
      const sourceNode = field('source');
      const source = scalarText(sourceNode);
      const typeNode = field('type');
      result.push({
        node: item,
        syntax: 'long',
        type: scalarText(typeNode) ?? 'volume',
        typeNode,
        source,
        sourceNode,
        target: scalarText(field('target')),
        readOnly: scalarText(field('read_only')) === 'true',
        interpolated: source !== null && isInterpolated(source),
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------- environment

/** One variable of a service's `environment:` (list `- KEY=value` or map `KEY: value`). */
export interface EnvironmentVariable {
  name: string;
  /** The literal value; null when none is given (`- KEY`, `KEY:`), which passes the variable through from the shell. */
  value: string | null;
  syntax: 'list' | 'map';
  /** The list item, or the map pair's key. */
  node: Scalar;
  /** The map syntax's value node. */
  valueNode: Scalar | null;
  /** Document offsets of the value text, when they map exactly onto the document. */
  valueSpan: { start: number; end: number } | null;
}

export function environmentVariables(model: ComposeModel, service: ComposeService): EnvironmentVariable[] {
  const env = service.entries.get('environment')?.value;
  const result: EnvironmentVariable[] = [];
  if (isSeq(env)) {
    for (const item of env.items) {
      if (!isScalar(item)) continue;
      const text = scalarText(item);
      if (text === null) continue;
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      const value = eq < 0 ? null : text.slice(eq + 1);
      const start = contentStart(model, item);
      const valueSpan = start !== null && value !== null ? { start: start + eq + 1, end: start + text.length } : null;
      result.push({ name, value, syntax: 'list', node: item, valueNode: null, valueSpan });
    }
  } else if (isMap(env)) {
    for (const [name, entry] of model.entriesOf(env)) {
      const valueNode = isScalar(entry.value) ? entry.value : null;
      const value = scalarText(valueNode);
      const start = contentStart(model, valueNode);
      const valueSpan = start !== null && value !== null && !entry.merged ? { start, end: start + value.length } : null;
      result.push({ name, value, syntax: 'map', node: entry.key, valueNode, valueSpan });
    }
  }
  return result;
}

// ---------------------------------------------------------------- edits

/**
 * An edit that adds `key: value` as the last key of a block mapping, on its
 * own line with the mapping's indentation. Null for flow mappings (`{…}`) and
 * mappings whose first key does not start its line (after any sequence dash).
 */
export function appendKey(model: ComposeModel, map: YAMLMap | null, keyValue: string): TextEdit | null {
  if (!map || map.flow || map.items.length === 0) return null;
  const first = map.items[0].key as YamlNode | undefined;
  const start = first?.range?.[0];
  const last = map.items[map.items.length - 1];
  const lastNode = (last.value as YamlNode | null) ?? (last.key as YamlNode | null);
  const lastEnd = lastNode?.range?.[1];
  if (start === undefined || lastEnd === undefined) return null;
  const lineStart = model.text.lastIndexOf('\n', start - 1) + 1;
  const before = model.text.slice(lineStart, start);
  // The first key may follow a sequence dash (`- target: 80`): the others are indented to its column.
  if (!/^[ \t]*(-[ \t]+)*$/.test(before)) return null;
  const indent = before.replace(/-/g, ' ');
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const newline = model.text.indexOf('\n', Math.max(lastEnd - 1, start));
  if (newline < 0) return TextEdit.insert(model.document.positionAt(model.text.length), `${eol}${indent}${keyValue}`);
  return TextEdit.insert(model.document.positionAt(newline + 1), `${indent}${keyValue}${eol}`);
}
