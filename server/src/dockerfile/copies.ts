/**
 * COPY and ADD instructions as rules need them: which context they read
 * (`--from`), their source paths with ranges, and their destination.
 */
import { Instruction, JSONInstruction } from 'dockerfile-ast';
import { Range } from 'vscode-languageserver-types';
import { DockerfileModel, Stage } from './model';

export interface CopySource {
  /** The path with surrounding quotes removed. */
  value: string;
  range: Range;
}

export interface CopyInstruction {
  instruction: Instruction;
  keyword: 'COPY' | 'ADD';
  stage: Stage;
  /** The `--from` value, or null when the instruction reads the build context. */
  from: string | null;
  sources: CopySource[];
  destination: CopySource;
}

/**
 * Every COPY and ADD with at least one source and a destination, in document
 * order. Here-documents (`COPY <<EOF`) have no context source and are left out,
 * as are shell-form instructions whose quoting we cannot split.
 */
export function copyInstructions(model: DockerfileModel): readonly CopyInstruction[] {
  // Built once per model: several rules read them. Shared: do not modify.
  let copies = copiesOf.get(model);
  if (!copies) {
    copies = Object.freeze(readCopyInstructions(model));
    copiesOf.set(model, copies);
  }
  return copies;
}

const copiesOf = new WeakMap<DockerfileModel, readonly CopyInstruction[]>();

function readCopyInstructions(model: DockerfileModel): CopyInstruction[] {
  const copies: CopyInstruction[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const paths = pathsOf(model, instruction);
      if (!paths || paths.length < 2) continue;
      const fromFlag =
        instruction instanceof JSONInstruction ? instruction.getFlags().find((f) => f.getName() === 'from') : undefined;
      copies.push({
        instruction,
        keyword,
        stage,
        from: fromFlag ? (fromFlag.getValue() ?? '') : null,
        sources: paths.slice(0, -1),
        destination: paths[paths.length - 1],
      });
    }
  }
  return copies;
}

function pathsOf(model: DockerfileModel, instruction: Instruction): CopySource[] | null {
  if (instruction instanceof JSONInstruction && model.isExecForm(instruction)) {
    return instruction.getJSONStrings().map((s) => ({ value: s.getJSONValue(), range: s.getJSONRange() }));
  }
  if (model.isExecForm(instruction)) return null;
  const args = instruction.getArguments();
  if (args.some((a) => a.getValue().startsWith('<<'))) return null;
  const paths: CopySource[] = [];
  for (const arg of args) {
    const raw = arg.getValue();
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    if (!quoted && /["']/.test(raw)) return null;
    paths.push({ value: quoted ? quoted[2] : raw, range: arg.getRange() });
  }
  return paths;
}

/** True for sources that ADD downloads or clones rather than reads from the context. */
export function isRemoteSource(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value);
}

/**
 * True for sources that copy the whole build context (`.`, `./`, `*`): every
 * source change then invalidates the layer.
 */
export function copiesWholeContext(value: string): boolean {
  return value === '.' || value === './' || value === '*';
}
