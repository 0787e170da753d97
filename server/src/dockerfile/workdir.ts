/** The working directory an instruction runs in, as far as the Dockerfile tells. */
import { posix } from 'path';
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, Stage } from './model';
import { stageLineage } from './stageRefs';

/**
 * The absolute WORKDIR in effect just before `instruction` (inherited through
 * `FROM <stage>`), or null when it is not known: no WORKDIR at all (the base
 * image decides), or one built from a variable.
 */
export function workdirBefore(model: DockerfileModel, stage: Stage, instruction: Instruction): string | null {
  let workdir: string | null = null;
  for (const s of stageLineage(stage).reverse()) {
    for (const i of s.instructions) {
      if (i === instruction) return workdir;
      if (i.getKeyword() !== 'WORKDIR') continue;
      const args = i.getArguments();
      const value = args.length === 1 ? args[0].getValue().replace(/^(["'])(.*)\1$/, '$2') : null;
      if (value === null || value.includes('$') || value.includes(model.escapeChar)) workdir = null;
      else if (value.startsWith('/')) workdir = posix.normalize(value);
      else if (workdir !== null) workdir = posix.resolve(workdir, value);
    }
  }
  return workdir;
}
