/**
 * The Compose Specification's JSON schema (draft-07, as shipped in the npm
 * package dclint) and its validator, compiled once, at first use.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';

/** The parts of a JSON schema node that validation messages look at. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  not?: SchemaNode;
  $ref?: string;
  enum?: unknown[];
  pattern?: string;
  required?: string[];
  definitions?: Record<string, SchemaNode>;
}

/** An ajv error with `verbose` on: the schema object that holds the failing keyword, and the value. */
export type SchemaError = ErrorObject & { parentSchema?: SchemaNode; data?: unknown };

function loadSchema(): SchemaNode {
  let schema: SchemaNode;
  try {
    // Bundled: esbuild inlines the file (scripts/build.mjs resolves it inside the package).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON, read at first use
    schema = require('dclint/schemas/compose.schema.json') as SchemaNode;
  } catch {
    // Unbundled (tests, scripts): Node refuses the subpath because dclint's `exports` does not list it.
    const dir = path.dirname(require.resolve('dclint/package.json'));
    schema = JSON.parse(fs.readFileSync(path.join(dir, 'schemas', 'compose.schema.json'), 'utf8')) as SchemaNode;
  }
  return withNewerServiceKeys(schema);
}

/**
 * Service keys the Compose Specification gained after the bundled schema was made: accepted,
 * with their contents left unchecked, so that a valid file gets no "unknown key" error.
 */
const NEWER_SERVICE_KEYS: Record<string, SchemaNode> = {
  pre_start: {
    type: 'array',
    items: { type: 'object' },
    description:
      "Tasks to run before the service's container starts (a newer key of the Compose Specification; Docker Coach does not check its contents yet).",
  },
};

function withNewerServiceKeys(schema: SchemaNode): SchemaNode {
  const service = schema.definitions?.service;
  if (!service?.properties) return schema;
  const missing = Object.entries(NEWER_SERVICE_KEYS).filter(([key]) => !(key in service.properties!));
  if (missing.length > 0) service.properties = { ...service.properties, ...Object.fromEntries(missing) };
  return schema;
}

interface CompiledSchema {
  schema: SchemaNode;
  validate: ValidateFunction;
  /** How long loading and compiling took, in milliseconds. */
  millis: number;
}

let compiled: CompiledSchema | undefined;

function compiledSchema(): CompiledSchema {
  if (!compiled) {
    const started = performance.now();
    const schema = loadSchema();
    // `inlineRefs: false` and no code optimisation make compiling about four times faster (≈60 ms
    // instead of ≈230 ms) for a validator that runs on a few kilobytes of data.
    // `$schema` names draft-07 by an https URL ajv does not know, hence no meta-validation.
    // Required here, not imported: a session with no compose file never loads ajv (about 1 MB resident).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use, see above
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: false,
      validateSchema: false,
      inlineRefs: false,
      code: { optimize: false },
    });
    const validate = ajv.compile(schema);
    compiled = { schema, validate, millis: performance.now() - started };
  }
  return compiled;
}

/** The compose-spec schema itself (for messages, and later hovers and completion). */
export function composeSchema(): SchemaNode {
  return compiledSchema().schema;
}

/** Validates plain data (a YAML document converted to JavaScript values); all errors, in ajv's order. */
export function validateComposeData(data: unknown): SchemaError[] {
  const { validate } = compiledSchema();
  return validate(data) ? [] : [...((validate.errors ?? []) as SchemaError[])];
}

/** Milliseconds the first use spent loading and compiling the schema (undefined before it). */
export function schemaCompileMillis(): number | undefined {
  return compiled?.millis;
}

/** Follows a local `$ref` (`#/definitions/name`). */
export function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  for (let i = 0; i < 10 && current.$ref; i++) {
    const match = /^#\/definitions\/(.+)$/.exec(current.$ref);
    const target = match ? composeSchema().definitions?.[decodeURIComponent(match[1])] : undefined;
    if (!target) break;
    current = target;
  }
  return current;
}

const reachCache = new WeakMap<SchemaNode, Set<SchemaNode>>();

/** Every schema node that validating against `root` may visit (through `$ref`s too). */
export function reachableSchemas(root: SchemaNode): Set<SchemaNode> {
  const cached = reachCache.get(root);
  if (cached) return cached;
  const seen = new Set<SchemaNode>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (node.$ref) stack.push(resolveRef(node));
    for (const child of Object.values(node.properties ?? {})) stack.push(child);
    for (const child of Object.values(node.patternProperties ?? {})) stack.push(child);
    if (typeof node.additionalProperties === 'object') stack.push(node.additionalProperties);
    if (Array.isArray(node.items)) stack.push(...node.items);
    else if (node.items) stack.push(node.items);
    stack.push(...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? []));
    if (node.not) stack.push(node.not);
  }
  reachCache.set(root, seen);
  return seen;
}
