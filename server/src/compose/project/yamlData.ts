/**
 * One compose YAML document → plain data, as compose-go decodes it: values interpolated (keys are not),
 * merge keys (`<<`) and aliases applied, `!reset` values left out and `!reset` / `!override` paths
 * recorded (they act on what earlier files defined). Every variable written in a value is recorded with
 * its range; bounded in values converted and nesting.
 */
import { Document, isAlias, isMap, isScalar, isSeq, Scalar, Node as YamlNode } from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { resolveAlias } from '../model';
import { castValue } from './casts';
import { Lookup, substitute, VariableReference } from './interpolate';
import { Mapping, newMapping, Value } from './merge';
import { withThousands } from '../../util/numbers';

/** A place in a file. */
export interface Place {
  file: string;
  range: Range;
}

/** A `${VAR}` written in a compose or `.env` file, with what it resolved to. */
export interface VariableUse extends Place {
  name: string;
  operator: VariableReference['operator'];
  value: string;
  set: boolean;
  unresolved: VariableReference['unresolved'];
  message?: string;
}

export interface ProjectProblem {
  message: string;
  file: string | null;
  range: Range | null;
  severity: 'error' | 'warning';
}

/** Offsets → LSP positions for one file's text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): Range['start'] {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** What the conversion shares across the documents of a project (the value budget). */
export interface ConversionBudget {
  values: number;
  readonly max: number;
}

export interface ConvertedDocument {
  data: Mapping;
  /** Paths written with `!reset` (removed from what earlier files defined) or `!override` (replacing it). */
  resetPaths: string[][];
  /** Where each key under `services:` and the other sections is written. */
  keyRanges: Map<string, Range>;
  variables: VariableUse[];
  problems: ProjectProblem[];
}

const MAX_DEPTH = 200;
const MAX_MERGE_DEPTH = 20;
const RESET = Symbol('reset');

export class ConversionLimitError extends Error {}

/** Converts one parsed document; `lookup` gives the variables. */
export function convertDocument(
  doc: Document.Parsed,
  text: string,
  file: string,
  lines: LineIndex,
  lookup: Lookup,
  budget: ConversionBudget,
): ConvertedDocument {
  const result: ConvertedDocument = {
    data: newMapping(),
    resetPaths: [],
    keyRanges: new Map(),
    variables: [],
    problems: [],
  };
  const rangeOf = (node: YamlNode | null | undefined): Range => {
    const r = node?.range;
    return r ? lines.range(r[0], r[1]) : lines.range(0, 0);
  };

  /** A string at a typed path becomes the type Compose converts it to (casts.ts); a failure is an error at the value. */
  const typed = (node: Scalar, text: string, path: string[]): Value => {
    const cast = castValue(text, path);
    const problem = cast.error ?? cast.warning;
    if (problem)
      result.problems.push({
        message: problem,
        file,
        range: rangeOf(node),
        severity: cast.error ? 'error' : 'warning',
      });
    return cast.value;
  };

  const scalarValue = (node: Scalar, path: string[]): Value => {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(node.source ?? v);
    if (typeof v === 'boolean') return v;
    if (typeof v !== 'string') return String(v);
    if (!v.includes('$')) return typed(node, v, path);
    const substituted = substitute(v, lookup);
    const [start, end] = node.range ?? [0, 0];
    const source = text.slice(start, end);
    // Where each reference is written: its text found in the scalar's source (exact for plain and
    // most quoted scalars), else the whole scalar.
    let from = 0;
    for (const ref of substituted.references) {
      const written = v.slice(ref.offset, ref.offset + ref.length);
      const at = source.indexOf(written, from);
      const range = at >= 0 ? lines.range(start + at, start + at + written.length) : lines.range(start, end);
      if (at >= 0 && ref.operator === null) from = at + written.length;
      result.variables.push({
        file,
        range,
        name: ref.name,
        operator: ref.operator,
        value: ref.value,
        set: ref.set,
        unresolved: ref.unresolved,
        ...(ref.message ? { message: ref.message } : {}),
      });
    }
    if (substituted.error) {
      result.problems.push({
        message: substituted.error.message,
        file,
        range: lines.range(start, end),
        severity: 'error',
      });
      return substituted.value;
    }
    return typed(node, substituted.value, path);
  };

  // The collections being converted, with their path: an alias to one of them is a cycle.
  const open = new Map<YamlNode, string[]>();
  const convert = (
    node: YamlNode | null | undefined,
    path: string[],
    depth: number,
    aliasDepth: number,
  ): Value | typeof RESET => {
    if (++budget.values > budget.max)
      throw new ConversionLimitError(
        `more than ${withThousands(budget.max)} values once aliases and merge keys are expanded`,
      );
    if (depth > MAX_DEPTH) throw new ConversionLimitError(`nested more than ${MAX_DEPTH} levels deep`);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (aliasDepth > MAX_MERGE_DEPTH) throw new ConversionLimitError('aliases nested too deeply');
      const target = resolveAlias(doc, node);
      if (!target) {
        result.problems.push({
          message: `unknown alias *${node.source}`,
          file,
          range: rangeOf(node),
          severity: 'error',
        });
        return null;
      }
      const inside = open.get(target);
      if (inside) {
        result.problems.push({
          message: `cycle detected: *${node.source} at ${path.join('.') || '(top)'} refers to ${inside.join('.') || 'the whole document'}, which contains it`,
          file,
          range: rangeOf(node),
          severity: 'error',
        });
        return null;
      }
      return convert(target, path, depth + 1, aliasDepth + 1);
    }
    const tag = (node as { tag?: string }).tag;
    if (tag === '!reset') {
      result.resetPaths.push(path);
      return RESET;
    }
    if (tag === '!override') result.resetPaths.push(path);
    if (isScalar(node)) return scalarValue(node, path);
    if (isSeq(node) || isMap(node)) open.set(node, path);
    try {
      return convertCollection(node, path, depth, aliasDepth);
    } finally {
      open.delete(node);
    }
  };

  const convertCollection = (
    node: YamlNode,
    path: string[],
    depth: number,
    aliasDepth: number,
  ): Value | typeof RESET => {
    if (isSeq(node)) {
      const out: Value[] = [];
      node.items.forEach((item, i) => {
        const v = convert(item as YamlNode, [...path, String(i)], depth + 1, aliasDepth);
        if (v !== RESET) out.push(v);
      });
      return out;
    }
    if (isMap(node)) {
      const out = newMapping();
      const merged: Mapping[] = [];
      const seen = new Map<string, YamlNode | null>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyScalar = isAlias(keyNode) ? resolveAlias(doc, keyNode) : keyNode;
        const key = isScalar(keyScalar) ? String(keyScalar.value) : keyNode === null ? '' : String(keyNode);
        const first = seen.get(key);
        if (first !== undefined && key !== '<<') {
          // Compose refuses a key written twice in one mapping (reported once, where the mapping is written).
          if (aliasDepth === 0) {
            const line = first ? `line ${rangeOf(first).start.line + 1}` : 'an earlier line';
            result.problems.push({
              message: `mapping key "${key}" already defined at ${line}`,
              file,
              range: keyNode ? rangeOf(keyNode) : rangeOf(node),
              severity: 'error',
            });
          }
        }
        seen.set(key, keyNode);
        if (key === '<<' && isScalar(keyNode) && keyNode.source === '<<') {
          // YAML merge keys: the keys of the merged mapping(s) that are not written here.
          const source = convert(pair.value as YamlNode, path, depth + 1, aliasDepth);
          const list = Array.isArray(source) ? source : [source];
          for (const m of list) if (m && typeof m === 'object' && !Array.isArray(m)) merged.push(m);
          continue;
        }
        const v = convert(pair.value as YamlNode, [...path, key], depth + 1, aliasDepth);
        if (path.length === 1 && isScalar(keyNode) && aliasDepth === 0)
          result.keyRanges.set(`${path[0]}.${key}`, rangeOf(keyNode));
        if (v === RESET) continue;
        out[key] = v;
      }
      for (const m of merged) for (const [k, v] of Object.entries(m)) if (!(k in out)) out[k] = v;
      return out;
    }
    return null;
  };

  const top = convert(doc.contents, [], 0, 0);
  if (top !== null && top !== RESET) {
    if (typeof top !== 'object' || Array.isArray(top))
      result.problems.push({
        message: 'the top level must be a mapping',
        file,
        range: rangeOf(doc.contents),
        severity: 'error',
      });
    else result.data = top;
  }
  return result;
}
