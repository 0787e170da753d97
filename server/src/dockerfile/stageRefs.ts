/**
 * What `COPY --from=…`, `RUN --mount=…,from=…` and `FROM <name>` point at:
 * an earlier build stage, the current one, a later one, or an image.
 */
import { Copy, Flag, Instruction, Run } from 'dockerfile-ast';
import { Range, TextEdit } from 'vscode-languageserver-types';
import { DockerfileModel, Scope, Stage } from './model';

export type StageRef =
  | { kind: 'stage'; stage: Stage }
  | { kind: 'self'; stage: Stage }
  | { kind: 'later'; stage: Stage }
  | { kind: 'index-out-of-range' }
  /** Looks like an image reference (a tag, digest or path), or is `scratch`. */
  | { kind: 'image' }
  /** A bare name that is no stage: Docker would pull an image of that name. */
  | { kind: 'unknown' }
  /** Not literal (`$VAR`): cannot be resolved. */
  | { kind: 'dynamic' };

/** Resolves `name` as seen from inside `from` (the stage the instruction belongs to). */
export function resolveStageRef(model: DockerfileModel, name: string, from: Stage): StageRef {
  if (name.includes('$')) return { kind: 'dynamic' };
  if (/^\d+$/.test(name)) {
    const index = Number(name);
    if (index < from.index) return { kind: 'stage', stage: model.stages[index] };
    if (index === from.index) return { kind: 'self', stage: from };
    return index < model.stages.length ? { kind: 'later', stage: model.stages[index] } : { kind: 'index-out-of-range' };
  }
  const named = stagesByName(model).get(name.toLowerCase()) ?? [];
  // The nearest earlier stage of that name (stages are in document order).
  for (let i = named.length - 1; i >= 0; i--)
    if (named[i].index < from.index) return { kind: 'stage', stage: named[i] };
  if (named.includes(from)) return { kind: 'self', stage: from };
  if (looksLikeImage(name)) return { kind: 'image' };
  if (named.length > 0) return { kind: 'later', stage: named[0] };
  return { kind: 'unknown' };
}

/** The stages of each (lower-cased) name, in document order; built once per model, so resolving every reference stays linear. */
const stageIndexes = new WeakMap<DockerfileModel, Map<string, Stage[]>>();

function stagesByName(model: DockerfileModel): Map<string, Stage[]> {
  let index = stageIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const list = index.get(key);
      if (list) list.push(stage);
      else index.set(key, [stage]);
    }
    stageIndexes.set(model, index);
  }
  return index;
}

/** `scratch`, or a name with a tag, digest or path: clearly an image, not a stage. */
export function looksLikeImage(name: string): boolean {
  return name.toLowerCase() === 'scratch' || /[:/@]/.test(name);
}

export interface StageReference {
  instruction: Instruction;
  stage: Stage;
  /** The name as written. */
  name: string;
  range: Range;
  via: 'copy' | 'mount' | 'from';
}

/** The `--from` flag of a COPY (ADD has none), wherever it sits among the flags. */
export function copyFromFlag(instruction: Instruction): Flag | null {
  // dockerfile-ast's getFromFlag() only looks at the first flag.
  return instruction instanceof Copy
    ? (instruction.getFlags().find((f) => f.getName().toLowerCase() === 'from') ?? null)
    : null;
}

/**
 * Every `COPY --from=` and `RUN --mount=…,from=` in the stages, in document order; found once per model
 * (several rules read them). Shared: do not modify.
 */
export function fromReferences(model: DockerfileModel): readonly StageReference[] {
  let references = referencesOf.get(model);
  if (!references) {
    references = Object.freeze(readFromReferences(model));
    referencesOf.set(model, references);
  }
  return references;
}

const referencesOf = new WeakMap<DockerfileModel, readonly StageReference[]>();

function readFromReferences(model: DockerfileModel): StageReference[] {
  const references: StageReference[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const flag = copyFromFlag(instruction);
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (flag && value && range) {
        references.push({ instruction, stage, name: value, range, via: 'copy' });
        continue;
      }
      if (!(instruction instanceof Run)) continue;
      for (const mount of instruction.getFlags()) {
        if (mount.getName() !== 'mount') continue;
        const option = mount.getOption('from');
        const name = option?.getValue();
        const optionRange = option?.getValueRange();
        if (option && name && optionRange)
          references.push({ instruction, stage, name, range: optionRange, via: 'mount' });
      }
    }
  }
  return references;
}

/**
 * Stages that nothing later in the file builds on or copies from: the final
 * stage, and any other stage that can only be meant as a `--target`.
 */
export function leafStages(model: DockerfileModel): Stage[] {
  const used = new Set<Stage>();
  for (const stage of model.stages) if (stage.fromStage) used.add(stage.fromStage);
  for (const ref of fromReferences(model)) {
    const target = resolveStageRef(model, ref.name, ref.stage);
    if (target.kind === 'stage') used.add(target.stage);
  }
  return model.stages.filter((s) => !used.has(s));
}

/** The stage (or scope) and its ancestors (`FROM <stage>` chain; for ONBUILD triggers, the stage storing them), nearest first. */
export function stageLineage<S extends Scope>(stage: S): S[] {
  const lineage: S[] = [];
  let current: S | null = stage;
  while (current && !lineage.includes(current)) {
    lineage.push(current);
    current = current.fromStage as S | null;
  }
  return lineage;
}

/** Edits that rename stage `index` and every reference to it (references are case-insensitive). */
export function renameStageEdits(model: DockerfileModel, index: number, newName: string): TextEdit[] {
  const stage = model.stages[index];
  const key = stage.name!.toLowerCase();
  const edits: TextEdit[] = [TextEdit.replace(stage.from.getBuildStageRange()!, newName)];
  const replaceIfRef = (value: string | null, range: Range | null, from: Stage | null) => {
    if (value === null || !range || value.toLowerCase() !== key || value === newName) return;
    // With duplicate stage names, a reference means the nearest earlier one.
    const target = from ? resolveStageRef(model, value, from) : null;
    if (from && (target?.kind !== 'stage' || target.stage !== stage)) return;
    edits.push(TextEdit.replace(range, newName));
  };
  for (const later of model.stages.slice(index + 1)) {
    if (later.fromStage === stage) replaceIfRef(later.from.getImage(), later.from.getImageRange(), null);
    for (const instruction of later.instructions) {
      for (const flag of stageFlagsOf(instruction)) {
        if (flag.getName().toLowerCase() === 'from') replaceIfRef(flag.getValue(), flag.getValueRange(), later);
        if (flag.getName().toLowerCase() === 'mount') {
          const from = flag.getOption('from');
          if (from) replaceIfRef(from.getValue(), from.getValueRange(), later);
        }
      }
    }
  }
  return edits;
}

function stageFlagsOf(instruction: Instruction): Flag[] {
  return instruction instanceof Copy || instruction instanceof Run ? instruction.getFlags() : [];
}
