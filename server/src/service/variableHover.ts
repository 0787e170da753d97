/**
 * Hovers on build variables: a `$NAME` / `${NAME…}` reference shows what it
 * resolves to through ARG and ENV in its build stage (and the stages it is
 * built on), where that was defined and when it is expanded; an ARG or ENV
 * declaration shows how often it is used. Predefined platform and proxy
 * arguments say what they hold.
 */
import { Instruction, Onbuild } from 'dockerfile-ast';
import { Position, Range } from 'vscode-languageserver-types';
import { PLATFORM_ARG_DOCS, PLATFORM_ARG_NOTE, PROXY_ARG_DOC } from '../dockerfile/buildArgs';
import { DockerfileModel, Stage } from '../dockerfile/model';
import { stageLineage } from '../dockerfile/stageRefs';
import {
  BUILDKIT_ARGS,
  definitionsOf,
  expandedByBuildKit,
  expandVariables,
  PLATFORM_ARGS,
  PROXY_ARGS,
  VariableDefinition,
  VariableReference,
  variableReferences,
} from '../dockerfile/variables';
import { code, lineOf } from './markdown';
import { oncePer } from '../util/memo';
import { rangeContains, sameRange } from '../util/ranges';

/** When a reference is expanded, and by whom. */
type Expansion =
  /** By the builder, while building (COPY, ENV, WORKDIR, FROM…). */
  | 'build'
  /** By the shell of a RUN step, with ARG and ENV values in its environment. */
  | 'run'
  /** By the shell when the container starts (CMD, ENTRYPOINT, HEALTHCHECK): ENV only. */
  | 'runtime'
  /** Not at all: exec form, or an instruction that expands nothing. */
  | 'none'
  /** In a later build that uses this image (ONBUILD). */
  | 'onbuild';

/** What a name resolves to at one place of the Dockerfile. */
export interface Resolution {
  name: string;
  /** The ARG or ENV that decides the value; null for predefined or undefined names. */
  definition: VariableDefinition | null;
  /** For `ARG NAME` without a value in a stage: the global ARG whose default it takes. */
  inheritedFrom: VariableDefinition | null;
  /** The value with defaults, as far as the Dockerfile tells; null when unknown or unset. */
  value: string | null;
}

/** Resolves variables of one model; memoises definition values. */
class VariableResolver {
  private readonly values = new Map<VariableDefinition, string | null>();
  private readonly definitions: VariableDefinition[];
  private readonly depth = new Set<VariableDefinition>();

  constructor(readonly model: DockerfileModel) {
    this.definitions = [];
    for (const arg of model.globalArgs) this.definitions.push(...definitionsOf(model, arg, null));
    for (const stage of model.stages)
      for (const instruction of stage.instructions) this.definitions.push(...definitionsOf(model, instruction, stage));
  }

  allDefinitions(): readonly VariableDefinition[] {
    return this.definitions;
  }

  /**
   * The definition of `name` visible just before `line`: in the global scope
   * when `stage` is null (FROM lines, global ARG defaults), else in the stage
   * and the stages it is built on. An ENV always beats an ARG of the same name.
   */
  resolve(name: string, stage: Stage | null, line: number): Resolution {
    if (stage === null) {
      const global = this.lastBefore(
        this.definitions.filter((d) => d.stage === null && d.name === name),
        line,
      );
      return { name, definition: global, inheritedFrom: null, value: global ? this.valueOf(global) : null };
    }
    const visible: VariableDefinition[] = [];
    for (const s of stageLineage(stage).reverse()) {
      const limit = s === stage ? line : Infinity;
      visible.push(
        ...this.definitions.filter(
          (d) => d.stage === s && d.name === name && d.instruction.getRange().start.line < limit,
        ),
      );
    }
    const env = visible.filter((d) => d.kind === 'env');
    const definition = env.length > 0 ? env[env.length - 1] : visible.length > 0 ? visible[visible.length - 1] : null;
    if (!definition) return { name, definition: null, inheritedFrom: null, value: null };
    const inheritedFrom = definition.kind === 'arg' && definition.value === null ? this.globalOf(name) : null;
    return { name, definition, inheritedFrom, value: this.valueOf(definition) };
  }

  /** The value of a definition with every default filled in; null when unset or unknown. */
  valueOf(definition: VariableDefinition): string | null {
    const cached = this.values.get(definition);
    if (cached !== undefined) return cached;
    if (this.depth.has(definition)) return null;
    this.depth.add(definition);
    let value: string | null;
    if (definition.value === null) {
      // `ARG NAME` in a stage takes the global default of the same name.
      const global = definition.kind === 'arg' ? this.globalOf(definition.name) : null;
      value = global ? this.valueOf(global) : null;
    } else {
      const line = definition.instruction.getRange().start.line;
      const names = new Map<string, string | null>();
      for (const ref of variableReferences(definition.value, 0, this.model.escapeChar)) {
        if (!names.has(ref.name)) names.set(ref.name, this.resolve(ref.name, definition.stage, line).value);
      }
      value = expandVariables(definition.value, names, this.model.escapeChar);
    }
    this.depth.delete(definition);
    this.values.set(definition, value);
    return value;
  }

  private globalOf(name: string): VariableDefinition | null {
    return this.lastBefore(
      this.definitions.filter((d) => d.stage === null && d.name === name),
      Infinity,
    );
  }

  private lastBefore(definitions: VariableDefinition[], line: number): VariableDefinition | null {
    const before = definitions.filter((d) => d.instruction.getRange().start.line < line);
    return before.length > 0 ? before[before.length - 1] : null;
  }
}

const resolverOf: (model: DockerfileModel) => VariableResolver = oncePer((model) => new VariableResolver(model));

/** One reference with the instruction it is in and where it is expanded. */
interface PlacedReference {
  ref: VariableReference;
  instruction: Instruction;
  stage: Stage | null;
  expansion: Expansion;
}

/** Every variable reference of an instruction (flags, arguments, heredocs), after its keyword. */
function referencesOf(model: DockerfileModel, instruction: Instruction): PlacedReference[] {
  const start = model.offsetAt(instruction.getInstructionRange().end);
  const end = model.offsetAt(instruction.getRange().end);
  const stage = model.stageOf(instruction) ?? null;
  const inFrom = instruction.getKeyword() === 'FROM' || stage === null;
  const expansion = expansionOf(model, instruction);
  return variableReferences(model.text.slice(start, end), start, model.escapeChar).map((ref) => ({
    ref,
    instruction,
    stage: inFrom ? null : stage,
    expansion,
  }));
}

function expansionOf(model: DockerfileModel, instruction: Instruction): Expansion {
  const keyword = instruction.getKeyword();
  if (instruction instanceof Onbuild) return 'onbuild';
  if (keyword === 'RUN') return model.isExecForm(instruction) ? 'none' : 'run';
  if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK')
    return model.isExecForm(instruction) ? 'none' : 'runtime';
  return expandedByBuildKit(keyword) ? 'build' : 'none';
}

function allReferences(model: DockerfileModel): PlacedReference[] {
  return model.ast.getInstructions().flatMap((instruction) => referencesOf(model, instruction));
}

/** The hover for a variable reference under the cursor, or null when there is none. */
export function variableReferenceHover(
  model: DockerfileModel,
  instruction: Instruction,
  position: Position,
): { markdown: string; range: Range } | null {
  const offset = model.offsetAt(position);
  const placed = referencesOf(model, instruction)
    .filter((p) => p.ref.start <= offset && offset <= p.ref.end)
    // The innermost reference (`${A:-$B}` on `$B`).
    .sort((a, b) => a.ref.end - a.ref.start - (b.ref.end - b.ref.start))[0];
  if (!placed) return null;
  return { markdown: referenceMarkdown(model, placed), range: model.rangeOf(placed.ref.start, placed.ref.end) };
}

function referenceMarkdown(model: DockerfileModel, placed: PlacedReference): string {
  const { ref, instruction, stage, expansion } = placed;
  const resolver = resolverOf(model);
  const line = instruction.getRange().start.line;
  const resolution = resolver.resolve(ref.name, stage, line);
  const parts: string[] = [];
  const def = resolution.definition;
  const title = `**${code('$' + ref.name)}**`;

  if (expansion === 'none') {
    parts.push(
      `${title}: not expanded here. ${model.isExecForm(instruction) ? 'Exec form (`[...]`) runs the program without a shell, so the text stays as written; use `["sh", "-c", "..."]` when you need the variable.' : `\`${instruction.getKeyword()}\` does not expand variables.`}`,
    );
    return parts.join('\n\n');
  }
  if (expansion === 'onbuild') {
    parts.push(
      `${title}: expanded later, when the \`ONBUILD\` trigger runs in a build that uses this image, with that build's variables.`,
    );
    return parts.join('\n\n');
  }

  if (expansion === 'runtime') {
    // Only ENV survives into the container.
    const env = def?.kind === 'env' ? def : null;
    parts.push(
      `${title}: expanded by the shell when the container runs this command, so only \`ENV\` values (and the base image's environment) count; \`ARG\` values are gone by then.`,
    );
    if (env) parts.push(definitionLine(model, resolver, env));
    else if (def)
      parts.push(
        `Only an \`ARG\` of this name is defined (line ${lineOf(def.instruction)}): it is empty at run time. Copy it into an \`ENV\` if the container needs it.`,
      );
    else
      parts.push(
        'No `ENV` of this stage (or the stages it builds on) defines it: empty, unless the base image or `docker run -e` sets it.',
      );
    return parts.join('\n\n');
  }

  if (def) {
    parts.push(`${title}: ${kindName(def)}`);
    parts.push(definitionLine(model, resolver, def, resolution.inheritedFrom));
    if (def.kind !== 'env' && !PLATFORM_ARGS.includes(ref.name))
      parts.push(`\`docker build --build-arg ${ref.name}=…\` overrides the default.`);
  } else if (stage === null && PLATFORM_ARGS.includes(ref.name)) {
    parts.push(`${title}: a predefined platform argument, set by BuildKit. ${PLATFORM_ARG_DOCS[ref.name]}`);
  } else if (PLATFORM_ARGS.includes(ref.name)) {
    parts.push(`${title}: ${PLATFORM_ARG_DOCS[ref.name]}`);
    parts.push(`Not visible in this stage yet: ${PLATFORM_ARG_NOTE}`);
  } else if (PROXY_ARGS.includes(ref.name)) {
    parts.push(`${title}: ${PROXY_ARG_DOC}`);
  } else if (BUILDKIT_ARGS.includes(ref.name)) {
    parts.push(`${title}: a build argument BuildKit reads itself.`);
  } else if (stage === null) {
    parts.push(
      `${title}: no global \`ARG\` defines it before this line, so it is empty unless the build passes \`--build-arg ${ref.name}=…\`${instruction.getKeyword() === 'FROM' ? '' : ' and an `ARG` declares it'}.`,
    );
  } else if (expansion === 'run') {
    parts.push(
      `${title}: not defined by an \`ARG\` or \`ENV\` of this stage before this line. The shell takes it from the base image's environment (like \`PATH\` or \`HOME\`) or from the script itself; otherwise it is empty.`,
    );
  } else {
    parts.push(
      `${title}: not defined by an \`ARG\` or \`ENV\` of this stage before this line: empty, unless the base image sets it with \`ENV\`.`,
    );
  }

  if (!def && stage !== null) {
    const global = resolver.allDefinitions().find((d) => d.kind === 'global-arg' && d.name === ref.name);
    if (global)
      parts.push(
        `A global \`ARG ${ref.name}\` exists (line ${lineOf(global.instruction)}), but stages only see it after \`ARG ${ref.name}\` inside the stage.`,
      );
  }
  if (def && ref.operator) {
    const names = new Map<string, string | null>();
    for (const inner of variableReferences(model.text.slice(ref.start, ref.end), 0, model.escapeChar)) {
      if (!names.has(inner.name)) names.set(inner.name, resolver.resolve(inner.name, stage, line).value);
    }
    const result = expandVariables(model.text.slice(ref.start, ref.end), names, model.escapeChar);
    if (result !== null) parts.push(`The whole expression gives ${code(result)} with the defaults.`);
  }
  if (expansion === 'run')
    parts.push('Expanded by the shell of this `RUN` step, which sees `ARG` and `ENV` values as environment variables.');
  return parts.join('\n\n');
}

function kindName(def: VariableDefinition): string {
  if (def.kind === 'env') return 'an environment variable (`ENV`), also set in containers run from the image.';
  if (def.kind === 'global-arg')
    return 'a global build argument (`ARG` before the first `FROM`), usable in `FROM` lines.';
  return 'a build argument (`ARG`) of this stage; `RUN` steps see it as an environment variable, the image does not keep it.';
}

function definitionLine(
  model: DockerfileModel,
  resolver: VariableResolver,
  def: VariableDefinition,
  inheritedFrom: VariableDefinition | null = null,
): string {
  const value = resolver.valueOf(def);
  const where = `Defined on line ${lineOf(def.instruction)}${def.stage && model.stages.length > 1 ? stageSuffix(def.stage) : ''}: ${code(model.lineText(def.instruction.getRange().start.line).trim())}`;
  const label = def.kind === 'env' ? 'Value' : 'Default';
  let valueText: string;
  if (value === null && def.value === null && inheritedFrom === null && PLATFORM_ARGS.includes(def.name))
    valueText = `Set by BuildKit. ${PLATFORM_ARG_DOCS[def.name]}`;
  else if (value === null && def.value === null && inheritedFrom === null)
    valueText = `${label}: none, so it is empty unless the build passes one.`;
  else if (value === null) valueText = `${label}: not known without a build (it depends on another variable).`;
  else if (value === '') valueText = `${label}: empty.`;
  else
    valueText = `${label}: ${code(value)}${def.value !== null && def.value !== value ? ` (written ${code(def.value)})` : ''}`;
  if (inheritedFrom) valueText += ` Taken from the global \`ARG\` on line ${lineOf(inheritedFrom.instruction)}.`;
  return `${valueText}\n\n${where}`;
}

function stageSuffix(stage: Stage): string {
  return stage.name ? ` (stage ${code(stage.name)})` : ` (stage ${stage.index})`;
}

/** The hover on the name of an ARG or ENV declaration: what it is, its value and how often it is used. */
export function declarationHover(
  model: DockerfileModel,
  instruction: Instruction,
  position: Position,
): { markdown: string; range: Range } | null {
  const stage = model.stageOf(instruction) ?? null;
  const def = definitionsOf(model, instruction, stage).find((d) => rangeContains(d.nameRange, position));
  if (!def) return null;
  const resolver = resolverOf(model);
  // The same definition object: the resolver's list holds others built from the same instruction.
  const own =
    resolver
      .allDefinitions()
      .find((d) => d.instruction === instruction && d.name === def.name && sameRange(d.nameRange, def.nameRange)) ??
    def;
  const uses = allReferences(model).filter((p) => {
    if (p.ref.name !== own.name || p.expansion === 'none' || p.expansion === 'onbuild') return false;
    const resolved = resolver.resolve(p.ref.name, p.stage, p.instruction.getRange().start.line);
    if (p.expansion === 'runtime' && own.kind !== 'env') return false;
    return resolved.definition === own;
  });
  const parts = [`**${code(own.name)}**: ${kindName(own)}`];
  const value = resolver.valueOf(own);
  if (own.value !== null || value !== null)
    parts.push(
      `${own.kind === 'env' ? 'Value' : 'Default'}: ${value === null ? 'not known without a build' : value === '' ? 'empty' : code(value)}`,
    );
  else if (PLATFORM_ARGS.includes(own.name))
    parts.push(
      `Set by BuildKit. ${PLATFORM_ARG_DOCS[own.name]}${own.kind === 'arg' ? ' This `ARG` makes it visible in the stage.' : ''}`,
    );
  else if (PROXY_ARGS.includes(own.name)) parts.push(PROXY_ARG_DOC);
  else
    parts.push(
      own.kind === 'arg'
        ? 'No default: empty unless the build passes `--build-arg ' + own.name + '=…`.'
        : 'No default.',
    );
  const lines = [...new Set(uses.map((u) => lineOf(u.instruction)))];
  let usesText =
    uses.length === 0
      ? 'Not used as `$' + own.name + '` anywhere.'
      : `Used ${uses.length} time${uses.length === 1 ? '' : 's'}, on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}.`;
  if (own.kind === 'global-arg') {
    const redeclared = resolver
      .allDefinitions()
      .filter((d) => d.kind === 'arg' && d.name === own.name && d.value === null);
    if (redeclared.length > 0)
      usesText += ` Brought into ${redeclared.length === 1 ? 'a stage' : `${redeclared.length} stages`} by \`ARG ${own.name}\` (line ${redeclared.map((d) => lineOf(d.instruction)).join(', ')}).`;
    else usesText += ` Stages only see it after \`ARG ${own.name}\`.`;
  } else if (own.kind === 'arg' && uses.length === 0) {
    usesText += ' `RUN` steps still see it as an environment variable, so a program may read it directly.';
  }
  parts.push(usesText);
  return { markdown: parts.join('\n\n'), range: own.nameRange };
}
