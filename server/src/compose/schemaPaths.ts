/**
 * Walking the compose-spec JSON schema by a key path (`services.web.build.context`):
 * the descriptions, keys and enum values that hovers and completion show.
 * `$ref`, `oneOf`/`anyOf`/`allOf`, `patternProperties` and `additionalProperties` are followed.
 */
import { composeSchema } from './schema';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  required?: string[];
  deprecated?: boolean;
  default?: unknown;
}

/** A path into a compose document: mapping keys and sequence indexes. */
export type KeyPath = readonly (string | number)[];

function root(): JsonSchema & { definitions?: Record<string, JsonSchema> } {
  return composeSchema();
}

/** Hostile or cyclic schemas cannot make the walk loop. */
const MAX_DEPTH = 12;

function deref(schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let i = 0; i < MAX_DEPTH && current.$ref; i++) {
    const name = /^#\/definitions\/(.+)$/.exec(current.$ref)?.[1];
    const target = name ? root().definitions?.[decodeURIComponent(name)] : undefined;
    if (!target) break;
    current = target;
  }
  return current;
}

/** The concrete schemas a schema stands for: references followed, combinators flattened. */
export function alternatives(schema: JsonSchema, depth = 0): JsonSchema[] {
  const resolved = deref(schema);
  const combined = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
  if (combined.length === 0 || depth >= MAX_DEPTH) return [resolved];
  const own = resolved.type || resolved.properties || resolved.patternProperties ? [resolved] : [];
  return [...own, ...combined.flatMap((s) => alternatives(s, depth + 1))];
}

function child(schema: JsonSchema, segment: string | number): JsonSchema[] {
  if (typeof segment === 'number') {
    if (!schema.items) return [];
    return Array.isArray(schema.items) ? schema.items.slice(segment, segment + 1) : [schema.items];
  }
  const property = schema.properties?.[segment];
  if (property) return [property];
  for (const [pattern, value] of Object.entries(schema.patternProperties ?? {})) {
    if (safeRegExp(pattern)?.test(segment)) return [value];
  }
  return typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : [];
}

const regexps = new Map<string, RegExp | null>();
function safeRegExp(pattern: string): RegExp | null {
  if (!regexps.has(pattern)) {
    try {
      regexps.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      regexps.set(pattern, null);
    }
  }
  return regexps.get(pattern)!;
}

/** The schemas (one per matching branch) that describe the node at a path; empty when the schema does not know it. */
export function schemasAt(path: KeyPath): JsonSchema[] {
  let current: JsonSchema[] = [root()];
  for (const segment of path) {
    current = current.flatMap((s) => alternatives(s)).flatMap((s) => child(s, segment));
    if (current.length === 0) return [];
  }
  return current;
}

/** The schema's description of the node at a path (its own, else its reference's, else a branch's). */
export function descriptionAt(path: KeyPath): string | undefined {
  const schemas = schemasAt(path);
  for (const s of schemas) if (s.description) return s.description;
  for (const s of schemas) {
    for (const alt of alternatives(s)) if (alt.description) return alt.description;
  }
  return undefined;
}

export interface SchemaKey {
  name: string;
  description?: string;
  /** What the value is: 'object', 'array', 'string', ... (the first type of the first branch that says). */
  valueType?: string;
  deprecated: boolean;
}

/** The type of a value schema, looking through references and branches (object/array win over scalars: they shape the snippet). */
export function valueTypeOf(schema: JsonSchema): string | undefined {
  const types = alternatives(schema).flatMap((s) =>
    Array.isArray(s.type)
      ? s.type
      : s.type
        ? [s.type]
        : s.properties || s.patternProperties
          ? ['object']
          : s.items
            ? ['array']
            : [],
  );
  if (types.length === 0) return undefined;
  // A key that takes a string or a list/map is usually written in its short form first.
  if (types.includes('string') || types.includes('number') || types.includes('integer') || types.includes('boolean'))
    return types.find((t) => t !== 'object' && t !== 'array' && t !== 'null');
  return types[0];
}

/** The named keys the schema allows in the mapping at a path. */
export function keysAt(path: KeyPath): SchemaKey[] {
  const seen = new Map<string, SchemaKey>();
  for (const s of schemasAt(path).flatMap((x) => alternatives(x))) {
    for (const [name, value] of Object.entries(s.properties ?? {})) {
      if (seen.has(name)) continue;
      const description = value.description ?? alternatives(value).find((a) => a.description)?.description;
      seen.set(name, {
        name,
        description,
        valueType: valueTypeOf(value),
        deprecated: Boolean(value.deprecated ?? deref(value).deprecated),
      });
    }
  }
  return [...seen.values()];
}

/** The values an enum allows at a path. */
export function enumAt(path: KeyPath): string[] {
  const values = new Set<string>();
  for (const s of schemasAt(path).flatMap((x) => alternatives(x))) for (const v of s.enum ?? []) values.add(String(v));
  return [...values];
}
