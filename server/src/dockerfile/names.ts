/**
 * Every place a Dockerfile names a build stage or a build variable, with what
 * each one refers to: the index behind definition, references, rename and
 * highlights.
 *
 * Stages: `FROM … AS name` defines; `FROM name`, `COPY --from=name` and
 * `RUN --mount=…,from=name` refer (case-insensitively, as Docker compares
 * stage names); `--from=0` refers to a stage by index and is not a name.
 *
 * Variables: ARG and ENV names define; `$VAR`, `${VAR}`, `${VAR:-x}` refer, in
 * the words Docker expands itself (FROM lines in the global scope; ADD, COPY,
 * ENV, ARG, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and the
 * `--chown`/`--chmod`/`--checksum`/`--mount` options in the stage's scope) and
 * in the shell text of RUN (ARG and ENV) and of shell-form CMD, ENTRYPOINT and
 * HEALTHCHECK (ENV only: build arguments do not reach the container).
 * A reference means the definition visible before its instruction. A stage's
 * `ARG NAME` and the global `ARG NAME` are one variable (the stage opts in to the
 * global value); so are redeclarations of the same kind; an ENV that redefines
 * an ARG shadows it and is a variable of its own.
 */
import { Arg, Env, Instruction, Label, ModifiableInstruction, Run } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { DockerfileModel, Stage } from './model';
import { resolveStageRef } from './stageRefs';
import { oncePer } from '../util/memo';
import { definitionsOf, EXPANDED_IN_STAGE, VariableDefinition, variableReferences, variableScopes } from './variables';

interface OccurrenceBase {
  /** The name as written. */
  name: string;
  /** Document offsets of the name. */
  start: number;
  end: number;
  definition: boolean;
}

export interface StageOccurrence extends OccurrenceBase {
  kind: 'stage';
  stage: Stage;
  /** False for references by index (`--from=0`): they point at the stage but are not its name. */
  renamable: boolean;
}

export interface VariableOccurrence extends OccurrenceBase {
  kind: 'variable';
  /** The definition the name is, or the one a reference resolves to. */
  target: VariableDefinition;
  /** One id per variable: occurrences with the same group are the same variable. */
  group: number;
  renamable: true;
}

export type NameOccurrence = StageOccurrence | VariableOccurrence;

const EXPANDED_FLAGS = new Set(['chown', 'chmod', 'checksum']);
/** Shell-form instructions whose text runs in the container, where only ENV variables exist. */
const RUNTIME_SHELL = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Build stage names as BuildKit accepts them (it lower-cases the name first). */
export const STAGE_NAME_PATTERN = /^[a-z][a-z0-9-_.]*$/i;
/** Names Docker gives a meaning of their own: the empty image and the build context. */
export const RESERVED_STAGE_NAMES: ReadonlySet<string> = new Set(['scratch', 'context']);
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class DockerfileNames {
  /** Every occurrence, in document order. */
  readonly occurrences: NameOccurrence[] = [];
  private readonly parent = new Map<number, number>();
  private readonly definitions = new Map<number, VariableDefinition>();

  constructor(private readonly model: DockerfileModel) {
    this.collectStages();
    this.collectVariables();
    for (const o of this.occurrences) if (o.kind === 'variable') o.group = this.find(o.group);
    this.occurrences.sort((a, b) => a.start - b.start);
  }

  /** The occurrence at a document offset (its end included, so a cursor just after a name finds it). */
  at(offset: number): NameOccurrence | undefined {
    return (
      this.occurrences.find((o) => o.start <= offset && offset < o.end) ??
      this.occurrences.find((o) => o.end === offset)
    );
  }

  /** Every occurrence of the same stage or variable, in document order. */
  sameAs(occurrence: NameOccurrence): NameOccurrence[] {
    return this.occurrences.filter(
      (o) =>
        o.kind === occurrence.kind &&
        (o.kind === 'stage'
          ? o.stage === (occurrence as StageOccurrence).stage
          : o.group === (occurrence as VariableOccurrence).group),
    );
  }

  /** The definitions of the variable `group`, in document order. */
  definitionsIn(group: number): VariableDefinition[] {
    return [...this.definitions.entries()]
      .filter(([id]) => this.find(id) === group)
      .sort(([a], [b]) => a - b)
      .map(([, d]) => d);
  }

  private offset(range: Range): [number, number] {
    return [this.model.offsetAt(range.start), this.model.offsetAt(range.end)];
  }

  private collectStages(): void {
    const model = this.model;
    for (const stage of model.stages) {
      const nameRange = stage.from.getBuildStageRange();
      if (stage.name && nameRange) {
        const [start, end] = this.offset(nameRange);
        this.occurrences.push({
          kind: 'stage',
          name: stage.name,
          start,
          end,
          definition: true,
          stage,
          renamable: true,
        });
      }
      // `FROM builder`: only when the image is literally the stage's name (not `${BASE}` resolving to it).
      const image = stage.from.getImage();
      const imageRange = stage.from.getImageRange();
      if (stage.fromStage && image && imageRange && image.toLowerCase() === stage.fromStage.name?.toLowerCase()) {
        const [start, end] = this.offset(imageRange);
        this.occurrences.push({
          kind: 'stage',
          name: image,
          start,
          end,
          definition: false,
          stage: stage.fromStage,
          renamable: true,
        });
      }
      for (const instruction of stage.instructions) {
        for (const [name, range] of stageFlagValues(instruction)) {
          const target = resolveStageRef(model, name, stage);
          if (target.kind !== 'stage' && target.kind !== 'self' && target.kind !== 'later') continue;
          const [start, end] = this.offset(range);
          this.occurrences.push({
            kind: 'stage',
            name,
            start,
            end,
            definition: false,
            stage: target.stage,
            renamable: !/^\d+$/.test(name),
          });
        }
      }
    }
  }

  private collectVariables(): void {
    const model = this.model;
    const scopes = variableScopes(model);
    // Global ARGs: each default sees the global ARGs before it.
    const globals = new Map<string, VariableDefinition>();
    for (const arg of model.globalArgs) {
      for (const ref of this.referencesIn(arg)) this.reference(ref, globals.get(ref.name));
      for (const def of definitionsOf(model, arg, null)) {
        this.define(def, globals.get(def.name));
        globals.set(def.name, def);
      }
    }
    for (const stage of model.stages) {
      // FROM is evaluated in the global scope.
      for (const ref of this.fromReferences(stage)) this.reference(ref, globals.get(ref.name));
      // What the stage inherits (a stage built on another stage), then its own definitions as they come.
      const scope =
        stage.instructions.length > 0
          ? (scopes.scopeAt(stage.instructions[0])?.defined ?? new Map<string, VariableDefinition>())
          : new Map<string, VariableDefinition>();
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (EXPANDED_IN_STAGE.has(keyword) || keyword === 'RUN') {
          for (const ref of this.referencesIn(instruction)) this.reference(ref, scope.get(ref.name));
        }
        if (keyword === 'RUN' || RUNTIME_SHELL.has(keyword)) {
          for (const ref of this.shellReferences(instruction)) {
            const target = scope.get(ref.name);
            if (keyword === 'RUN' || target?.kind === 'env') this.reference(ref, target);
          }
        }
        for (const def of definitionsOf(model, instruction, stage)) {
          const before = scope.get(def.name);
          // ENV over an ARG shadows it; every other redefinition continues the same variable.
          this.define(def, before && !(def.kind === 'env' && before.kind !== 'env') ? before : undefined);
          if (def.kind === 'arg' && globals.has(def.name))
            this.union(this.idOf(def), this.idOf(globals.get(def.name)!));
        }
        for (const def of definitionsOf(model, instruction, stage)) scope.set(def.name, def);
      }
    }
  }

  private idOf(def: VariableDefinition): number {
    return this.model.offsetAt(def.nameRange.start);
  }

  private define(def: VariableDefinition, continues: VariableDefinition | undefined): void {
    const id = this.idOf(def);
    this.definitions.set(id, def);
    if (!this.parent.has(id)) this.parent.set(id, id);
    if (continues) this.union(id, this.idOf(continues));
    const [start, end] = this.offset(def.nameRange);
    this.occurrences.push({
      kind: 'variable',
      name: def.name,
      start,
      end,
      definition: true,
      target: def,
      group: id,
      renamable: true,
    });
  }

  private reference(
    ref: { name: string; nameStart: number; nameEnd: number },
    target: VariableDefinition | undefined,
  ): void {
    if (!target) return;
    const group = this.idOf(target);
    this.occurrences.push({
      kind: 'variable',
      name: ref.name,
      start: ref.nameStart,
      end: ref.nameEnd,
      definition: false,
      target,
      group,
      renamable: true,
    });
  }

  private find(id: number): number {
    let root = id;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The earlier definition stays the root, so groups are named by their first definition.
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }

  private slice(range: Range | null): ReturnType<typeof variableReferences> {
    if (!range) return [];
    const [start, end] = this.offset(range);
    return variableReferences(this.model.text.slice(start, end), start, this.model.escapeChar);
  }

  /** `$VAR` in a FROM's image and `--platform` value. */
  private fromReferences(stage: Stage): ReturnType<typeof variableReferences> {
    return [
      ...this.slice(stage.from.getImageRange()),
      ...this.slice(stage.from.getPlatformFlag()?.getValueRange() ?? null),
    ];
  }

  /** The references Docker expands in an instruction's words and flags (not the shell text of RUN). */
  private referencesIn(instruction: Instruction): ReturnType<typeof variableReferences> {
    if (instruction instanceof Arg || instruction instanceof Env || instruction instanceof Label) {
      return instruction.getProperties().flatMap((p) => this.slice(p.getValueRange()));
    }
    const refs: ReturnType<typeof variableReferences> = [];
    if (instruction instanceof ModifiableInstruction) {
      for (const flag of instruction.getFlags()) {
        const name = flag.getName().toLowerCase();
        if (EXPANDED_FLAGS.has(name)) refs.push(...this.slice(flag.getValueRange()));
        // Mount options are expanded, except `from` (BuildKit refuses variables there).
        if (name === 'mount')
          for (const option of flag.getOptions())
            if (option.getName().toLowerCase() !== 'from') refs.push(...this.slice(option.getValueRange()));
      }
    }
    if (instruction instanceof Run) return refs;
    const args = instruction.getArguments();
    // Heredoc bodies (COPY <<EOF) are file contents, not Dockerfile words.
    if (args.length === 0 || args.some((a) => a.getValue().startsWith('<<'))) return refs;
    refs.push(...this.slice({ start: args[0].getRange().start, end: args[args.length - 1].getRange().end }));
    return refs;
  }

  /** `$VAR` in the shell text of a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK (the shell expands them). */
  private shellReferences(instruction: Instruction): ReturnType<typeof variableReferences> {
    const sources = this.model.shellSources(instruction) ?? [];
    return sources.flatMap((source) => variableReferences(source.text, source.offset, '\\'));
  }
}

/** The stage names in `COPY --from=` and `RUN --mount=…,from=` of an instruction, with their ranges. */
export function stageFlagValues(instruction: Instruction): [string, Range][] {
  const values: [string, Range][] = [];
  if (!(instruction instanceof ModifiableInstruction)) return values;
  const keyword = instruction.getKeyword();
  for (const flag of instruction.getFlags()) {
    const name = flag.getName().toLowerCase();
    if (keyword === 'COPY' && name === 'from') {
      const value = flag.getValue();
      const range = flag.getValueRange();
      if (value && range) values.push([value, range]);
    } else if (keyword === 'RUN' && name === 'mount') {
      const option = flag.getOptions().find((o) => o.getName().toLowerCase() === 'from');
      const value = option?.getValue();
      const range = option?.getValueRange();
      if (value && range) values.push([value, range]);
    }
  }
  return values;
}

export const dockerfileNames: (model: DockerfileModel) => DockerfileNames = oncePer(
  (model) => new DockerfileNames(model),
);
